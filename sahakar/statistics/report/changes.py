"""A figure set against a base figure: the change in units and in percent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sahakar.statistics.figures import rate

__all__ = ["Change", "Number", "rate"]

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
