"""The one writer of the evidence chain: exhibits, custody events, discrepancies, approvals.

Every function takes the acting user by keyword, checks the chain's rules, and writes in one
transaction: a refused action raises ValidationError (keyed by field) and changes nothing.
Events are appended through `_append`, which locks the exhibit, numbers the event, applies
it to the stored state (chain.apply) and reconciles any weight it carries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahakar.core import changelog
from sahakar.core.users import AnyUser, recorded_user
from sahakar.evidence import chain, reconcile
from sahakar.evidence.choices import (
    CLOSED_STATUSES,
    MOVEMENT_DESTINATIONS,
    MOVEMENTS,
    DiscrepancyStatus,
    EventKind,
    ExhibitStatus,
    StoreKind,
)
from sahakar.evidence.models import (
    CustodyEvent,
    EvidenceStore,
    Exhibit,
    LabRequest,
    LabTurnaroundRule,
    StoreCustodian,
    StoreLocation,
    WeightDiscrepancy,
)
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.substances.choices import UNITS_FOR_FORM, Form, Unit

FUTURE_SLACK = timedelta(minutes=5)
DEFAULT_TURNAROUND_DAYS = 30


# ---------------------------------------------------------------- who holds what


def is_custodian(user: AnyUser | None, store: EvidenceStore | None) -> bool:
    person = recorded_user(user)
    if store is None or person is None:
        return False
    return StoreCustodian.objects.filter(store=store, user=person, ended_at__isnull=True).exists()


def _actor(user: AnyUser | None) -> Any:
    """Who an event names: every custody event is someone's, never a command's."""
    person = recorded_user(user)
    if person is None:
        raise ValidationError({"exhibit": _("Sign in to record what happened to an exhibit.")})
    return person


def _require_holder(exhibit: Exhibit, user: AnyUser | None, holds: bool | None = None) -> None:
    """Refuse unless `user` keeps the store holding the exhibit (`holds`: already checked)."""
    if exhibit.status in CLOSED_STATUSES:
        raise ValidationError(
            {
                "exhibit": _("%(exhibit)s is %(status)s: nothing more can happen to it.")
                % {"exhibit": exhibit, "status": exhibit.get_status_display()}
            }
        )
    if exhibit.status == ExhibitStatus.IN_TRANSIT:
        raise ValidationError(
            {
                "exhibit": _("%(exhibit)s is in transit to %(store)s: it must be received first.")
                % {"exhibit": exhibit, "store": exhibit.pending_store}
            }
        )
    if not (is_custodian(user, exhibit.store) if holds is None else holds):
        raise ValidationError(
            {
                "exhibit": _(
                    "Only a custodian of %(store)s, where %(exhibit)s is held, can do this."
                )
                % {"store": exhibit.store, "exhibit": exhibit}
            }
        )


# ---------------------------------------------------------------- checks on values


def _check_time(exhibit: Exhibit, occurred_at: datetime) -> None:
    if occurred_at > timezone.now() + FUTURE_SLACK:
        raise ValidationError({"occurred_at": _("This time is in the future.")})
    if exhibit.last_event_at and occurred_at < exhibit.last_event_at:
        raise ValidationError(
            {
                "occurred_at": _("This is before the exhibit's last event (%(time)s).")
                % {"time": timezone.localtime(exhibit.last_event_at).strftime("%Y-%m-%d %H:%M")}
            }
        )


def _check_location(store: EvidenceStore, location: StoreLocation | None, field: str) -> None:
    if location is not None and location.store_id != store.pk:
        raise ValidationError({field: _("This location is not in %(store)s.") % {"store": store}})


def _check_store_for(exhibit: Exhibit, store: EvidenceStore, field: str = "to_store") -> None:
    if not store.active:
        raise ValidationError({field: _("%(store)s is closed.") % {"store": store}})
    if exhibit.is_drug and not store.holds_drugs:
        raise ValidationError(
            {
                field: _("%(store)s is not a store for drugs: drugs are kept apart.")
                % {"store": store}
            }
        )


def _check_quantity(form: str, quantity: Decimal | None, unit: str, field: str) -> None:
    if quantity is None:
        return
    if quantity <= 0:
        raise ValidationError({field: _("A weight or quantity must be more than zero.")})
    if not unit:
        raise ValidationError({"net_unit": _("Give the unit of the quantity.")})
    if form and unit not in UNITS_FOR_FORM.get(form, ()):
        raise ValidationError(
            {
                "net_unit": _("%(unit)s is not a unit for %(form)s.")
                % {"unit": Unit(unit).label, "form": Form(form).label}
            }
        )


def _check_gross(gross: Decimal | None) -> None:
    if gross is not None and gross <= 0:
        raise ValidationError({"gross_weight_g": _("A weight must be more than zero.")})


def _check_seal_free(seal_number: str, exhibit: Exhibit | None, field: str = "seal_number") -> None:
    if not seal_number.strip():
        raise ValidationError({field: _("Give the seal number.")})
    taken = Exhibit.objects.filter(seal_open=True, seal_number=seal_number)
    if exhibit is not None and exhibit.pk:
        taken = taken.exclude(pk=exhibit.pk)
    if taken.exists():
        raise ValidationError(
            {
                field: _("Seal %(seal)s is already on exhibit %(exhibit)s.")
                % {"seal": seal_number, "exhibit": taken.first()}
            }
        )


def _seal_taken_meanwhile(
    exc: IntegrityError, seal_number: str, exhibit: Exhibit | None, field: str
) -> NoReturn:
    """After the database refused a write: if another exhibit took the seal since it was
    checked (two writers at once; the constraint one_open_seal_number), say so at `field`."""
    _check_seal_free(seal_number, exhibit, field)
    raise exc


# ---------------------------------------------------------------- appending an event


def _append(
    exhibit: Exhibit,
    kind: str,
    *,
    acting_user: AnyUser | None,
    occurred_at: datetime,
    **fields: Any,
) -> CustodyEvent:
    """Number, save and apply one event to an exhibit locked by the caller's transaction."""
    _check_time(exhibit, occurred_at)
    event = CustodyEvent(
        exhibit=exhibit,
        seq=exhibit.event_count + 1,
        kind=kind,
        occurred_at=occurred_at,
        actor=_actor(acting_user),
        **fields,
    )
    # The service hands over records it has read (stores, locations, events): their foreign
    # keys need no look-up again, which would cost a query each in a batch of hundreds.
    event.full_clean(exclude=_RELATIONS, validate_unique=False, validate_constraints=False)
    event.save()
    state = chain.apply(_state_of(exhibit), event)
    _store_state(exhibit, state, occurred_at)
    if event.net_quantity is not None:
        _reconcile(exhibit, event)
    return event


_RELATIONS = [f.name for f in CustodyEvent._meta.concrete_fields if f.is_relation] + ["seq"]


def _state_of(exhibit: Exhibit) -> chain.ChainState:
    """The state stored on the exhibit (open laboratory requests are rows of their own)."""
    pending = None
    if exhibit.status == ExhibitStatus.IN_TRANSIT:
        pending = exhibit.event_count
    return chain.ChainState(
        status=exhibit.status,
        store_id=exhibit.store_id,
        location_id=exhibit.location_id,
        pending_store_id=exhibit.pending_store_id,
        pending_location_id=exhibit.pending_location_id,
        pending_seq=pending,
        seal_number=exhibit.seal_number,
        seal_open=exhibit.seal_open,
        count=exhibit.event_count,
    )


def _store_state(exhibit: Exhibit, state: chain.ChainState, at: datetime) -> None:
    values = {
        "status": state.status,
        "store_id": state.store_id,
        "location_id": state.location_id,
        "pending_store_id": state.pending_store_id,
        "pending_location_id": state.pending_location_id,
        "seal_number": state.seal_number,
        "seal_open": state.seal_open,
        "event_count": state.count,
        "last_event_at": at,
    }
    Exhibit._base_manager.filter(pk=exhibit.pk).update(**values)
    for name, value in values.items():
        setattr(exhibit, name, value)


def _locked(exhibit: Exhibit) -> Exhibit:
    # Only the exhibit's row is locked: PostgreSQL refuses FOR UPDATE on the nullable side
    # of the outer joins to its store and pending store.
    return (
        Exhibit._base_manager.select_for_update(of=("self",))
        .select_related("store__agency", "location", "pending_store", "pending_location", "seizure")
        .get(pk=exhibit.pk)
    )


def state_matches_events(exhibit: Exhibit) -> bool:
    """Whether the stored state is what the events derive (the property tests' invariant)."""
    derived = chain.derive(exhibit.events.order_by("seq"))
    stored = _state_of(Exhibit._base_manager.get(pk=exhibit.pk))
    keys = (
        "status",
        "store_id",
        "location_id",
        "pending_store_id",
        "pending_location_id",
        "seal_number",
        "seal_open",
        "count",
    )
    return all(asdict(derived)[k] == asdict(stored)[k] for k in keys)


# ---------------------------------------------------------------- weights


def _previous_weighing(exhibit: Exhibit, event: CustodyEvent) -> tuple[str, Decimal, str] | None:
    """The last earlier weighing in the same dimension, less any sample taken since."""
    _quantity, dimension = reconcile.to_base(event.net_quantity or Decimal(0), event.net_unit)
    taken = Decimal(0)
    earlier = exhibit.events.filter(seq__lt=event.seq).order_by("-seq")
    for before in earlier:
        if before.net_quantity is not None and before.net_unit:
            base, dim = reconcile.to_base(before.net_quantity, before.net_unit)
            if dim == dimension:
                # What that weighing left: less the sample it kept (a lab result weighs first).
                if before.sample_quantity is not None:
                    taken += reconcile.to_base(before.sample_quantity, before.net_unit)[0]
                return str(before.kind), base - taken, dimension
        if before.sample_quantity is not None and before.net_unit:
            sample, dim = reconcile.to_base(before.sample_quantity, before.net_unit)
            if dim == dimension:
                taken += sample
    if exhibit.net_quantity is not None and exhibit.net_unit:
        base, dim = reconcile.to_base(exhibit.net_quantity, exhibit.net_unit)
        if dim == dimension and event.kind != EventKind.INTAKE:
            return str(EventKind.INTAKE), base - taken, dimension
    return None


def _reconcile(exhibit: Exhibit, event: CustodyEvent) -> WeightDiscrepancy | None:
    if event.kind == EventKind.INTAKE:
        return _reconcile_with_field(exhibit, event)
    previous = _previous_weighing(exhibit, event)
    if previous is None:
        return None
    stage, expected, dimension = previous
    measured, _dim = reconcile.to_base(event.net_quantity or Decimal(0), event.net_unit)
    # A lab result measures before it takes its sample: compare the quantity as weighed.
    return _open_if_beyond(exhibit, event, f"{stage}>{event.kind}", expected, measured, dimension)


def _reconcile_with_field(exhibit: Exhibit, event: CustodyEvent) -> WeightDiscrepancy | None:
    """Intake against the field count, when the exhibit holds its items whole."""
    items = list(exhibit.items.all())
    if exhibit.holds_part or not items:
        return None
    if any(item.exhibits.exclude(pk=exhibit.pk).exists() for item in items):
        return None
    measured, dimension = reconcile.to_base(event.net_quantity or Decimal(0), event.net_unit)
    expected = Decimal(0)
    for item in items:
        base, dim = reconcile.to_base(item.quantity, item.unit)
        if dim != dimension:
            return None
        expected += base
    return _open_if_beyond(
        exhibit, event, f"field>{EventKind.INTAKE}", expected, measured, dimension
    )


def _open_if_beyond(
    exhibit: Exhibit,
    event: CustodyEvent,
    stage: str,
    expected: Decimal,
    measured: Decimal,
    unit: str,
) -> WeightDiscrepancy | None:
    tolerance = reconcile.tolerance_for(exhibit.substance_id, exhibit.form)
    if not reconcile.exceeds(expected, measured, tolerance):
        return None
    discrepancy = WeightDiscrepancy(
        exhibit=exhibit,
        event=event,
        stage=stage,
        expected=expected,
        measured=measured,
        unit=unit,
        tolerance=tolerance,
        opened_at=event.occurred_at,
    )
    discrepancy.save()
    return discrepancy


def close_discrepancy(
    discrepancy: WeightDiscrepancy, *, note: str, acting_user: AnyUser | None
) -> WeightDiscrepancy:
    """A supervisor's explanation closes a discrepancy; it is never reopened or removed."""
    if discrepancy.status != DiscrepancyStatus.OPEN:
        raise ValidationError({"closing_note": _("This discrepancy is already closed.")})
    if not note.strip():
        raise ValidationError({"closing_note": _("Explain the difference before closing.")})
    with transaction.atomic():
        discrepancy.status = DiscrepancyStatus.CLOSED
        discrepancy.closed_at = timezone.now()
        discrepancy.closed_by = _actor(acting_user)
        discrepancy.closing_note = note.strip()
        discrepancy.save()
    return discrepancy


# ---------------------------------------------------------------- exhibits and intake


def create_exhibit(
    seizure: Seizure,
    *,
    items: Sequence[SeizureItem] = (),
    property_items: Sequence[SeizedProperty] = (),
    seal_number: str,
    description: str,
    store: EvidenceStore,
    location: StoreLocation | None = None,
    gross_weight_g: Decimal | None = None,
    net_quantity: Decimal | None = None,
    net_unit: str = "",
    received_at: datetime | None = None,
    photo: Any = None,
    holds_part: bool = False,
    acting_user: AnyUser | None,
) -> Exhibit:
    """Seal a package of the seizure's items (or property) and take it into `store`.

    The acting user must be a custodian of the store: the intake event is theirs.
    """
    items, property_items = list(items), list(property_items)
    if not items and not property_items:
        raise ValidationError({"items": _("Choose the seized items this package holds.")})
    if items and property_items:
        raise ValidationError(
            {"items": _("Drugs are sealed apart from other property: make two exhibits.")}
        )
    parts: list[SeizureItem | SeizedProperty] = [*items, *property_items]
    foreign = [part for part in parts if part.seizure_id != seizure.pk]
    if foreign:
        raise ValidationError(
            {"items": _("Every item must belong to seizure %(seizure)s.") % {"seizure": seizure}}
        )
    substances = {i.substance_id for i in items}
    forms = {i.form for i in items}
    if len(substances) > 1 or len(forms) > 1:
        raise ValidationError(
            {"items": _("One package holds one substance in one form: make one exhibit each.")}
        )
    exhibit = Exhibit(
        seizure=seizure,
        is_drug=bool(items),
        substance_id=next(iter(substances)) if items else None,
        form=next(iter(forms)) if items else "",
        seal_number=seal_number.strip(),
        holds_part=holds_part,
        description=description,
        gross_weight_g=gross_weight_g,
        net_quantity=net_quantity,
        net_unit=net_unit,
    )
    if photo is not None:
        exhibit.photo = photo
    if items and net_quantity is None:
        raise ValidationError({"net_quantity": _("Weigh the drugs: give the net quantity.")})
    _check_quantity(exhibit.form, net_quantity, net_unit, "net_quantity")
    _check_gross(gross_weight_g)
    _check_store_for(exhibit, store, "store")
    _check_location(store, location, "location")
    if not is_custodian(acting_user, store):
        raise ValidationError(
            {
                "store": _("Only a custodian of %(store)s can take exhibits into it.")
                % {"store": store}
            }
        )
    when = received_at or timezone.now()
    if when < seizure.seized_at:
        raise ValidationError({"received_at": _("Intake cannot come before the seizure.")})
    with transaction.atomic():
        _check_seal_free(exhibit.seal_number, None)
        exhibit.full_clean(exclude=["reference", "seizure"], validate_constraints=False)
        exhibit.created_by = _actor(acting_user)
        try:
            with transaction.atomic():
                exhibit.save()
        except IntegrityError as exc:
            _seal_taken_meanwhile(exc, exhibit.seal_number, None, "seal_number")
        exhibit.items.set(items)
        exhibit.property_items.set(property_items)
        _append(
            exhibit,
            EventKind.INTAKE,
            acting_user=acting_user,
            occurred_at=when,
            to_store=store,
            to_location=location,
            seal_number=exhibit.seal_number,
            gross_weight_g=gross_weight_g,
            net_quantity=net_quantity,
            net_unit=net_unit,
        )
    return exhibit


# ---------------------------------------------------------------- movements


def move(
    exhibit: Exhibit,
    kind: str,
    *,
    to_store: EvidenceStore,
    to_location: StoreLocation | None = None,
    occurred_at: datetime | None = None,
    carrier: str = "",
    reason: str = "",
    question: str = "",
    acting_user: AnyUser | None,
) -> CustodyEvent:
    """Transfer, submit to a laboratory, send to court or return from court.

    Within the holder's agency the move is complete at once. To another agency the exhibit
    is handed over and stays in transit, both sides named, until a custodian of the receiving
    store confirms it (`receive`).
    """
    with transaction.atomic():
        exhibit = _locked(exhibit)
        return _move_locked(
            exhibit,
            kind,
            to_store=to_store,
            to_location=to_location,
            occurred_at=occurred_at or timezone.now(),
            carrier=carrier,
            reason=reason,
            question=question,
            acting_user=acting_user,
        )


def _move_locked(
    exhibit: Exhibit,
    kind: str,
    *,
    to_store: EvidenceStore,
    to_location: StoreLocation | None,
    occurred_at: datetime,
    carrier: str,
    reason: str,
    question: str,
    acting_user: AnyUser | None,
    holds: bool | None = None,
) -> CustodyEvent:
    if kind not in MOVEMENTS:
        raise ValidationError({"kind": _("This is not a movement.")})
    _require_holder(exhibit, acting_user, holds)
    destination = MOVEMENT_DESTINATIONS[kind]
    if destination is not None and to_store.kind != destination:
        raise ValidationError(
            {
                "to_store": _("%(store)s is not a %(kind)s.")
                % {"store": to_store, "kind": StoreKind(destination).label}
            }
        )
    if kind == EventKind.COURT_RETURN and (
        exhibit.store is None or exhibit.store.kind != StoreKind.COURT_REGISTRY
    ):
        raise ValidationError({"kind": _("Only an exhibit held at a court can return from it.")})
    _check_store_for(exhibit, to_store)
    _check_location(to_store, to_location, "to_location")
    assert exhibit.store is not None
    if to_store.pk == exhibit.store_id and to_location is None:
        raise ValidationError(
            {
                "to_location": _("The exhibit is already in %(store)s: choose the new location.")
                % {"store": to_store}
            }
        )
    if to_store.pk == exhibit.store_id and to_location == exhibit.location:
        raise ValidationError({"to_location": _("The exhibit is already there.")})
    awaits = to_store.agency_id != exhibit.store.agency_id
    event = _append(
        exhibit,
        kind,
        acting_user=acting_user,
        occurred_at=occurred_at,
        from_store=exhibit.store,
        from_location=exhibit.location,
        to_store=to_store,
        to_location=to_location,
        awaits_receipt=awaits,
        carrier=carrier,
        reason=reason,
    )
    if kind == EventKind.LAB_SUBMISSION:
        _open_lab_request(exhibit, event, to_store, question)
    return event


def move_many(
    exhibits: Iterable[Exhibit],
    kind: str,
    *,
    to_store: EvidenceStore,
    to_location: StoreLocation | None = None,
    occurred_at: datetime | None = None,
    carrier: str = "",
    reason: str = "",
    question: str = "",
    acting_user: AnyUser | None,
) -> list[CustodyEvent]:
    """Move many exhibits in one step, all or nothing: a refusal names the exhibit."""
    when = occurred_at or timezone.now()
    chosen = sorted({e.pk for e in exhibits})
    if not chosen:
        raise ValidationError({"exhibits": _("Choose at least one exhibit.")})
    events = []
    with transaction.atomic(), changelog.grouped():
        locked = (
            Exhibit._base_manager.select_for_update(of=("self",))
            .select_related(
                "store__agency", "location", "pending_store", "pending_location", "seizure"
            )
            .filter(pk__in=chosen)
            .order_by("pk")
        )
        custodian_of: dict[int | None, bool] = {}
        for exhibit in locked:
            if exhibit.store_id not in custodian_of:
                custodian_of[exhibit.store_id] = is_custodian(acting_user, exhibit.store)
            try:
                events.append(
                    _move_locked(
                        exhibit,
                        kind,
                        to_store=to_store,
                        to_location=to_location,
                        occurred_at=when,
                        carrier=carrier,
                        reason=reason,
                        question=question,
                        acting_user=acting_user,
                        holds=custodian_of[exhibit.store_id],
                    )
                )
            except ValidationError as exc:
                messages = [m for ms in exc.message_dict.values() for m in ms]
                raise ValidationError(
                    {"exhibits": [f"{exhibit.reference}: {m}" for m in messages]}
                ) from exc
    return events


def receive(
    exhibit: Exhibit,
    *,
    to_location: StoreLocation | None = None,
    occurred_at: datetime | None = None,
    note: str = "",
    acting_user: AnyUser | None,
) -> CustodyEvent:
    """The receiving custodian confirms a hand-over: the exhibit is theirs from now."""
    with transaction.atomic():
        exhibit = _locked(exhibit)
        if exhibit.status != ExhibitStatus.IN_TRANSIT or exhibit.pending_store is None:
            raise ValidationError(
                {"exhibit": _("%(exhibit)s was not handed over to anyone.") % {"exhibit": exhibit}}
            )
        if not is_custodian(acting_user, exhibit.pending_store):
            raise ValidationError(
                {
                    "exhibit": _("%(exhibit)s was handed to %(store)s, not to you.")
                    % {"exhibit": exhibit, "store": exhibit.pending_store}
                }
            )
        location = to_location or exhibit.pending_location
        if location is not None:
            _check_location(exhibit.pending_store, location, "to_location")
        handover = exhibit.events.get(seq=_pending_seq(exhibit))
        return _append(
            exhibit,
            EventKind.RECEIVED,
            acting_user=acting_user,
            occurred_at=occurred_at or timezone.now(),
            from_store=handover.from_store,
            to_store=exhibit.pending_store,
            to_location=location,
            completes=handover,
            reason=note,
        )


def _pending_seq(exhibit: Exhibit) -> int:
    handover = (
        exhibit.events.filter(awaits_receipt=True, completed_by__isnull=True)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    if handover is None:
        raise ValidationError({"exhibit": _("No hand-over waits for receipt.")})
    return int(handover)


# ---------------------------------------------------------------- laboratory


def _open_lab_request(
    exhibit: Exhibit, event: CustodyEvent, lab: EvidenceStore, question: str
) -> LabRequest:
    rule = _turnaround_rule(exhibit)
    days = rule.days if rule is not None else DEFAULT_TURNAROUND_DAYS
    assert exhibit.store is not None
    request = LabRequest(
        exhibit=exhibit,
        sending_agency=exhibit.store.agency,
        lab=lab,
        submission=event,
        submitted_at=event.occurred_at,
        due_at=event.occurred_at + timedelta(days=days),
        rule=rule,
        question=question,
    )
    request.save()
    return request


def _turnaround_rule(exhibit: Exhibit) -> LabTurnaroundRule | None:
    specific = None
    if exhibit.substance_id is not None:
        specific = LabTurnaroundRule.objects.filter(substance_id=exhibit.substance_id).first()
    return specific or LabTurnaroundRule.objects.filter(substance__isnull=True).first()


def record_lab_result(
    exhibit: Exhibit,
    *,
    substance_confirmed: bool,
    identified_substance: Any = None,
    purity_percent: Decimal | None = None,
    net_quantity: Decimal | None = None,
    net_unit: str = "",
    sample_retained: bool = False,
    sample_quantity: Decimal | None = None,
    lab_reference: str,
    occurred_at: datetime | None = None,
    note: str = "",
    acting_user: AnyUser | None,
) -> CustodyEvent:
    """The laboratory's answer, by a custodian of the laboratory that holds the exhibit."""
    with transaction.atomic():
        exhibit = _locked(exhibit)
        _require_holder(exhibit, acting_user)
        request = LabRequest.objects.filter(
            exhibit=exhibit, lab_id=exhibit.store_id, result__isnull=True
        ).first()
        if request is None:
            raise ValidationError(
                {
                    "exhibit": _("%(exhibit)s was not submitted to this laboratory for analysis.")
                    % {"exhibit": exhibit}
                }
            )
        if not lab_reference.strip():
            raise ValidationError({"lab_reference": _("Give the laboratory's reference.")})
        if purity_percent is not None and not (0 <= purity_percent <= 100):
            raise ValidationError({"purity_percent": _("Purity is a percentage from 0 to 100.")})
        if sample_quantity is not None and not sample_retained:
            raise ValidationError({"sample_retained": _("A sample quantity means a sample kept.")})
        _check_quantity(exhibit.form, net_quantity, net_unit, "net_quantity")
        _check_quantity(exhibit.form, sample_quantity, net_unit, "sample_quantity")
        event = _append(
            exhibit,
            EventKind.LAB_RESULT,
            acting_user=acting_user,
            occurred_at=occurred_at or timezone.now(),
            substance_confirmed=substance_confirmed,
            identified_substance=identified_substance,
            purity_percent=purity_percent,
            net_quantity=net_quantity,
            # The unit is the measured quantity's and the sample's: kept if either is given.
            net_unit=net_unit if net_quantity is not None or sample_quantity is not None else "",
            sample_retained=sample_retained,
            sample_quantity=sample_quantity,
            lab_reference=lab_reference.strip(),
            reason=note,
        )
        request.result = event
        request.answered_at = event.occurred_at
        request.save()
        return event


# ---------------------------------------------------------------- seals, weighing, release


def reseal(
    exhibit: Exhibit,
    *,
    new_seal_number: str,
    reason: str,
    gross_weight_g: Decimal | None = None,
    net_quantity: Decimal | None = None,
    net_unit: str = "",
    occurred_at: datetime | None = None,
    acting_user: AnyUser | None,
) -> CustodyEvent:
    with transaction.atomic():
        exhibit = _locked(exhibit)
        _require_holder(exhibit, acting_user)
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the seal was broken.")})
        _check_seal_free(new_seal_number.strip(), exhibit, "new_seal_number")
        _check_quantity(exhibit.form, net_quantity, net_unit, "net_quantity")
        _check_gross(gross_weight_g)
        try:
            with transaction.atomic():
                return _append(
                    exhibit,
                    EventKind.RESEALED,
                    acting_user=acting_user,
                    occurred_at=occurred_at or timezone.now(),
                    previous_seal_number=exhibit.seal_number,
                    seal_number=new_seal_number.strip(),
                    reason=reason,
                    gross_weight_g=gross_weight_g,
                    net_quantity=net_quantity,
                    net_unit=net_unit if net_quantity is not None else "",
                )
        except IntegrityError as exc:
            _seal_taken_meanwhile(exc, new_seal_number.strip(), exhibit, "new_seal_number")


def weigh(
    exhibit: Exhibit,
    *,
    net_quantity: Decimal,
    net_unit: str,
    gross_weight_g: Decimal | None = None,
    occurred_at: datetime | None = None,
    note: str = "",
    acting_user: AnyUser | None,
) -> CustodyEvent:
    with transaction.atomic():
        exhibit = _locked(exhibit)
        _require_holder(exhibit, acting_user)
        if net_quantity is None:
            raise ValidationError({"net_quantity": _("Give the quantity weighed.")})
        _check_quantity(exhibit.form, net_quantity, net_unit, "net_quantity")
        _check_gross(gross_weight_g)
        return _append(
            exhibit,
            EventKind.WEIGHED,
            acting_user=acting_user,
            occurred_at=occurred_at or timezone.now(),
            net_quantity=net_quantity,
            net_unit=net_unit,
            gross_weight_g=gross_weight_g,
            reason=note,
        )


def release_to_owner(
    exhibit: Exhibit,
    *,
    released_to: str,
    order_reference: str,
    occurred_at: datetime | None = None,
    acting_user: AnyUser | None,
) -> CustodyEvent:
    """Give non-drug property back to its owner: the end of its chain."""
    with transaction.atomic():
        exhibit = _locked(exhibit)
        _require_holder(exhibit, acting_user)
        if exhibit.is_drug:
            raise ValidationError({"exhibit": _("Drugs are never released to an owner.")})
        if not released_to.strip():
            raise ValidationError({"released_to": _("Name who received the property.")})
        if not order_reference.strip():
            raise ValidationError({"order_reference": _("Give the release order.")})
        return _append(
            exhibit,
            EventKind.RELEASED,
            acting_user=acting_user,
            occurred_at=occurred_at or timezone.now(),
            from_store=exhibit.store,
            from_location=exhibit.location,
            released_to=released_to.strip(),
            order_reference=order_reference.strip(),
        )


def correct(
    exhibit: Exhibit,
    *,
    event: CustodyEvent,
    note: str,
    occurred_at: datetime | None = None,
    acting_user: AnyUser | None,
) -> CustodyEvent:
    """Annotate an earlier event; the event itself is never changed."""
    with transaction.atomic():
        exhibit = _locked(exhibit)
        if event.exhibit_id != exhibit.pk:
            raise ValidationError({"event": _("This event belongs to another exhibit.")})
        if event.kind == EventKind.CORRECTION:
            raise ValidationError({"event": _("Correct the original event, not a correction.")})
        if not note.strip():
            raise ValidationError({"reason": _("Say what was wrong and what is right.")})
        holder = exhibit.store if exhibit.status != ExhibitStatus.IN_TRANSIT else None
        if not (
            is_custodian(acting_user, holder) or event.actor_id == getattr(acting_user, "pk", None)
        ):
            raise ValidationError(
                {"event": _("Only the exhibit's custodian or the event's author can correct it.")}
            )
        return _append(
            exhibit,
            EventKind.CORRECTION,
            acting_user=acting_user,
            occurred_at=occurred_at or timezone.now(),
            corrects=event,
            reason=note.strip(),
        )
