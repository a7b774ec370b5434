"""Numbers typed on the pages are read the way the page writes them, in either language."""

from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from sahakar.core.numbers import LocalDecimalField, parse_local_decimal


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2,5", "2.5"),
        ("18,5", "18.5"),
        ("2.5", "2.5"),  # a lone point that is not a group of three: the decimal point
        ("2.000", "2000"),  # as the Khmer page writes two thousand
        ("1.250,75", "1250.75"),
        ("2000", "2000"),
        ("  0,001 ", "0.001"),
        ("២,៥", "2.5"),  # Khmer digits
        ("-11,678376", "-11.678376"),
    ],
)
def test_it_reads_numbers_as_the_khmer_pages_write_them(typed: str, meant: str) -> None:
    with translation.override("km"):
        assert parse_local_decimal(typed) == Decimal(meant)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2.5", "2.5"),
        ("2,000", "2000"),
        ("1,250.75", "1250.75"),
        ("105.006077", "105.006077"),
        ("-0.5", "-0.5"),
        ("1 250.5", "1250.5"),
    ],
)
def test_it_reads_numbers_as_the_english_pages_write_them(typed: str, meant: str) -> None:
    with translation.override("en"):
        assert parse_local_decimal(typed) == Decimal(meant)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "2,5"),  # never 25
        ("en", "1,2,3"),
        ("en", "2.5.1"),
        ("km", "2,5,1"),
        ("km", "1.2.3"),
        ("km", "2,"),
        ("km", "abc"),
        ("km", "1e5"),
    ],
)
def test_it_refuses_what_is_not_clearly_a_number(language: str, typed: str) -> None:
    with translation.override(language), pytest.raises(ValueError):
        parse_local_decimal(typed)


def test_it_explains_a_refusal_with_an_example_in_the_page_s_own_format() -> None:
    field = LocalDecimalField(max_digits=14, decimal_places=3)
    with translation.override("en"), pytest.raises(Exception) as english:
        field.clean("2,5")
    assert "1,250.5" in str(english.value)
    widget: Any = field.widget
    with translation.override("km"):
        assert field.clean("2,5") == Decimal("2.5")
        assert widget.render("q", Decimal("2.5")).count('value="2,5"') == 1
        assert 'inputmode="decimal"' in widget.render("q", None)
        assert 'type="text"' in widget.render("q", None)
