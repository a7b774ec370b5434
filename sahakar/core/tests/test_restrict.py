"""restrict(): the one place access is decided (jurisdiction subtree, role, joint operations)."""

from typing import Any

import pytest

from sahakar.operations.models import Operation
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.testing import factories as f
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db


def test_it_keeps_records_inside_the_jurisdiction_subtree(pp_officer: Any) -> None:
    inside = f.make_venue(f.first_district(f.PHNOM_PENH))
    outside = f.make_venue(f.unit(f.SIEM_REAP))
    seen = set(Venue.objects.restrict(pp_officer))
    assert inside in seen
    assert outside not in seen


def test_it_shows_national_users_everything(national_analyst: Any) -> None:
    f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_seizure(f.unit(f.SIEM_REAP))
    assert Seizure.objects.restrict(national_analyst).count() == 2


def test_it_shows_joint_operations_to_every_participating_agency(sr_officer: Any) -> None:
    joint = f.make_operation(f.unit(f.PHNOM_PENH), lead="ADD")
    joint.participating_agencies.add(f.agency("ADB-SR"))
    led = f.make_operation(f.unit(f.PHNOM_PENH), lead="ADB-SR")
    other = f.make_operation(f.unit(f.PHNOM_PENH), lead="ADD")
    seen = set(Operation.objects.restrict(sr_officer))
    assert {joint, led} <= seen
    assert other not in seen


def test_it_hides_persons_from_roles_without_need(
    national_analyst: Any, prevention_officer: Any
) -> None:
    f.make_person(f.unit(f.PHNOM_PENH))
    assert not Person.objects.restrict(national_analyst).exists()
    assert not Person.objects.restrict(prevention_officer).exists()


def test_it_shows_nothing_to_users_without_a_profile(outsider: Any) -> None:
    f.make_venue(f.unit(f.PHNOM_PENH))
    assert not Venue.objects.restrict(outsider).exists()


def test_it_follows_a_child_record_to_its_parent_jurisdiction(pp_officer: Any) -> None:
    item = f.make_item(f.make_seizure(f.unit(f.SIEM_REAP)))
    assert item not in SeizureItem.objects.restrict(pp_officer)


def test_it_refuses_write_actions_to_read_only_roles(national_analyst: Any) -> None:
    f.make_venue(f.unit(f.PHNOM_PENH))
    assert Venue.objects.restrict(national_analyst, "view").count() == 1
    assert not Venue.objects.restrict(national_analyst, "change").exists()
