"""A figure set against a base figure: the change in units and in percent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Number = int | Decimal


@dataclass(frozen=True)
class Change:
    """`value` compared with `base`. The percent is None ("n/a") when the base is zero."""

    value: Number | None
    base: Number | None

    @property
    def difference(self) -> Number | None:
        if self.value is None or self.base is None:
            return None
        return self.value - self.base

    @property
    def percent(self) -> Decimal | None:
        if self.value is None or not self.base:
            return None
        change = (Decimal(self.value) - Decimal(self.base)) * 100 / Decimal(self.base)
        return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rate(part: Number, whole: Number) -> Decimal | None:
    """`part` as a percent of `whole`, to one decimal; None when `whole` is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
