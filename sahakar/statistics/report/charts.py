"""Bar charts as data: the PDF template draws each bar as a block whose width (or height) is
its share of the largest value, so every label is real text that Pango shapes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Number = int | Decimal

VERTICAL_HEIGHT_MM = 38


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number
    length: Decimal  # percent of the longest bar (horizontal) or mm of height (vertical)


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    kind: str = "count"
    vertical: bool = False

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(
    title: str, values: Iterable[tuple[str, Number]], *, kind: str = "count", vertical: bool = False
) -> Chart:
    pairs = list(values)
    largest = max((Decimal(v) for _, v in pairs), default=Decimal(0))
    scale = Decimal(VERTICAL_HEIGHT_MM if vertical else 100)

    def length(value: Number) -> Decimal:
        if not largest or not value:
            return Decimal(0)
        return (Decimal(value) * scale / largest).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    return Chart(title, [Bar(label, v, length(v)) for label, v in pairs], kind, vertical)
