"""Quantities are written one way on every page: thousands grouped by three, the page's
decimal separator, and the decimals of the unit (core/numbers.py DECIMALS)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from sahakar.core.numbers import format_number, format_quantity


@pytest.mark.parametrize(
    ("value", "unit", "english", "khmer"),
    [
        ("2957", "g", "2,957.00 g", "2.957,00 g"),
        ("314.2", "g", "314.20 g", "314,20 g"),
        ("1.2", "kg", "1.200 kg", "1,200 kg"),
        ("2927.43", "tablets", "2,927 tablets", "2.927 ថ្នាំគ្រាប់"),
        ("12", "plants", "12 plants", None),
        ("250.04", "ml", "250.0 ml", "250,0 ml"),
        ("1.5", "l", "1.500 l", "1,500 l"),
        ("24.55", "%", "24.6 %", "24,6 %"),
    ],
)
def test_it_writes_each_unit_with_its_decimals_in_both_languages(
    value: str, unit: str, english: str, khmer: str | None
) -> None:
    with translation.override("en"):
        assert format_quantity(Decimal(value), unit) == english
    if khmer is not None:
        with translation.override("km"):
            number = format_quantity(Decimal(value), unit, with_unit=False)
            assert number == khmer.split(" ")[0]


def test_it_rounds_half_up_and_keeps_the_sign() -> None:
    with translation.override("en"):
        assert format_quantity(Decimal("0.005"), "g") == "0.01 g"
        assert format_quantity(Decimal("-1234.565"), "g") == "-1,234.57 g"
        assert format_quantity(Decimal("-0.001"), "g") == "0.00 g"  # no "-0.00"
        assert format_quantity(Decimal("0"), "tablets") == "0 tablets"


def test_it_writes_a_dash_for_no_value() -> None:
    assert format_quantity(None, "g") == "—"
    assert format_number(None) == "—"


def test_it_writes_other_numbers_as_they_are_grouped() -> None:
    with translation.override("en"):
        assert format_number(Decimal("10000000.00")) == "10,000,000"
        assert format_number(Decimal("1500.50")) == "1,500.5"
    with translation.override("km"):
        assert format_number(Decimal("10000000")) == "10.000.000"
