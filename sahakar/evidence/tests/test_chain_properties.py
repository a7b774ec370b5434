"""Property tests of the chain of custody: random sequences of custody actions, valid and
invalid, by custodians of several agencies, checked against a small model of the rules.

After every action: a refused action leaves the chain identical; an accepted one appends
exactly one event and changes none; the stored holder is the receiver of the last completed
transfer; the stored state equals the state derived from the events; a weighing opens a
discrepancy exactly when it differs from the previous one beyond the tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sahakar.evidence import reconcile, services
from sahakar.evidence.choices import MOVEMENT_DESTINATIONS, EventKind
from sahakar.evidence.models import CustodyEvent, Exhibit, LabRequest, WeightDiscrepancy
from sahakar.testing import factories as f
from sahakar.testing.evidence import EvidenceRoom, take_in

pytestmark = pytest.mark.django_db(transaction=False)

START = datetime.fromisoformat("2026-06-01T08:00:00+07:00")
STORES = ("vault", "sr_vault", "lab", "court", "site", "property_room")
ACTORS = ("custodian", "sr_custodian", "lab_analyst", "court_clerk", "site_keeper")
# Mostly the one who may act (resolved from the model when the step runs), sometimes anyone.
WHO = st.sampled_from(("holder",) * 5 + ("receiver", *ACTORS))
KEEPER = {
    "vault": "custodian",
    "property_room": "custodian",
    "sr_vault": "sr_custodian",
    "lab": "lab_analyst",
    "court": "court_clerk",
    "site": "site_keeper",
}
MOVES = (
    EventKind.TRANSFER,
    EventKind.LAB_SUBMISSION,
    EventKind.COURT_SUBMISSION,
    EventKind.COURT_RETURN,
)

MOVE = st.tuples(st.just("move"), st.sampled_from(MOVES), st.sampled_from(STORES), WHO)
actions = st.one_of(
    MOVE,
    MOVE,
    MOVE,
    st.tuples(st.just("receive"), WHO),
    st.tuples(st.just("receive"), WHO),
    st.tuples(st.just("lab_result"), WHO, st.sampled_from(["1990", "2000", "1500", "0", "-5"])),
    st.tuples(
        st.just("weigh"),
        WHO,
        st.sampled_from(["2000", "1999", "1900", "0", "-1"]),
        st.sampled_from(["tablets", "tablets", "ml"]),
    ),
    st.tuples(st.just("reseal"), WHO, st.sampled_from(["NEW", "TAKEN"])),
    st.tuples(st.just("release"), WHO),
)
# Each rule broken at least once, whatever the random draw: these run on every test run.
RULE_BREAKERS = (
    [("move", EventKind.TRANSFER, "property_room", "holder")],  # drugs to a non-drug store
    [("move", EventKind.TRANSFER, "sr_vault", "sr_custodian")],  # not the holder
    [("move", EventKind.LAB_SUBMISSION, "lab", "holder"), ("receive", "court_clerk")],
    [
        ("move", EventKind.LAB_SUBMISSION, "lab", "holder"),
        ("move", EventKind.TRANSFER, "court", "holder"),
    ],  # moved while in transit
    [("lab_result", "holder", "2000")],  # no submission
    [
        ("move", EventKind.TRANSFER, "lab", "holder"),
        ("receive", "receiver"),
        ("lab_result", "holder", "2000"),
    ],  # at the lab, but not submitted to it
    [("weigh", "holder", "0", "tablets"), ("weigh", "holder", "5", "ml")],
    [("reseal", "holder", "TAKEN"), ("release", "holder")],
    [
        ("move", EventKind.COURT_SUBMISSION, "court", "holder"),
        ("receive", "receiver"),
        ("move", EventKind.COURT_RETURN, "vault", "holder"),
        ("receive", "receiver"),
        ("weigh", "holder", "1900", "tablets"),
    ],
)


@dataclass
class Model:
    """What the rules say about one drug exhibit, kept independently of the service."""

    holder: str = "vault"
    pending: str | None = None
    closed: bool = False
    open_labs: set[str] = field(default_factory=set)
    last_weight: Decimal = Decimal(2000)  # tablets, at intake

    def holds(self, room: EvidenceRoom, actor: str) -> bool:
        return not self.closed and self.pending is None and custodian_of(actor) == self.holder


def resolve(model: Model, action: tuple[Any, ...]) -> tuple[Any, ...]:
    """The step with "holder" and "receiver" replaced by the custodian they name now."""
    names = {"holder": KEEPER[model.holder], "receiver": KEEPER[model.pending or model.holder]}
    return tuple(names.get(part, part) if isinstance(part, str) else part for part in action)


def custodian_of(actor: str) -> str:
    return {
        "custodian": "vault",
        "sr_custodian": "sr_vault",
        "lab_analyst": "lab",
        "court_clerk": "court",
        "site_keeper": "site",
    }[actor]


def expected_outcome(model: Model, room: EvidenceRoom, action: tuple[Any, ...]) -> bool:
    """Whether the rules allow `action` now (the model's prediction)."""
    name = action[0]
    if name == "move":
        _, kind, store_name, actor = action
        store = getattr(room, store_name)
        wanted = MOVEMENT_DESTINATIONS[kind]
        at_court = getattr(room, model.holder).kind == "court_registry"
        return (
            model.holds(room, actor)
            and (wanted is None or store.kind == wanted)
            and (kind != EventKind.COURT_RETURN or at_court)
            and store.holds_drugs
            and store_name != model.holder  # no location given: same store is "already there"
        )
    if name == "receive":
        return (
            not model.closed
            and model.pending is not None
            and custodian_of(action[1]) == (model.pending)
        )
    if name == "lab_result":
        _, actor, quantity = action
        return (
            model.holds(room, actor) and model.holder in model.open_labs and (Decimal(quantity) > 0)
        )
    if name == "weigh":
        _, actor, quantity, unit = action
        return model.holds(room, actor) and Decimal(quantity) > 0 and unit == "tablets"
    if name == "reseal":
        _, actor, seal = action
        return model.holds(room, actor) and seal == "NEW"
    if name == "release":
        return False  # drugs are never released to an owner
    raise AssertionError(name)


def perform(
    room: EvidenceRoom, exhibit: Exhibit, action: tuple[Any, ...], at: datetime, seals: list[str]
) -> None:
    name = action[0]
    if name == "move":
        _, kind, store_name, actor = action
        services.move(
            exhibit,
            kind,
            to_store=getattr(room, store_name),
            occurred_at=at,
            acting_user=getattr(room, actor),
        )
    elif name == "receive":
        services.receive(exhibit, occurred_at=at, acting_user=getattr(room, action[1]))
    elif name == "lab_result":
        _, actor, quantity = action
        services.record_lab_result(
            exhibit,
            substance_confirmed=True,
            purity_percent=Decimal("30"),
            net_quantity=Decimal(quantity),
            net_unit="tablets",
            lab_reference="NL-1",
            occurred_at=at,
            acting_user=getattr(room, actor),
        )
    elif name == "weigh":
        _, actor, quantity, unit = action
        services.weigh(
            exhibit,
            net_quantity=Decimal(quantity),
            net_unit=unit,
            occurred_at=at,
            acting_user=getattr(room, actor),
        )
    elif name == "reseal":
        _, actor, seal = action
        new_seal = seals[-1] if seal == "TAKEN" else f"RS-{at:%H%M%S}-{len(seals)}"
        services.reseal(
            exhibit,
            new_seal_number=new_seal,
            reason="Opened for counting",
            occurred_at=at,
            acting_user=getattr(room, actor),
        )
    elif name == "release":
        services.release_to_owner(
            exhibit,
            released_to="Owner",
            order_reference="O-1",
            occurred_at=at,
            acting_user=getattr(room, action[1]),
        )


def update_model(model: Model, room: EvidenceRoom, action: tuple[Any, ...]) -> None:
    name = action[0]
    if name == "move":
        _, kind, store_name, _actor = action
        store, holder = getattr(room, store_name), getattr(room, model.holder)
        if kind == EventKind.LAB_SUBMISSION:
            model.open_labs.add(store_name)
        if store.agency_id != holder.agency_id:
            model.pending = store_name
        else:
            model.holder = store_name
    elif name == "receive":
        assert model.pending is not None
        model.holder, model.pending = model.pending, None
    elif name == "lab_result":
        model.open_labs.discard(model.holder)
        model.last_weight = Decimal(action[2])
    elif name == "weigh":
        model.last_weight = Decimal(action[2])


def snapshot(exhibit: Exhibit) -> tuple[Any, ...]:
    events = tuple(CustodyEvent.objects.filter(exhibit=exhibit).order_by("seq").values_list())
    state = (
        Exhibit._base_manager.filter(pk=exhibit.pk)
        .values_list(
            "status",
            "store_id",
            "location_id",
            "pending_store_id",
            "seal_number",
            "seal_open",
            "event_count",
        )
        .get()
    )
    requests = tuple(LabRequest.objects.filter(exhibit=exhibit).values_list("pk", "result_id"))
    discrepancies = WeightDiscrepancy.objects.filter(exhibit=exhibit).count()
    return events, state, requests, discrepancies


def holder_from_last_completed_transfer(exhibit: Exhibit) -> int | None:
    """The oracle: the receiving store of the last intake, completed move or receipt."""
    holder = None
    for event in exhibit.events.order_by("seq"):
        if event.kind in (EventKind.RELEASED, EventKind.DESTROYED):
            return None
        completed_move = event.kind in MOVES and not event.awaits_receipt
        if event.kind in (EventKind.INTAKE, EventKind.RECEIVED) or completed_move:
            holder = event.to_store_id
    return holder


def with_rule_breakers(test: Any) -> Any:
    for steps in reversed(RULE_BREAKERS):
        test = example(steps=steps)(test)
    return test


class Rollback(Exception):
    pass


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(actions, min_size=1, max_size=12))
@with_rule_breakers
def test_random_custody_actions_keep_the_chain_sound(room: EvidenceRoom, steps: list) -> None:
    with time_machine.travel(START + timedelta(days=1), tick=False):
        try:
            with transaction.atomic():
                check_sequence(room, steps)
                raise Rollback
        except Rollback:
            pass


def check_sequence(room: EvidenceRoom, steps: list[tuple[Any, ...]]) -> None:
    seized = START - timedelta(hours=1)
    other = take_in(
        room, f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP", seized_at=seized), at=START
    )
    exhibit = take_in(
        room, f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP", seized_at=seized), at=START
    )
    seals = [other.seal_number]
    model = Model()
    for number, step in enumerate(steps, start=1):
        action = resolve(model, step)
        at = START + timedelta(minutes=10 * number)
        before = snapshot(exhibit)
        allowed = expected_outcome(model, room, action)
        tolerance = reconcile.tolerance_for(exhibit.substance_id, exhibit.form)
        previous_weight = model.last_weight
        try:
            with transaction.atomic():
                perform(room, exhibit, action, at, seals)
        except ValidationError:
            assert not allowed, f"refused, but the rules allow {action}"
            assert snapshot(exhibit) == before, f"a refused {action} changed the chain"
            continue
        assert allowed, f"accepted, but the rules refuse {action}"
        update_model(model, room, action)
        after = snapshot(exhibit)
        assert after[0][: len(before[0])] == before[0], "an earlier event changed"
        assert len(after[0]) == len(before[0]) + 1, "exactly one event is appended"
        exhibit.refresh_from_db()
        assert exhibit.store_id == holder_from_last_completed_transfer(exhibit)
        assert services.state_matches_events(exhibit)
        if action[0] in ("weigh", "lab_result"):
            measured = Decimal(action[2])
            opened = after[3] - before[3]
            assert opened == int(reconcile.exceeds(previous_weight, measured, tolerance)), (
                f"{previous_weight} -> {measured}"
            )
