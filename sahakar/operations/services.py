"""The writes with consequences for operations: status moves and target-venue checks.

Views and API endpoints call these; none of them sets an operation's status itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.core.attribution import save_as
from sahakar.core.times import local_text
from sahakar.core.writes import restoring
from sahakar.geo.models import OrgUnit
from sahakar.operations.choices import STATUS_TRANSITIONS, OperationStatus
from sahakar.operations.models import CLOCK_TOLERANCE, Operation
from sahakar.venues.models import Venue

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser


def status_label(value: Any) -> str:
    """The status' display name, or the value itself when it is not a status at all."""
    if value in OperationStatus.values:
        return str(OperationStatus(value).label)
    return str(value)


def allowed_statuses(operation: Operation) -> list[str]:
    """The statuses the operation may move to next, in the order they are declared."""
    allowed = STATUS_TRANSITIONS.get(operation.status, frozenset())
    return [value for value in OperationStatus.values if value in allowed]


def change_status(
    operation: Operation,
    new_status: str,
    at: datetime | None = None,
    *,
    acting_user: AnyUser | None,
) -> Operation:
    """Move the operation to `new_status` if STATUS_TRANSITIONS allows it.

    `at` is when it actually happened (now when not given): going active records it as the
    actual start, closing as the actual end. Without `at`, a time already recorded is kept.
    Refused, keyed "at", for a time in the future (beyond CLOCK_TOLERANCE of clock skew), an
    end before the start, and a time that would leave records already linked to the
    operation outside it. One transaction, through the model's save(): the change is logged
    and a stale `operation.version` raises StaleWrite. On any refusal nothing is changed, in
    the database or on `operation`.
    """
    if new_status not in STATUS_TRANSITIONS.get(operation.status, frozenset()):
        raise ValidationError({"status": _refusal(operation)})
    with restoring(operation, ("status", "actual_start", "actual_end")), transaction.atomic():
        operation.status = new_status
        if new_status == OperationStatus.ACTIVE:
            operation.actual_start = _moment(at, operation.actual_start)
        if new_status == OperationStatus.CLOSED:
            operation.actual_end = _moment(at, operation.actual_end)
        _check_times(operation)
        operation.full_clean(validate_unique=False)
        save_as(operation, acting_user)
    return operation


def _moment(at: datetime | None, recorded: datetime | None) -> datetime:
    if at is not None:
        return at
    return recorded if recorded is not None else timezone.now()


def _check_times(operation: Operation) -> None:
    """The move's time, refused with reasons under "at" (the time the caller gave)."""
    start, end = operation.actual_start, operation.actual_end
    assert start is not None
    moment = end if operation.status == OperationStatus.CLOSED and end is not None else start
    if moment > timezone.now() + CLOCK_TOLERANCE:
        raise ValidationError(
            {
                "at": _("%(time)s is in the future: give the time it actually happened.")
                % {"time": local_text(moment)}
            }
        )
    if end is not None and end < start:
        raise ValidationError(
            {
                "at": _("The operation cannot close (%(end)s) before it started (%(start)s).")
                % {"end": local_text(end), "start": local_text(start)}
            }
        )
    outside = operation.linked_records_outside(start, end)
    if outside:
        raise ValidationError(
            {
                "at": _(
                    "These records linked to the operation would fall outside its time: "
                    "%(records)s."
                )
                % {"records": ", ".join(outside)}
            }
        )


def _refusal(operation: Operation) -> ValidationError:
    """Why a move is refused, saying what is possible instead (never echoing the input)."""
    current = status_label(operation.status)
    allowed = allowed_statuses(operation)
    if not allowed:
        return ValidationError(
            _("The operation is %(current)s; its status cannot change any more."),
            code="invalid_transition",
            params={"current": current},
        )
    return ValidationError(
        _("An operation that is %(current)s can only become %(allowed)s."),
        code="invalid_transition",
        params={"current": current, "allowed": " / ".join(status_label(s) for s in allowed)},
    )


def validate_target_venues(org_unit: OrgUnit | None, venues: Iterable[Venue]) -> None:
    """Refuse target venues that lie outside the operation's org-unit subtree, naming them."""
    if org_unit is None:
        return
    # One query for all of them, whatever form the caller holds them in.
    chosen = Venue._base_manager.filter(pk__in=[venue.pk for venue in venues])
    outside = [
        venue
        for venue in chosen.select_related("org_unit")
        if not org_unit.contains(venue.org_unit)
    ]
    if outside:
        raise ValidationError(
            {
                "target_venues": ValidationError(
                    _("These venues are outside the operation's org unit (%(unit)s): %(venues)s."),
                    code="venue_outside_org_unit",
                    params={
                        "unit": org_unit,
                        "venues": ", ".join(sorted(str(venue) for venue in outside)),
                    },
                )
            }
        )
