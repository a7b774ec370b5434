"""Weight reconciliation: every weighing is compared with the one before it.

Quantities are compared in the base unit of their dimension (g, ml, tablets, plants); two
weighings in different dimensions (a count of tablets, then grams) are not compared. The
tolerance is data (WeightTolerance): the most specific row for the substance and form.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from sahakar.evidence.models import WeightTolerance
from sahakar.substances.choices import Unit

# unit -> (dimension, factor to the dimension's base unit)
BASE: dict[str, tuple[str, Decimal]] = {
    Unit.G: ("g", Decimal(1)),
    Unit.KG: ("g", Decimal(1000)),
    Unit.ML: ("ml", Decimal(1)),
    Unit.L: ("ml", Decimal(1000)),
    Unit.TABLETS: ("tablets", Decimal(1)),
    Unit.PLANTS: ("plants", Decimal(1)),
}


def to_base(quantity: Decimal, unit: str) -> tuple[Decimal, str]:
    dimension, factor = BASE[unit]
    return quantity * factor, dimension


def tolerance_for(substance_id: int | None, form: str) -> WeightTolerance | None:
    """The most specific tolerance row: substance and form, substance, form, then any."""
    rows = WeightTolerance.objects.filter(
        Q(substance_id=substance_id) | Q(substance__isnull=True), Q(form=form) | Q(form="")
    )
    ranked = sorted(rows, key=lambda r: (r.substance_id is None, r.form == "", r.code))
    return ranked[0] if ranked else None


def exceeds(expected: Decimal, measured: Decimal, tolerance: WeightTolerance | None) -> bool:
    """Whether the difference is beyond both allowances (no tolerance row: any difference)."""
    difference = abs(measured - expected)
    if tolerance is None:
        return difference > 0
    relative = abs(expected) * tolerance.relative_percent / Decimal(100)
    return difference > tolerance.absolute and difference > relative
