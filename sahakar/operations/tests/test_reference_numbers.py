"""An operation's reference: OP, the province's short code, the planned year, a counter."""

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sahakar.operations.models import Operation
from sahakar.operations.tests.payloads import operation_payload
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

PHNOM_PENH_TIME = ZoneInfo("Asia/Phnom_Penh")


def test_it_numbers_operations_by_province_and_planned_year() -> None:
    new_year = datetime(2025, 1, 1, 0, 30, tzinfo=PHNOM_PENH_TIME)  # still 2024 in UTC
    first = f.make_operation(f.first_district(f.PHNOM_PENH), planned_start=new_year)
    second = f.make_operation(f.unit(f.PHNOM_PENH), planned_start=new_year)
    siem_reap = f.make_operation(f.unit(f.SIEM_REAP), planned_start=new_year)
    earlier = f.make_operation(
        f.unit(f.PHNOM_PENH), planned_start=datetime(2024, 5, 1, tzinfo=PHNOM_PENH_TIME)
    )
    assert [first.reference, second.reference, siem_reap.reference, earlier.reference] == [
        "OP-PP-2025-00001",
        "OP-PP-2025-00002",
        "OP-SR-2025-00001",
        "OP-PP-2024-00001",
    ]


def test_it_keeps_the_reference_when_the_operation_changes() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    reference = operation.reference
    operation.org_unit = f.unit(f.SIEM_REAP)
    operation.planned_start = operation.planned_start.replace(year=2030)
    operation.planned_end = operation.planned_start
    operation.save()
    assert Operation.objects.get(pk=operation.pk).reference == reference


def test_it_ignores_a_reference_sent_through_the_api(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    response = api.post(
        "/api/v1/operations/", operation_payload(reference="OP-XX-1999-99999"), format="json"
    )
    assert response.status_code == 201
    assert re.fullmatch(r"OP-PP-\d{4}-\d{5}", response.json()["reference"])
