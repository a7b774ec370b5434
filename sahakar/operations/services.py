"""The writes with consequences for operations: status moves and target-venue checks.

Views and API endpoints call these; none of them sets an operation's status itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.geo.models import OrgUnit
from sahakar.operations.choices import STATUS_TRANSITIONS, OperationStatus
from sahakar.operations.models import Operation
from sahakar.venues.models import Venue


def status_label(value: Any) -> str:
    """The status' display name, or the value itself when it is not a status at all."""
    if value in OperationStatus.values:
        return str(OperationStatus(value).label)
    return str(value)


def allowed_statuses(operation: Operation) -> list[str]:
    """The statuses the operation may move to next, in the order they are declared."""
    allowed = STATUS_TRANSITIONS.get(operation.status, frozenset())
    return [value for value in OperationStatus.values if value in allowed]


def change_status(operation: Operation, new_status: str) -> Operation:
    """Move the operation to `new_status` if STATUS_TRANSITIONS allows it.

    Going active records the actual start, closing the actual end (each only when not
    already recorded). One transaction, through the model's save(): the change is logged and
    a stale `operation.version` raises StaleWrite. On any refusal nothing is changed, in the
    database or on `operation`.
    """
    if new_status not in STATUS_TRANSITIONS.get(operation.status, frozenset()):
        raise ValidationError({"status": _refusal(operation)})
    kept = (operation.status, operation.actual_start, operation.actual_end, operation.version)
    try:
        with transaction.atomic():
            now = timezone.now()
            operation.status = new_status
            if new_status == OperationStatus.ACTIVE and operation.actual_start is None:
                operation.actual_start = now
            if new_status == OperationStatus.CLOSED and operation.actual_end is None:
                operation.actual_end = now
            operation.full_clean(validate_unique=False)
            operation.save()
    except Exception:
        operation.status, operation.actual_start, operation.actual_end, operation.version = kept
        raise
    return operation


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
