"""An exhibit's weight line: every weighing from the field to the furnace, side by side.

`weight_line(exhibit)` gives one row per weighing: the field count of the seizure's items
(when the exhibit holds them whole), the intake, the laboratory's measurement, any later
weighing (a reseal, a check) and the destruction. Each row has the quantity as recorded, its
value in the base unit of its dimension (g, ml, tablets, plants), the difference from the
weighing it is compared with, whether that difference is beyond today's tolerance, and the
discrepancy the custody service opened for it, if any.

The comparison is the service's (services._reconcile): the previous weighing in the same
dimension, less any sample the laboratory kept since; intake is compared with the field
count only when no other exhibit shares the items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sahakar.core.numbers import format_quantity
from sahakar.evidence import reconcile
from sahakar.evidence.choices import EventKind
from sahakar.evidence.models import CustodyEvent, Exhibit, WeightDiscrepancy

FIELD, INTAKE, LAB, WEIGHING, DESTRUCTION = "field", "intake", "lab", "weighing", "destruction"
STAGE_OF_KIND = {
    EventKind.INTAKE: INTAKE,
    EventKind.LAB_RESULT: LAB,
    EventKind.DESTROYED: DESTRUCTION,
}


@dataclass
class WeightRow:
    """One weighing of an exhibit, compared with the one before it."""

    stage: str  # field, intake, lab, weighing or destruction
    label: str
    occurred_at: datetime | None
    quantity_text: str  # as recorded: "2 kg", "1,000 tablets + 500 tablets"
    base_quantity: Decimal | None = None  # in the dimension's base unit
    base_unit: str = ""  # g, ml, tablets or plants
    event: CustodyEvent | None = None
    compared_with: str = ""  # the label of the weighing compared with
    expected: Decimal | None = None  # what that weighing leaves for this one, in base units
    beyond_tolerance: bool | None = None  # None: not compared
    discrepancy: WeightDiscrepancy | None = None
    purity_percent: Decimal | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def difference(self) -> Decimal | None:
        if self.expected is None or self.base_quantity is None:
            return None
        return self.base_quantity - self.expected

    @property
    def difference_percent(self) -> Decimal | None:
        difference = self.difference
        if difference is None or not self.expected:
            return None
        assert self.expected is not None
        return (difference * 100 / self.expected).quantize(Decimal("0.01"))

    @property
    def base_text(self) -> str:
        if self.base_quantity is None:
            return ""
        return format_quantity(self.base_quantity, self.base_unit)

    @property
    def difference_text(self) -> str:
        difference = self.difference
        if difference is None:
            return ""
        sign = "+" if difference > 0 else "-" if difference < 0 else "±"
        text = f"{sign}{format_quantity(abs(difference), self.base_unit)}"
        percent = self.difference_percent
        if percent is not None:
            text += f" ({sign}{format_quantity(abs(percent), '%')})"
        return text


def quantity_text(quantity: Decimal, unit: str) -> str:
    return format_quantity(quantity, unit)


def weight_line(exhibit: Exhibit) -> list[WeightRow]:
    """The exhibit's weighings in order, each compared as the custody service compares it."""
    tolerance = reconcile.tolerance_for(exhibit.substance_id, exhibit.form)
    recorded = list(
        WeightDiscrepancy.objects.filter(exhibit=exhibit).select_related("closed_by", "event")
    )
    by_event = {d.event_id: d for d in recorded if d.event_id is not None}
    unlinked = [d for d in recorded if d.event_id is None]  # intake against the field count

    rows: list[WeightRow] = []
    field_row = _field_row(exhibit)
    if field_row is not None:
        rows.append(field_row)
    whole_field = None
    if field_row is not None and field_row.base_quantity is not None:
        whole_field = field_row

    last: dict[str, tuple[str, Decimal]] = {}  # dimension -> (label, quantity left)
    for event in exhibit.events.order_by("seq"):
        if event.net_quantity is None or not event.net_unit:
            _take_sample(last, event)
            continue
        measured, dimension = reconcile.to_base(event.net_quantity, event.net_unit)
        row = WeightRow(
            stage=STAGE_OF_KIND.get(event.kind, WEIGHING),
            label=str(event.get_kind_display()),
            occurred_at=event.occurred_at,
            quantity_text=quantity_text(event.net_quantity, event.net_unit),
            base_quantity=measured,
            base_unit=dimension,
            event=event,
            discrepancy=by_event.get(event.pk),
            purity_percent=event.purity_percent,
        )
        if event.kind == EventKind.INTAKE:
            if whole_field is not None and whole_field.base_unit == dimension:
                row.compared_with, row.expected = whole_field.label, whole_field.base_quantity
            if row.discrepancy is None and unlinked:
                row.discrepancy = unlinked[0]
        elif dimension in last:
            row.compared_with, row.expected = last[dimension]
        if row.expected is not None:
            row.beyond_tolerance = reconcile.exceeds(row.expected, measured, tolerance)
        left = measured
        if event.sample_quantity is not None:
            sample, _dim = reconcile.to_base(event.sample_quantity, event.net_unit)
            left -= sample
            row.notes.append(
                _("Sample kept: %(quantity)s.")
                % {"quantity": quantity_text(event.sample_quantity, event.net_unit)}
            )
        last[dimension] = (row.label, left)
        rows.append(row)
    return rows


def _take_sample(last: dict[str, tuple[str, Decimal]], event: CustodyEvent) -> None:
    """A sample kept by an event that weighed nothing still leaves less for the next one."""
    if event.sample_quantity is None or not event.net_unit:
        return
    sample, dimension = reconcile.to_base(event.sample_quantity, event.net_unit)
    if dimension in last:
        label, quantity = last[dimension]
        last[dimension] = (label, quantity - sample)


def _field_row(exhibit: Exhibit) -> WeightRow | None:
    """The seizure's count of the items this package holds, as the raiding unit recorded it."""
    items: list[Any] = list(exhibit.items.all().prefetch_related("exhibits"))
    if not items:
        return None
    row = WeightRow(
        stage=FIELD,
        label=_("field (seizure)"),
        occurred_at=exhibit.seizure.seized_at,
        quantity_text=" + ".join(quantity_text(i.quantity, i.unit) for i in items),
    )
    sharing = {e.pk for item in items for e in item.exhibits.all()} | {exhibit.pk}
    if exhibit.holds_part and len(sharing) == 1:
        row.notes.append(_("Holds part of the items: not compared."))
        return row
    if len(sharing) > 1:
        row.notes.append(
            ngettext(
                "Split across %(count)d exhibit: not compared.",
                "Split across %(count)d exhibits: not compared.",
                len(sharing),
            )
            % {"count": len(sharing)}
        )
        return row
    dimensions = set()
    total = Decimal(0)
    for item in items:
        base, dimension = reconcile.to_base(item.quantity, item.unit)
        dimensions.add(dimension)
        total += base
    if len(dimensions) == 1:
        row.base_quantity, row.base_unit = total, dimensions.pop()
    return row
