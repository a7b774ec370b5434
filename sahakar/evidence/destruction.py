"""Destroying approved exhibits in one witnessed batch: all of them, or none.

The custodian of the destruction site records the destruction: when and where, the method,
the orders, the committee, the witnesses and, if weighed there, each exhibit's net weight.
Every exhibit must have its disposal approved, be held (not in transit) at that site and be
still in the chain. At least two witnesses attend, and none comes from an agency that held
the exhibits: the agency of the store each exhibit came from before the site, or the agency
that seized it (IAPE 11.9). A refusal names the exhibit or the witness; nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahakar.agencies.models import Agency
from sahakar.core.users import AnyUser
from sahakar.evidence.choices import (
    CLOSED_STATUSES,
    MOVEMENTS,
    EventKind,
    ExhibitStatus,
    StoreKind,
)
from sahakar.evidence.models import (
    DestructionBatch,
    DestructionWitness,
    DisposalApproval,
    EvidenceStore,
    Exhibit,
)
from sahakar.evidence.services import (
    FUTURE_SLACK,
    _actor,
    _append,
    _check_quantity,
    is_custodian,
)
from sahakar.geo.models import OrgUnit

MIN_WITNESSES = 2


@dataclass(frozen=True)
class Witness:
    name: str
    agency: Agency
    position: str = ""


def destroy_batch(
    *,
    exhibits: Iterable[Exhibit],
    destroyed_at: datetime,
    org_unit: OrgUnit,
    site: EvidenceStore,
    place: str,
    method: str,
    order_references: str,
    committee_members: str,
    witnesses: Sequence[Mapping[str, Any]],
    weights: Mapping[int, tuple[Decimal, str]] | None = None,
    notes: str = "",
    acting_user: AnyUser | None,
) -> DestructionBatch:
    """Destroy the exhibits together, witnessed, with one DESTROYED event each."""
    chosen = sorted({exhibit.pk for exhibit in exhibits})
    weights = dict(weights or {})
    _check_site(site, acting_user)
    _check_record(destroyed_at, place, method, order_references, committee_members, chosen)
    people = _witnesses(witnesses)
    with transaction.atomic():
        locked = list(
            # Only the exhibits' rows are locked: PostgreSQL refuses FOR UPDATE on the nullable
            # side of the outer joins to their store and location.
            Exhibit._base_manager.select_for_update(of=("self",))
            .select_related("store", "location", "pending_store", "seizure__seizing_agency")
            .filter(pk__in=chosen)
            .order_by("pk")
        )
        if len(locked) != len(chosen):
            raise ValidationError({"exhibits": _("One of the chosen exhibits does not exist.")})
        approvals = {
            a.exhibit_id: a for a in DisposalApproval.objects.filter(exhibit_id__in=chosen)
        }
        for exhibit in locked:
            _check_exhibit(exhibit, site, approvals.get(exhibit.pk), destroyed_at)
        _check_weights(locked, weights)
        _check_independence(people, _holders(locked, site))
        batch = DestructionBatch(
            destroyed_at=destroyed_at,
            org_unit=org_unit,
            site=site,
            place=place.strip(),
            method=method.strip(),
            order_references=order_references.strip(),
            committee_members=committee_members.strip(),
            notes=notes.strip(),
        )
        batch.created_by = _actor(acting_user)
        batch.full_clean(exclude=["reference"])
        batch.save()
        for person in people:
            DestructionWitness.objects.create(
                batch=batch, name=person.name, position=person.position, agency=person.agency
            )
        for exhibit in locked:
            quantity, unit = weights.get(exhibit.pk, (None, ""))
            _append(
                exhibit,
                EventKind.DESTROYED,
                acting_user=acting_user,
                occurred_at=max(destroyed_at, exhibit.last_event_at or destroyed_at),
                from_store=exhibit.store,
                from_location=exhibit.location,
                destruction=batch,
                net_quantity=quantity,
                net_unit=unit if quantity is not None else "",
                order_reference=approvals[exhibit.pk].order_reference,
            )
        return batch


# ---------------------------------------------------------------- checks


def _check_site(site: EvidenceStore | None, user: AnyUser | None) -> None:
    if site is None:
        raise ValidationError({"site": _("Choose the destruction site.")})
    if site.kind != StoreKind.DESTRUCTION_SITE:
        raise ValidationError({"site": _("%(store)s is not a destruction site.") % {"store": site}})
    if not site.active:
        raise ValidationError({"site": _("%(store)s is closed.") % {"store": site}})
    if not is_custodian(user, site):
        raise ValidationError(
            {
                "site": _("Only a custodian of %(store)s can record a destruction there.")
                % {"store": site}
            }
        )


def _check_record(
    destroyed_at: datetime | None,
    place: str,
    method: str,
    order_references: str,
    committee_members: str,
    chosen: list[int],
) -> None:
    errors: dict[str, str] = {}
    if destroyed_at is None:
        errors["destroyed_at"] = _("Give the time of the destruction.")
    elif destroyed_at > timezone.now() + FUTURE_SLACK:
        errors["destroyed_at"] = _("This time is in the future.")
    if not place.strip():
        errors["place"] = _("Say where the exhibits were destroyed.")
    if not method.strip():
        errors["method"] = _("Say how the exhibits were destroyed (incineration, …).")
    if not order_references.strip():
        errors["order_references"] = _("Give the orders under which the exhibits are destroyed.")
    if not committee_members.strip():
        errors["committee_members"] = _("Name the members of the destruction committee.")
    if not chosen:
        errors["exhibits"] = _("Choose the exhibits destroyed.")
    if errors:
        raise ValidationError(errors)


def _witnesses(rows: Sequence[Mapping[str, Any]]) -> list[Witness]:
    people = []
    seen = set()
    for row in rows:
        name = str(row.get("name") or "").strip()
        agency = row.get("agency")
        if not name and agency is None:
            continue
        if not name or agency is None:
            raise ValidationError({"witnesses": _("Give each witness's name and agency.")})
        key = (name.casefold(), agency.pk)
        if key in seen:
            raise ValidationError(
                {"witnesses": _("%(name)s is listed twice as a witness.") % {"name": name}}
            )
        seen.add(key)
        people.append(Witness(name, agency, str(row.get("position") or "").strip()))
    if len(people) < MIN_WITNESSES:
        raise ValidationError(
            {
                "witnesses": _(
                    "At least two witnesses from outside the units that held the exhibits "
                    "must attend: %(count)s given."
                )
                % {"count": len(people)}
            }
        )
    return people


def _check_exhibit(
    exhibit: Exhibit,
    site: EvidenceStore,
    approval: DisposalApproval | None,
    destroyed_at: datetime,
) -> None:
    def refuse(message: str) -> ValidationError:
        return ValidationError({"exhibits": f"{exhibit.reference}: {message}"})

    if exhibit.status in CLOSED_STATUSES:
        raise refuse(_("it is %(status)s already.") % {"status": exhibit.get_status_display()})
    if approval is None:
        raise refuse(_("its disposal is not approved."))
    if exhibit.status == ExhibitStatus.IN_TRANSIT:
        raise refuse(
            _("it is in transit to %(store)s and must be received first.")
            % {"store": exhibit.pending_store}
        )
    if exhibit.store_id != site.pk:
        raise refuse(
            _("it is held at %(store)s, not at %(site)s.") % {"store": exhibit.store, "site": site}
        )
    # Times are typed to the minute: a destruction in the minute of the last event is after it.
    last = exhibit.last_event_at
    if last is not None and destroyed_at < last.replace(second=0, microsecond=0):
        raise ValidationError(
            {
                "destroyed_at": _("This is before the last event of %(exhibit)s (%(time)s).")
                % {
                    "exhibit": exhibit.reference,
                    "time": timezone.localtime(exhibit.last_event_at).strftime("%Y-%m-%d %H:%M"),
                }
            }
        )


def _check_weights(exhibits: list[Exhibit], weights: Mapping[int, tuple[Decimal, str]]) -> None:
    by_pk = {exhibit.pk: exhibit for exhibit in exhibits}
    for pk, (quantity, unit) in weights.items():
        exhibit = by_pk.get(pk)
        if exhibit is None:
            raise ValidationError(
                {"weights": _("A weight is given for an exhibit that is not in this batch.")}
            )
        try:
            _check_quantity(exhibit.form, quantity, unit, "weights")
        except ValidationError as exc:
            messages = [m for ms in exc.message_dict.values() for m in ms]
            raise ValidationError(
                {"weights": [f"{exhibit.reference}: {m}" for m in messages]}
            ) from exc


def _holders(exhibits: list[Exhibit], site: EvidenceStore) -> dict[int, list[str]]:
    """For each agency that held the exhibits (by id), the exhibits it held."""
    held: dict[int, list[str]] = {}
    for exhibit in exhibits:
        arrival = (
            exhibit.events.filter(
                kind__in=[*MOVEMENTS, EventKind.RECEIVED],
                to_store=site,
                from_store__isnull=False,
            )
            .select_related("from_store")
            .order_by("-seq")
            .first()
        )
        agencies = {exhibit.seizure.seizing_agency_id}
        if arrival is not None and arrival.from_store is not None:
            agencies.add(arrival.from_store.agency_id)
        for agency_id in agencies:
            held.setdefault(agency_id, []).append(exhibit.reference)
    return held


def _check_independence(people: list[Witness], held: dict[int, list[str]]) -> None:
    for person in people:
        if person.agency.pk in held:
            raise ValidationError(
                {
                    "witnesses": _(
                        "%(name)s is from %(agency)s, which held %(exhibits)s: witnesses come "
                        "from outside the units that held the exhibits (name them in the "
                        "committee instead)."
                    )
                    % {
                        "name": person.name,
                        "agency": person.agency,
                        "exhibits": ", ".join(held[person.agency.pk][:3]),
                    }
                }
            )
