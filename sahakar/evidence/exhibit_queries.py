"""Reading exhibits for lists and pages: flags computed in the query, the hand-over an exhibit
in transit waits on, and its events as a timeline with corrections beside what they correct."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from sahakar.evidence import eligibility
from sahakar.evidence.choices import DiscrepancyStatus, EventKind
from sahakar.evidence.models import CustodyEvent, Exhibit, WeightDiscrepancy


def with_flags(exhibits: QuerySet[Exhibit]) -> QuerySet[Exhibit]:
    """Each exhibit with `eligible_now` (for disposal) and `open_discrepancy`, in one query."""
    one = Exhibit._base_manager.filter(pk=OuterRef("pk"))
    open_discrepancies = WeightDiscrepancy._base_manager.filter(
        exhibit=OuterRef("pk"), status=DiscrepancyStatus.OPEN
    )
    return exhibits.annotate(
        eligible_now=Exists(eligibility.eligible(one)),
        open_discrepancy=Exists(open_discrepancies),
    )


def handover(exhibit: Exhibit) -> CustodyEvent | None:
    """The hand-over an exhibit in transit waits on: from whom, to whom, since when."""
    if exhibit.pending_store_id is None:
        return None
    found: CustodyEvent | None = (
        exhibit.events.filter(awaits_receipt=True, completed_by__isnull=True)
        .select_related("from_store__agency", "from_location", "to_store__agency", "to_location")
        .order_by("-seq")
        .first()
    )
    return found


@dataclass
class TimelineEntry:
    event: CustodyEvent
    corrections: list[CustodyEvent] = field(default_factory=list)


def timeline(events: QuerySet[CustodyEvent]) -> list[TimelineEntry]:
    """The events in order; each correction listed with the event it annotates."""
    entries: dict[int, TimelineEntry] = {}
    orphans: list[CustodyEvent] = []
    for event in events.order_by("seq"):
        if event.kind == EventKind.CORRECTION:
            target = entries.get(event.corrects_id or 0)
            if target is not None:
                target.corrections.append(event)
            else:
                orphans.append(event)
            continue
        entries[event.pk] = TimelineEntry(event)
    return [*entries.values(), *(TimelineEntry(o) for o in orphans)]


def timeline_events(exhibit: Exhibit, user: Any) -> QuerySet[CustodyEvent]:
    """The exhibit's events the user may read, with what a timeline shows of each."""
    return (
        CustodyEvent.objects.filter(exhibit=exhibit)
        .restrict(user)
        .select_related(
            "actor",
            "from_store",
            "from_location",
            "to_store",
            "to_location",
            "identified_substance",
            "completes",
            "corrects",
        )
    )


WEIGHT_LINE_MODULE = "sahakar.evidence.weightline"


def weight_line(exhibit: Exhibit) -> Any:
    """The exhibit's weights from field to destruction (evidence/weightline.py), or nothing
    while that module is not installed."""
    if importlib.util.find_spec(WEIGHT_LINE_MODULE) is None:
        return []
    module: Any = importlib.import_module(WEIGHT_LINE_MODULE)
    return module.weight_line(exhibit)
