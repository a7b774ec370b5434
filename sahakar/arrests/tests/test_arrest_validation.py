"""An arrest's facts are checked before the clock starts: the arrival cannot precede the
arrest, neither can lie in the future, the place must be named and lie in the org unit, and
the offences must have a custody rule. A refused arrest records nothing."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sahakar.arrests.models import Arrest
from sahakar.arrests.tests.conftest import local, record
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def refused(**fields: Any) -> dict[str, list[str]]:
    count = Arrest.objects.count()
    with pytest.raises(ValidationError) as caught:
        record(**fields)
    assert Arrest.objects.count() == count
    return caught.value.message_dict


def test_it_refuses_an_arrival_before_the_arrest() -> None:
    errors = refused(arrested_at=local(2025, 5, 1, 22, 0), arrived_at=local(2025, 5, 1, 21, 59))
    assert errors["arrived_at"] == [
        "The arrival at the unit (2025-05-01 21:59) is before the arrest (2025-05-01 22:00)."
    ]


def test_it_refuses_an_arrest_or_arrival_in_the_future() -> None:
    later = timezone.now() + timedelta(hours=3)
    errors = refused(arrested_at=later, arrived_at=later + timedelta(minutes=30))
    assert errors["arrested_at"] == ["The time of arrest is in the future."]
    assert errors["arrived_at"] == ["The arrival at the unit is in the future."]


def test_it_allows_an_arrest_a_few_minutes_ahead_of_the_server_clock() -> None:
    soon = timezone.now() + timedelta(minutes=2)
    arrest = record(arrested_at=soon - timedelta(minutes=1), arrived_at=soon)
    assert arrest.custody_deadline == soon + timedelta(hours=48)


def test_it_refuses_a_venue_outside_the_org_unit_and_an_operation_elsewhere() -> None:
    siem_reap_venue = f.make_venue(f.unit(f.SIEM_REAP))
    operation = f.make_operation(f.unit(f.SIEM_REAP), lead="ADB-SR")
    errors = refused(venue=siem_reap_venue, operation=operation)
    assert errors["venue"][0].startswith("This venue is outside the arrest's org unit")
    assert errors["operation"][0].startswith("This operation took place elsewhere")


def test_it_refuses_an_arrest_without_a_place() -> None:
    assert refused(place_description=" ")["place_description"] == [
        "Name the venue or describe the place."
    ]


def test_it_refuses_an_arrest_without_offences() -> None:
    assert refused(offences=[])["offences"] == ["Name at least one suspected offence."]


def test_it_refuses_an_offence_class_without_a_custody_rule() -> None:
    from sahakar.arrests.models import Offence

    Offence.objects.create(
        code="TEST_PETTY", article="Test", title_en="A petty test offence", offence_class="petty"
    )
    errors = refused(offences=["TEST_PETTY"])
    assert errors["offences"][0].startswith("There is no custody rule for a petty offence")


def test_it_refuses_a_prosecutor_informed_before_the_arrest() -> None:
    errors = refused(
        arrested_at=local(2025, 5, 1, 22, 0),
        arrived_at=local(2025, 5, 1, 22, 30),
        prosecutor_informed_at=local(2025, 5, 1, 21, 0),
    )
    assert errors["prosecutor_informed_at"] == [
        "The prosecutor cannot be informed before the arrest."
    ]
