"""Numbers of the monthly report, written the way the report's language writes them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

# Decimal places by kind of figure.
PLACES = {"count": 0, "kg": 3, "money": 0, "rate": 1}


def format_figure(value: Any, kind: str = "count", signed: bool = False) -> str:
    """`value` as the report prints it: "n/a" when there is none."""
    if value is None:
        return _("n/a")
    places = PLACES.get(kind, 0)
    number = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = number_format(number, places, use_l10n=True, force_grouping=True)
    return f"+{text}" if signed and number > 0 else text


@register.filter
def figure(value: Any, kind: str = "count") -> str:
    return format_figure(value, kind)


@register.filter
def difference(value: Any, kind: str = "count") -> str:
    """A change in units, with its sign."""
    return format_figure(value, kind, signed=True)


PERCENT_SHOWN = Decimal("999.9")


@register.filter
def percent(value: Any) -> str:
    """A change in percent, with its sign; "n/a" when the base was zero. Beyond ten times the
    base ("+999.9%"), a column of percents says only that: the figures beside it tell how much."""
    if value is None:
        return _("n/a")
    if abs(value) > PERCENT_SHOWN:
        sign = "+" if value > 0 else "-"
        return f">{sign}{format_figure(PERCENT_SHOWN, 'rate')}%"
    return f"{format_figure(value, 'rate', signed=True)}%"
