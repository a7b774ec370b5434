"""The custody services write as the user they act for, even outside a request (a command,
a scheduled job): the arrest, its extension and its outcome name who recorded them."""

from datetime import timedelta

import pytest

from sahakar.arrests import services
from sahakar.arrests.tests.conftest import local, record
from sahakar.operations.choices import OperationStatus
from sahakar.operations.services import change_status
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

ARRIVAL = local(2025, 8, 4, 21, 15)


def test_it_attributes_each_custody_write_to_the_acting_user() -> None:
    officer = f.make_user("recorder", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    arrest = record(arrived_at=ARRIVAL)
    extension = services.grant_extension(
        arrest,
        ARRIVAL + timedelta(hours=20),
        24,
        "PP-PROS-2025-0412",
        "Waiting for the laboratory result",
        acting_user=officer,
    )
    outcome = services.record_outcome(
        arrest, "referred", ARRIVAL + timedelta(hours=30), acting_user=officer
    )
    assert extension.created_by == officer
    assert outcome.created_by == officer
    arrest.refresh_from_db()
    assert arrest.updated_by == officer


def test_it_attributes_a_status_change_to_the_acting_user() -> None:
    officer = f.make_user("commander", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    change_status(operation, OperationStatus.ACTIVE, acting_user=officer)
    operation.refresh_from_db()
    assert operation.updated_by == officer
