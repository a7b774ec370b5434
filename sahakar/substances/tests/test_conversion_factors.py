"""Kilogram equivalents come from documented conversion factors: the generic ones (g, kg) hold
for every substance, a substance's own factor (tablets) wins, and a unit without one has none."""

from decimal import Decimal

import pytest

from sahakar.substances.models import ConversionFactor, Substance

pytestmark = pytest.mark.django_db


def test_it_converts_grams_and_kilograms_for_every_substance() -> None:
    for code in ("METH", "KET", "CANN"):
        substance = Substance.objects.get(code=code)
        assert substance.kg_per_unit("kg") == Decimal("1"), code
        assert substance.kg_per_unit("g") == Decimal("0.001"), code


def test_it_counts_a_methamphetamine_tablet_as_a_tenth_of_a_gram() -> None:
    assert Substance.objects.get(code="METH").kg_per_unit("tablets") == Decimal("0.0001")


def test_it_has_no_factor_where_none_is_documented() -> None:
    assert Substance.objects.get(code="CANN").kg_per_unit("plants") is None


def test_it_prefers_the_substances_own_factor_to_the_generic_one() -> None:
    ketamine = Substance.objects.get(code="KET")
    ConversionFactor.objects.create(substance=ketamine, unit="g", kg_per_unit=Decimal("0.002"))
    assert ketamine.kg_per_unit("g") == Decimal("0.002")
    assert Substance.objects.get(code="METH").kg_per_unit("g") == Decimal("0.001")


def test_it_knows_the_forms_a_substance_is_seized_in() -> None:
    meth = Substance.objects.get(code="METH")
    assert meth.allows_form("tablet")
    assert not meth.allows_form("plants")
