"""The usual quantity of a drug item, to catch a slip of the decimal point before it is saved.

The usual quantity of a substance in a form and unit (METH tablets, KET powder in kg) is
derived from the record: the median of the last `SAMPLE` items recorded in it that the user
can see, once there are at least `MIN_ITEMS` of them; until then, a cautious quantity per
unit (`FIRST_USUAL`), so that a first record of a rare substance and form is checked too. An
item more than `LARGE_FACTOR` times that asks to be confirmed, on the page (a "Confirm this
quantity" box) and in the API (`"confirm_large_quantity": true`); until then nothing is
saved. An item whose quantity is not changed by an edit is not asked again.
"""

from __future__ import annotations

import statistics
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sahakar.core.numbers import format_quantity
from sahakar.seizures.models import MAX_QUANTITY, UNIT_SYMBOLS, SeizureItem
from sahakar.substances.choices import Unit

LARGE_FACTOR = 10
MIN_ITEMS = 5
SAMPLE = 200
# The usual quantity while too few items are recorded to derive one: ten times these is
# beyond most single seizures (100 kg, 100,000 tablets), so only those are asked about.
FIRST_USUAL: dict[str, Decimal] = {
    Unit.G: Decimal(100),
    Unit.KG: Decimal(10),
    Unit.TABLETS: Decimal(10_000),
    Unit.ML: Decimal(1_000),
    Unit.L: Decimal(10),
    Unit.PLANTS: Decimal(100),
}

ON_THE_PAGE = _(
    "%(quantity)s %(unit)s is more than ten times the usual quantity of %(substance)s "
    "(%(form)s), which is %(usual)s %(unit)s. Check the number; if it is right, tick "
    "“Confirm this quantity” and save again."
)
IN_THE_API = _(
    "%(quantity)s %(unit)s is more than ten times the usual quantity of %(substance)s "
    "(%(form)s), which is %(usual)s %(unit)s. Check the number; if it is right, send it again "
    'with "confirm_large_quantity": true.'
)


def usual_quantity(user: Any, substance: Any, form: str, unit: str) -> Decimal | None:
    """The median recorded quantity; while too few items are recorded, the unit's first
    usual quantity (None for a unit without one)."""
    quantities = list(
        SeizureItem.objects.restrict(user)
        .filter(substance=substance, form=form, unit=unit)
        .order_by("-pk")
        .values_list("quantity", flat=True)[:SAMPLE]
    )
    if len(quantities) < MIN_ITEMS:
        return FIRST_USUAL.get(unit)
    return Decimal(statistics.median(quantities))


def large_quantity_warning(
    user: Any,
    *,
    substance: Any,
    form: str,
    quantity: Decimal | None,
    unit: str,
    before: SeizureItem | None = None,
    message: str | Promise = ON_THE_PAGE,
) -> str | None:
    """The warning for an unusually large quantity, or None when it is not one."""
    if substance is None or not form or not unit or quantity is None:
        return None
    if before is not None and before.quantity == quantity:
        return None
    if quantity > MAX_QUANTITY.get(unit, quantity):
        return None  # refused as implausible by the model: no confirmation makes it right
    usual = usual_quantity(user, substance, form, unit)
    if usual is None or quantity <= usual * LARGE_FACTOR:
        return None
    return str(message) % {
        "quantity": format_quantity(quantity, unit, with_unit=False),
        "unit": UNIT_SYMBOLS.get(unit, unit),
        "substance": substance,
        "form": dict(SeizureItem._meta.get_field("form").flatchoices).get(form, form),
        "usual": format_quantity(usual, unit, with_unit=False),
    }
