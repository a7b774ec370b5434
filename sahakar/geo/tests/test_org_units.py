"""Org units: each one's path is the chain of codes from the nation, so a subtree is one
prefix; a unit knows what it contains and which province it lies in."""

import pytest

from sahakar.geo.models import OrgUnit
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_keeps_the_chain_of_codes_from_the_nation_as_the_path() -> None:
    district = f.first_district(f.PHNOM_PENH)
    assert f.nation().path == f"/{f.nation().code}/"
    assert f.unit(f.PHNOM_PENH).path == f"/{f.nation().code}/{f.PHNOM_PENH}/"
    assert district.path == f"{f.unit(f.PHNOM_PENH).path}{district.code}/"


def test_it_finds_a_subtree_by_its_path() -> None:
    phnom_penh = f.unit(f.PHNOM_PENH)
    within = OrgUnit.objects.within(phnom_penh)
    assert phnom_penh in within
    assert f.first_district(f.PHNOM_PENH) in within
    assert not within.filter(pk=f.unit(f.SIEM_REAP).pk).exists()
    assert not within.filter(pk=f.first_district(f.SIEM_REAP).pk).exists()


def test_it_contains_itself_and_the_units_below_it_only() -> None:
    phnom_penh = f.unit(f.PHNOM_PENH)
    assert phnom_penh.contains(phnom_penh)
    assert phnom_penh.contains(f.first_district(f.PHNOM_PENH))
    assert not phnom_penh.contains(f.first_district(f.SIEM_REAP))
    assert not phnom_penh.contains(f.nation())
    assert not phnom_penh.contains(None)
    assert f.nation().contains(f.first_district(f.SIEM_REAP))


def test_it_names_the_province_a_unit_lies_in() -> None:
    assert f.first_district(f.SIEM_REAP).province() == f.unit(f.SIEM_REAP)
    assert f.unit(f.PHNOM_PENH).province() == f.unit(f.PHNOM_PENH)
    assert f.nation().province() is None


def test_it_moves_the_path_with_the_parent_when_saved() -> None:
    district = f.first_district(f.PHNOM_PENH)
    district.parent = f.unit(f.SIEM_REAP)
    district.save()
    assert district.path.startswith(f.unit(f.SIEM_REAP).path)
