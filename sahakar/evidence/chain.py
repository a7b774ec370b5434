"""An exhibit's state, derived from its custody events alone.

`derive(events)` folds the events in order; the custody service applies the same `apply` to
each new event and stores the result on the exhibit, and the property tests check that the
stored state always equals the derivation from the events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sahakar.evidence.choices import MOVEMENTS, EventKind, ExhibitStatus


@dataclass(frozen=True)
class ChainState:
    status: str = ExhibitStatus.HELD
    store_id: int | None = None
    location_id: int | None = None
    pending_store_id: int | None = None
    pending_location_id: int | None = None
    pending_seq: int | None = None
    seal_number: str = ""
    seal_open: bool = True
    open_lab_ids: frozenset[int] = field(default_factory=frozenset)
    count: int = 0


def apply(state: ChainState, event: Any) -> ChainState:
    """The state after `event` (a CustodyEvent or anything with its attributes)."""
    kind = event.kind
    state = replace(state, count=state.count + 1)
    if kind == EventKind.INTAKE:
        return replace(
            state,
            status=ExhibitStatus.HELD,
            store_id=event.to_store_id,
            location_id=event.to_location_id,
            seal_number=event.seal_number,
        )
    if kind in MOVEMENTS:
        labs = state.open_lab_ids
        if kind == EventKind.LAB_SUBMISSION:
            labs = labs | {event.to_store_id}
        if event.awaits_receipt:
            return replace(
                state,
                status=ExhibitStatus.IN_TRANSIT,
                pending_store_id=event.to_store_id,
                pending_location_id=event.to_location_id,
                pending_seq=event.seq,
                open_lab_ids=labs,
            )
        return replace(
            state,
            store_id=event.to_store_id,
            location_id=event.to_location_id,
            open_lab_ids=labs,
        )
    if kind == EventKind.RECEIVED:
        return replace(
            state,
            status=ExhibitStatus.HELD,
            store_id=state.pending_store_id,
            location_id=event.to_location_id,
            pending_store_id=None,
            pending_location_id=None,
            pending_seq=None,
        )
    if kind == EventKind.LAB_RESULT:
        return replace(state, open_lab_ids=state.open_lab_ids - {state.store_id or 0})
    if kind == EventKind.RESEALED:
        return replace(state, seal_number=event.seal_number)
    if kind in (EventKind.RELEASED, EventKind.DESTROYED):
        status = ExhibitStatus.RELEASED if kind == EventKind.RELEASED else ExhibitStatus.DESTROYED
        return replace(state, status=status, store_id=None, location_id=None, seal_open=False)
    return state  # weighed, disposal approved, correction: facts, not moves


def derive(events: Iterable[Any]) -> ChainState:
    state = ChainState()
    for event in events:
        state = apply(state, event)
    return state
