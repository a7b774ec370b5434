"""Numbers on the pages, one way (core/numbers.py): `{{ weight|quantity:"g" }}` gives
"314.20 g"; `{{ value|number:2 }}` a number with two decimals; `{{ value|number }}` as it is."""

from __future__ import annotations

from typing import Any

from django import template

from sahakar.core.numbers import format_number, format_quantity

register = template.Library()


@register.filter
def quantity(value: Any, unit: str) -> str:
    return format_quantity(value, str(unit))


@register.filter
def quantity_number(value: Any, unit: str) -> str:
    """The number alone, with the decimals of `unit`."""
    return format_quantity(value, str(unit), with_unit=False)


@register.filter
def number(value: Any, decimals: Any = None) -> str:
    return format_number(value, None if decimals in (None, "") else int(decimals))
