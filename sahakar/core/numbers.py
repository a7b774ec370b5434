"""Numbers typed on the pages, read the way the page writes them.

The Khmer pages write 18.5 as "18,5" and 2000 as "2.000" (Django's `km` formats, as CLDR has
them); the English pages write "18.5" and "2,000". A browser's `<input type="number">` drops
a comma it does not expect, so "2,5" would arrive as "25": number inputs are therefore plain
text inputs (`inputmode="decimal"` for the phone keyboard) read here, by the rules of the
language the page is shown in:

* the page's decimal separator marks the decimals ("2,5" in Khmer, "2.5" in English);
* the page's thousands separator is accepted only in whole groups of three digits
  ("2.000" in Khmer, "2,000" in English);
* on the Khmer pages a single "." that is not a group of three is read as the decimal point
  too ("2.5"), as people often type it so; "2.500" is read as on the page (2500);
* anything else ("2,5" on the English pages, "1,2,3") is refused with an example, never
  guessed; spaces, Khmer digits (០ to ៩) and a leading sign are accepted.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def _ascii_digits(text: str) -> str:
    return "".join(
        str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in text
    )


def _whole(text: str, group: str) -> str | None:
    """Digits, or digits grouped in threes by `group`; None when it is neither."""
    if re.fullmatch(r"\d+", text):
        return text
    if group and re.fullmatch(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+", text):
        return text.replace(group, "")
    return None


def parse_decimal(raw: str, decimal_sep: str, group_sep: str) -> Decimal:
    """The number `raw` means with these separators; ValueError when it is not clear."""
    text = _ascii_digits(_SPACES.sub("", raw))
    sign = ""
    if text[:1] in "+-" and text:
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    if text.count(decimal_sep) > 1:
        raise ValueError(raw)
    if decimal_sep in text:
        whole_part, fraction = text.split(decimal_sep)
        whole = _whole(whole_part or "0", group_sep)
        if whole is None or not re.fullmatch(r"\d+", fraction):
            raise ValueError(raw)
        number = f"{whole}.{fraction}"
    elif (whole := _whole(text, group_sep)) is not None:
        number = whole
    elif group_sep == "." and re.fullmatch(r"\d*\.\d+", text):
        number = text
    else:
        raise ValueError(raw)
    try:
        return Decimal(sign + number)
    except InvalidOperation as exc:  # pragma: no cover - the patterns admit only digits
        raise ValueError(raw) from exc


def parse_local_decimal(raw: str) -> Decimal:
    """`raw` read with the separators of the language now active."""
    return parse_decimal(
        raw,
        str(formats.get_format("DECIMAL_SEPARATOR")),
        str(formats.get_format("THOUSAND_SEPARATOR")),
    )


class DecimalInput(forms.TextInput):
    """A text input for numbers: the page's own decimal separator can be typed, and phones
    show their number keyboard."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {k: v for k, v in (attrs or {}).items() if k not in {"type", "step", "min", "max"}}
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **attrs})


class LocalDecimalField(forms.DecimalField):
    """A decimal typed the way the page writes numbers (see the module's rules)."""

    widget = DecimalInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs["localize"] = True
        super().__init__(**kwargs)
        self.widget.is_localized = True

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_local_decimal(str(value))
        except ValueError:
            raise forms.ValidationError(
                _("Enter a number as this page writes them, for example %(example)s."),
                code="invalid",
                params={"example": formats.number_format(Decimal("1250.5"), force_grouping=True)},
            ) from None

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}  # no min, max or step: they belong to number inputs

    @classmethod
    def replacing(cls, field: forms.DecimalField) -> LocalDecimalField:
        """This field in place of a model form's default decimal field, keeping its limits."""
        return cls(
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
            max_value=field.max_value,
            min_value=field.min_value,
            required=field.required,
            label=field.label,
            help_text=field.help_text,
            initial=field.initial,
            disabled=field.disabled,
            widget=DecimalInput(field.widget.attrs),
        )


# --- Numbers shown on the pages ---------------------------------------------------------------
#
# Every quantity is written by `format_quantity` (`{{ value|quantity:unit }}` in templates):
# thousands grouped by three and the page's decimal separator ("2,957.5 g" in English,
# "2.957,5 g" in Khmer), with a fixed number of decimals per unit, so that a column of
# weights lines up and a scale's precision is neither hidden nor invented:
#
#   unit      decimals  why
#   g         2         evidence scales weigh to 0.01 g; lab results are given so too
#   kg        3         a kilogram to the gram
#   ml        1         a pipette's precision
#   l         3         a litre to the millilitre
#   tablets   0         counted
#   plants    0         counted
#   %         1         purity and differences in percent
#
# Values are rounded half up; a value rounding to zero is written "0" without a sign; no value
# (None) is written "—". Other numbers (money, counts) go through `format_number`.

DECIMALS: dict[str, int] = {
    "g": 2,
    "kg": 3,
    "ml": 1,
    "l": 3,
    "tablets": 0,
    "plants": 0,
    "%": 1,
}
SYMBOLS: dict[str, Any] = {
    "g": "g",
    "kg": "kg",
    "ml": "ml",
    "l": "l",
    "tablets": _("tablets"),
    "plants": _("plants"),
    "%": "%",
}
NO_VALUE = "—"


def format_number(value: Any, decimals: int | None = None) -> str:
    """`value` in the page's number format, rounded half up to `decimals` places (None: as
    many as it has, trailing zeros dropped); "—" when there is none."""
    if value is None or value == "":
        return NO_VALUE
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is None:
        number = number.normalize()
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        places = max(0, -number.as_tuple().exponent)  # type: ignore[operator]
    else:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        places = decimals
    if number == 0:
        number = abs(number)
    return formats.number_format(number, places, use_l10n=True, force_grouping=True)


def unit_symbol(unit: str) -> str:
    return str(SYMBOLS.get(unit, unit))


def format_quantity(value: Any, unit: str, with_unit: bool = True) -> str:
    """ "2,957.50 g", "1,000 tablets": `value` with the decimals of `unit` (see DECIMALS);
    "—" when there is no value."""
    if value is None or value == "":
        return NO_VALUE
    text = format_number(value, DECIMALS.get(unit))
    if not with_unit:
        return text
    return f"{text} {unit_symbol(unit)}"
