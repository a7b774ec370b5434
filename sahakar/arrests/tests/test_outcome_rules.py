"""Every custody ends in exactly one recorded outcome: referred to the prosecutor, released
(with a reason) or transferred to treatment; never before the arrival, never twice."""

from datetime import timedelta

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from sahakar.arrests import services
from sahakar.arrests.choices import CustodyState
from sahakar.arrests.clocks import custody_status
from sahakar.arrests.models import Arrest, CustodyOutcome
from sahakar.arrests.tests.conftest import local, record

pytestmark = pytest.mark.django_db

ARRIVAL = local(2025, 8, 4, 21, 15)


def refused(arrest: Arrest, kind: str = "referred", **changes: object) -> dict[str, list[str]]:
    values: dict[str, object] = {"decided_at": ARRIVAL + timedelta(hours=20), **changes}
    count = CustodyOutcome.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.record_outcome(arrest, kind, acting_user=None, **values)  # type: ignore[arg-type]
    assert CustodyOutcome.objects.count() == count
    return caught.value.message_dict


def test_it_records_the_outcome_and_ends_the_custody() -> None:
    arrest = record(arrived_at=ARRIVAL)
    outcome = services.record_outcome(
        arrest,
        "referred",
        ARRIVAL + timedelta(hours=30),
        reference="PP-PROS-REC-88",
        acting_user=None,
    )
    assert outcome.arrest_id == arrest.pk and outcome.reference == "PP-PROS-REC-88"
    status = custody_status(Arrest.objects.get(pk=arrest.pk))
    assert status.state == CustodyState.ENDED_ON_TIME
    assert status.ended_at == ARRIVAL + timedelta(hours=30)


def test_it_refuses_a_second_outcome() -> None:
    arrest = record(arrived_at=ARRIVAL)
    services.record_outcome(
        arrest, "released", ARRIVAL + timedelta(hours=5), "No evidence", acting_user=None
    )
    errors = refused(Arrest.objects.get(pk=arrest.pk), "treatment")
    assert errors[NON_FIELD_ERRORS] == [
        "This custody already ended: released at 2025-08-05 02:15. An outcome is recorded once."
    ]
    assert CustodyOutcome.objects.get(arrest=arrest).kind == "released"


def test_it_refuses_an_outcome_before_the_arrival_at_the_unit() -> None:
    arrest = record(arrived_at=ARRIVAL)
    errors = refused(arrest, decided_at=ARRIVAL - timedelta(minutes=1))
    assert errors["decided_at"] == [
        "The custody cannot end before the arrival at the unit (2025-08-04 21:15)."
    ]


def test_it_refuses_an_outcome_before_a_granted_extension() -> None:
    arrest = record(arrived_at=ARRIVAL)
    services.grant_extension(
        arrest, ARRIVAL + timedelta(hours=40), 24, "ORD-5", "Lab", acting_user=None
    )
    errors = refused(arrest, decided_at=ARRIVAL + timedelta(hours=39))
    assert "extended at 2025-08-06 13:15" in errors["decided_at"][0]


def test_it_refuses_a_release_without_a_reason() -> None:
    arrest = record(arrived_at=ARRIVAL)
    assert refused(arrest, "released", reason="  ")["reason"] == [
        "Say why the person was released."
    ]


def test_it_refuses_an_outcome_in_the_future_or_of_an_unknown_kind() -> None:
    arrest = record()
    errors = refused(arrest, "escaped", decided_at=timezone.now() + timedelta(hours=2))
    assert errors["kind"] == ["Choose how the custody ended."]
    assert errors["decided_at"] == ["The time the custody ended is in the future."]
