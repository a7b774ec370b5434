"""A case shows the total recorded quantity of its seizures per substance category and the band
of the drug law's threshold table it falls in (amphetamine-type stimulants: 15-80 g, over 80 up
to 240 g, over 240 g), as information for the investigator. Items that cannot be converted to
a weight are listed, not guessed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from sahakar.cases import services
from sahakar.cases.models import PenaltyBand
from sahakar.cases.quantities import band_for, case_quantities
from sahakar.cases.tests.conftest import make_case
from sahakar.seizures.models import SeizureItem
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

ATS = "amphetamine-type stimulant"


def _bands() -> list[PenaltyBand]:
    return list(PenaltyBand.objects.filter(substance_category=ATS))


@pytest.mark.parametrize(
    ("grams", "code"),
    [
        ("14.999", None),
        ("15", "ATS-15-80"),
        ("15.001", "ATS-15-80"),
        ("79.999", "ATS-15-80"),
        ("80", "ATS-15-80"),
        ("80.001", "ATS-80-240"),
        ("240", "ATS-80-240"),
        ("240.001", "ATS-OVER-240"),
        ("125000", "ATS-OVER-240"),
    ],
)
def test_it_puts_each_boundary_in_the_band_the_table_says(grams: str, code: str | None) -> None:
    band = band_for(Decimal(grams), _bands())
    assert (band.code if band else None) == code


def test_it_states_which_bounds_are_inclusive() -> None:
    bands = {b.code: b for b in _bands()}
    assert bands["ATS-15-80"].range_text == "from 15 g up to 80 g"
    assert bands["ATS-80-240"].range_text == "over 80 g up to 240 g"
    assert bands["ATS-OVER-240"].range_text == "over 240 g"
    assert all("UNVERIFIED" in band.note for band in bands.values())


def _items(*rows: tuple[str, str, str, str]) -> list[SeizureItem]:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    return [f.make_item(seizure, *row) for row in rows]


def test_it_adds_up_the_items_of_each_category() -> None:
    items = _items(
        ("METH", "tablet", "600", "tablets"),  # 60 g by the documented 0.1 g per tablet
        ("METH", "crystal", "15", "g"),
        ("MDMA", "powder", "0.005", "kg"),
        ("KET", "powder", "3", "g"),
    )
    result = case_quantities(items, PenaltyBand.objects.all())
    totals = {t.category: t for t in result.totals}
    ats = totals[ATS]
    assert ats.grams == Decimal("80")
    assert (ats.items, ats.estimated_items) == (3, 1)
    assert ats.band is not None and ats.band.code == "ATS-15-80"
    other = totals["other"]
    assert other.grams == Decimal(3) and other.band is None and not other.has_bands
    assert result.not_convertible == []


def test_it_lists_items_without_a_conversion_factor_as_not_convertible() -> None:
    items = _items(("CANN", "plants", "40", "plants"), ("METH", "crystal", "300", "g"))
    result = case_quantities(items, PenaltyBand.objects.all())
    assert [i.substance.code for i in result.not_convertible] == ["CANN"]
    assert [t.category for t in result.totals] == [ATS]
    assert result.totals[0].band is not None and result.totals[0].band.code == "ATS-OVER-240"


def test_it_shows_the_band_on_the_case_page_as_information_only(
    client: Client, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator)
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure, "METH", "crystal", "80.001", "g")
    f.make_item(seizure, "CANN", "plants", "12", "plants")
    services.link_seizure(case, seizure, acting_user=pp_investigator)
    client.force_login(pp_investigator)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Information for the investigator, not a legal determination." in page
    assert "over 80 g up to 240 g" in page
    assert "80.001" in page
    assert "Not convertible" in page and "12 plants CANN" in page
