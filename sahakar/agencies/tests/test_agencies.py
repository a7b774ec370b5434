"""Agencies are reference data: each has a kind and a home org unit, and is named in the
reader's language where a Khmer name is recorded."""

import pytest
from django.utils import translation

from sahakar.agencies.choices import AgencyKind
from sahakar.agencies.models import Agency
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "kind"),
    [("ADB-PP", AgencyKind.ANTI_DRUG_POLICE), ("CFI-PP", AgencyKind.COURT)],
)
def test_it_loads_each_agency_with_its_kind_and_home(code: str, kind: str) -> None:
    agency = f.agency(code)
    assert agency.kind == kind
    assert agency.home == f.unit(f.PHNOM_PENH)
    assert agency.active


def test_it_loads_only_known_kinds() -> None:
    kinds = set(Agency.objects.values_list("kind", flat=True))
    assert kinds and kinds <= set(AgencyKind.values)


def test_it_names_the_agency_in_khmer_for_khmer_readers() -> None:
    agency = f.agency("ADB-PP")
    assert agency.name_km
    with translation.override("km"):
        assert str(agency) == agency.name_km
    with translation.override("en"):
        assert str(agency) == agency.name_en
