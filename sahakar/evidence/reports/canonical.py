"""The canonical event list of a report: what its hash covers.

A report covers a subject (one exhibit, or every exhibit of a case file's seizures) and, for
each exhibit, its first n events. The payload is JSON with sorted keys, UTF-8, no spaces: the
subject, the issue time, the number of events and every event in order (exhibits by id, events
by number), with the facts the report prints: who, when, from and to which store and location,
weights with units, seals, laboratory fields, orders, destruction and its witnesses, and which
event a correction annotates. Its SHA-256 is what the report's signature covers.

The same function builds the payload when a report is issued and when it is verified, from
the events as they are then: events are never changed, so the first n events hash the same
unless the record was tampered with (or a name they refer to, such as a store code, changed).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q

from sahakar.evidence.models import CustodyEvent, DestructionWitness, Exhibit

FORMAT = "sahakar-custody-report/1"
EXHIBIT = "exhibit"
CASE = "case"


@dataclass(frozen=True)
class Coverage:
    """What a report covers: its subject and how many events of each exhibit (by id)."""

    kind: str
    reference: str
    counts: tuple[tuple[int, int], ...]  # (exhibit id, number of events), by exhibit id
    issued_at: datetime  # UTC, to the second

    @property
    def event_count(self) -> int:
        return sum(n for _pk, n in self.counts)


def issue_time(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(microsecond=0)


def coverage_of(kind: str, reference: str, exhibits: Iterable[Exhibit], now: datetime) -> Coverage:
    """Everything recorded so far for these exhibits (counted afresh, not from the copies)."""
    ids = [e.pk for e in exhibits]
    counts = tuple(
        sorted(Exhibit._base_manager.filter(pk__in=ids).values_list("pk", "event_count"))
    )
    return Coverage(kind, reference, counts, issue_time(now))


def events_covered(coverage: Coverage) -> list[CustodyEvent]:
    """The events a report covers, in report order, as the record holds them now."""
    if not coverage.counts:
        return []
    covered = Q()
    for pk, count in coverage.counts:
        covered |= Q(exhibit_id=pk, seq__lte=count)
    witnesses = DestructionWitness.objects.select_related("agency").order_by("pk")
    return list(
        CustodyEvent.objects.filter(covered)
        .select_related(
            "exhibit",
            "actor",
            "from_store",
            "from_location",
            "to_store",
            "to_location",
            "identified_substance",
            "destruction",
            "corrects",
            "completes",
        )
        .prefetch_related(Prefetch("destruction__witnesses", queryset=witnesses))
        .order_by("exhibit_id", "seq")
    )


def payload(coverage: Coverage, events: list[CustodyEvent]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "subject": {"kind": coverage.kind, "reference": coverage.reference},
        "issued_at": utc_text(coverage.issued_at),
        "event_count": len(events),
        "events": [event_facts(event) for event in events],
    }


def canonical_bytes(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def event_facts(event: CustodyEvent) -> dict[str, Any]:
    batch = event.destruction
    return {
        "exhibit": event.exhibit.reference,
        "seq": event.seq,
        "kind": event.kind,
        "time": utc_text(event.occurred_at),
        "actor": event.actor.get_username(),
        "from_store": _code(event.from_store),
        "from_location": _code(event.from_location),
        "to_store": _code(event.to_store),
        "to_location": _code(event.to_location),
        "awaits_receipt": event.awaits_receipt,
        "completes": event.completes.seq if event.completes else None,
        "carrier": event.carrier,
        "gross_weight_g": _decimal(event.gross_weight_g, 3),
        "net_quantity": _decimal(event.net_quantity, 3),
        "net_unit": event.net_unit,
        "seal_number": event.seal_number,
        "previous_seal_number": event.previous_seal_number,
        "substance_confirmed": event.substance_confirmed,
        "identified_substance": _code(event.identified_substance),
        "purity_percent": _decimal(event.purity_percent, 2),
        "sample_retained": event.sample_retained,
        "sample_quantity": _decimal(event.sample_quantity, 3),
        "lab_reference": event.lab_reference,
        "order_reference": event.order_reference,
        "destruction": None if batch is None else _destruction(batch),
        "released_to": event.released_to,
        "reason": event.reason,
        "corrects": event.corrects.seq if event.corrects else None,
    }


def _destruction(batch: Any) -> dict[str, Any]:
    return {
        "reference": batch.reference,
        "place": batch.place,
        "method": batch.method,
        "order_references": batch.order_references,
        "witnesses": [
            {"name": w.name, "position": w.position, "agency": w.agency.code}
            for w in batch.witnesses.all()
        ],
    }


def _code(obj: Any) -> str | None:
    return None if obj is None else str(obj.code)


def _decimal(value: Decimal | None, places: int) -> str | None:
    return None if value is None else f"{value:.{places}f}"
