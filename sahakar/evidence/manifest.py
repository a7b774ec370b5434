"""What a destruction's manifest lists for each exhibit: its weights at intake, at the
laboratory and at destruction, the purity found, and the order it was destroyed under."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sahakar.core.numbers import format_quantity
from sahakar.evidence.choices import EventKind
from sahakar.evidence.models import CustodyEvent, DestructionBatch, Exhibit


def quantity_text(quantity: Decimal | None, unit: str) -> str:
    """ "2,000 tablets", "499.50 g" (core/numbers.py); "—" when not weighed."""
    return format_quantity(quantity, unit)


@dataclass(frozen=True)
class ManifestLine:
    exhibit: Exhibit
    intake: str
    lab: str
    purity: str
    destruction: str
    order_reference: str


def lines(batch: DestructionBatch) -> list[ManifestLine]:
    """One line per exhibit destroyed in the batch, in exhibit-number order."""
    events = list(
        CustodyEvent.objects.filter(destruction=batch)
        .select_related("exhibit__seizure", "exhibit__substance")
        .order_by("exhibit__reference")
    )
    exhibits = [event.exhibit for event in events]
    labs: dict[int, Any] = {}
    for result in CustodyEvent.objects.filter(
        exhibit__in=exhibits, kind=EventKind.LAB_RESULT
    ).order_by("exhibit_id", "seq"):
        labs[result.exhibit_id] = result  # the last result of each exhibit
    found = []
    for event in events:
        exhibit, lab = event.exhibit, labs.get(event.exhibit_id)
        purity = "—"
        if lab is not None and lab.purity_percent is not None:
            purity = format_quantity(lab.purity_percent, "%")
        found.append(
            ManifestLine(
                exhibit=exhibit,
                intake=quantity_text(exhibit.net_quantity, exhibit.net_unit),
                lab=quantity_text(lab.net_quantity, lab.net_unit) if lab is not None else "—",
                purity=purity,
                destruction=quantity_text(event.net_quantity, event.net_unit),
                order_reference=event.order_reference,
            )
        )
    return found


def committee(batch: DestructionBatch) -> list[str]:
    """The committee members, one per line as typed."""
    return [line.strip() for line in batch.committee_members.splitlines() if line.strip()]


def orders(batch: DestructionBatch) -> list[str]:
    return [line.strip() for line in batch.order_references.splitlines() if line.strip()]
