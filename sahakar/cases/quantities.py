"""What a case's seizures add up to per substance category, and the penalty band it falls in.

Information for the investigator, never a legal determination: the totals come from the kg
equivalents of the recorded seizure items (tablets counted by the documented conversion
factors), not from laboratory net weights, and the bands are data (PenaltyBand).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sahakar.cases.models import PenaltyBand
from sahakar.core.numbers import format_number
from sahakar.seizures.models import SeizureItem
from sahakar.substances.choices import Unit

GRAMS_PER_KG = Decimal(1000)
WEIGHED_UNITS = frozenset({Unit.G, Unit.KG})


@dataclass
class CategoryTotal:
    category: str
    grams: Decimal = Decimal(0)
    items: int = 0
    estimated_items: int = 0  # counted (tablets, ml) and converted by a factor, not weighed
    band: PenaltyBand | None = None
    has_bands: bool = False

    @property
    def grams_text(self) -> str:
        # Compared with the law's thresholds: to the milligram, so that 80.001 g reads as
        # over 80 g, where a scale's two decimals (core/numbers.py) would show 80.00.
        return format_number(self.grams, 3)


@dataclass
class Quantities:
    totals: list[CategoryTotal] = field(default_factory=list)
    not_convertible: list[SeizureItem] = field(default_factory=list)


def band_for(grams: Decimal, bands: Iterable[PenaltyBand]) -> PenaltyBand | None:
    return next((band for band in bands if band.contains(grams)), None)


def case_quantities(items: Iterable[SeizureItem], bands: Iterable[PenaltyBand]) -> Quantities:
    """Totals per substance category of `items` (with their substances loaded)."""
    by_category: dict[str, list[PenaltyBand]] = {}
    for band in bands:
        by_category.setdefault(band.substance_category, []).append(band)
    totals: dict[str, CategoryTotal] = {}
    result = Quantities()
    for item in items:
        if item.kg_equivalent is None:
            result.not_convertible.append(item)
            continue
        category = item.substance.category
        total = totals.setdefault(category, CategoryTotal(category))
        total.grams += item.kg_equivalent * GRAMS_PER_KG
        total.items += 1
        if item.unit not in WEIGHED_UNITS:
            total.estimated_items += 1
    for category, total in sorted(totals.items()):
        bands_here = by_category.get(category, [])
        total.has_bands = bool(bands_here)
        total.band = band_for(total.grams, bands_here)
        result.totals.append(total)
    return result
