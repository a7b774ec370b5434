"""An extension is the prosecutor's written order: refused without its reference or reason,
beyond the rule's hours or number, for offences that allow none, after the deadline passed,
before the arrival, in the future, and once the custody ended. A refusal changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from sahakar.arrests import services
from sahakar.arrests.models import Arrest, CustodyExtension
from sahakar.arrests.tests.conftest import MISDEMEANOUR, local, record
from sahakar.core.models import ObjectChange

pytestmark = pytest.mark.django_db

ARRIVAL = local(2025, 6, 10, 23, 30)
IN_TIME = ARRIVAL + timedelta(hours=30)


def refused(arrest: Arrest, **changes: object) -> dict[str, list[str]]:
    values: dict[str, object] = {
        "granted_at": IN_TIME,
        "hours": 24,
        "order_reference": "PP-PROS-2025-0412",
        "reason": "Waiting for the laboratory result",
        **changes,
    }
    deadline, count = arrest.custody_deadline, CustodyExtension.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.grant_extension(arrest, acting_user=None, **values)  # type: ignore[arg-type]
    arrest.refresh_from_db()
    assert arrest.custody_deadline == deadline
    assert CustodyExtension.objects.count() == count
    return caught.value.message_dict


def test_it_grants_an_extension_moves_the_deadline_and_records_both() -> None:
    arrest = record(arrived_at=ARRIVAL)
    extension = services.grant_extension(
        arrest,
        IN_TIME,
        24,
        " PP-PROS-2025-0412 ",
        "Waiting for the laboratory result",
        acting_user=None,
    )
    assert extension.order_reference == "PP-PROS-2025-0412"
    assert arrest.custody_deadline == ARRIVAL + timedelta(hours=72)
    arrest.refresh_from_db()
    assert arrest.custody_deadline == ARRIVAL + timedelta(hours=72)
    history = ObjectChange.objects.filter(object_id__in=[str(arrest.pk), str(extension.pk)])
    assert set(history.values_list("content_type__model", "action")) >= {
        ("custodyextension", "create"),
        ("arrest", "update"),
    }


def test_it_refuses_an_extension_without_order_reference_or_reason() -> None:
    arrest = record(arrived_at=ARRIVAL)
    errors = refused(arrest, order_reference="  ", reason="")
    assert "written order" in errors["order_reference"][0]
    assert "reason" in errors["reason"][0]


def test_it_refuses_more_hours_than_the_rule_allows() -> None:
    arrest = record(arrived_at=ARRIVAL)
    errors = refused(arrest, hours=25)
    assert errors["hours"] == [
        "An extension is at most 24 hours for a felony (Code of Criminal Procedure, art. 96)."
    ]
    assert refused(arrest, hours=0)["hours"] == ["An extension is at least one hour."]


def test_it_refuses_a_second_extension_when_one_is_allowed() -> None:
    arrest = record(arrived_at=ARRIVAL)
    services.grant_extension(arrest, IN_TIME, 12, "ORD-1", "Lab result pending", acting_user=None)
    errors = refused(arrest, granted_at=IN_TIME + timedelta(hours=1), hours=12)
    assert "already extended 1 time(s)" in errors[NON_FIELD_ERRORS][0]


def test_it_refuses_extending_an_offence_class_without_extensions() -> None:
    arrest = record(arrived_at=ARRIVAL, offences=[MISDEMEANOUR])
    errors = refused(arrest)
    assert errors[NON_FIELD_ERRORS] == [
        "Custody for a misdemeanour cannot be extended (Code of Criminal Procedure, art. 96)."
    ]


def test_it_refuses_an_extension_granted_after_the_deadline_passed() -> None:
    arrest = record(arrived_at=ARRIVAL)
    at_deadline = ARRIVAL + timedelta(hours=48)
    errors = refused(arrest, granted_at=at_deadline + timedelta(minutes=1))
    assert "already run out at 2025-06-12 23:30" in errors["granted_at"][0]
    services.grant_extension(
        arrest, at_deadline, 24, "ORD-2", "Signed at the last minute", acting_user=None
    )


def test_it_refuses_an_extension_before_the_arrival_or_in_the_future() -> None:
    arrest = record(arrived_at=local(2025, 6, 10, 8, 0))
    assert (
        "before the arrival"
        in refused(arrest, granted_at=local(2025, 6, 10, 7, 0))["granted_at"][0]
    )
    fresh = record()
    errors = refused(fresh, granted_at=timezone.now() + timedelta(hours=1))
    assert errors["granted_at"] == ["The time the extension was granted is in the future."]


def test_it_refuses_an_extension_once_the_custody_ended() -> None:
    arrest = record(arrived_at=ARRIVAL)
    services.record_outcome(
        arrest, "referred", ARRIVAL + timedelta(hours=20), reference="REF-7", acting_user=None
    )
    errors = refused(arrest)
    assert "already ended (referred to the prosecutor" in errors[NON_FIELD_ERRORS][0]
