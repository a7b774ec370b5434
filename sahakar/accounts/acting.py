"""Which agency a user may record as the one acting: the seizing agency of a seizure, the
arresting agency of an arrest, the lead agency of an operation.

Their own agency (their profile's), or one taking part in the linked operation (its lead or a
participant). An operation may be led by another agency when the user's own takes part in it.
A role with `records_for_other_agencies` (administrators in the default role table) lifts the
rule. It is checked when a record is created and when its agency or operation changes, by the
forms and the API serializers alike; records made before stay correctable as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from sahakar.accounts.models import RoleAssignment
from sahakar.agencies.models import Agency
from sahakar.core import permissions


def prefill_own_agency(form: Any, field: str) -> None:
    """A new record's form offers the user's own agency as the one acting."""
    profile = permissions.profile_of(form.user)
    if form.instance.pk is None and not form.initial.get(field) and profile is not None:
        form.initial[field] = profile.agency_id


def records_for_other_agencies(user: Any) -> bool:
    """Whether one of the user's roles lets them name any agency as the one acting."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user, role__records_for_other_agencies=True).exists()


def acting_agency_error(
    user: Any,
    record: Any,
    field: str,
    agency: Agency | None,
    *,
    operation: Any = None,
    participants: Iterable[Agency] | None = None,
) -> str | None:
    """Why `user` may not name `agency` in `record`'s `field`, or None when they may.

    `operation` is the operation the record is linked to (seizures, arrests); for an
    operation itself, give the `participants` it is being saved with.
    """
    if agency is None or not _changes(record, field, agency, operation):
        return None
    if records_for_other_agencies(user):
        return None
    profile = permissions.profile_of(user)
    if profile is None:
        return _(
            "Your account belongs to no agency, so you cannot record for %(agency)s; ask an "
            "administrator to set your agency."
        ) % {"agency": agency}
    own = profile.agency
    if agency.pk == own.pk:
        return None
    if participants is not None:
        if own.pk in {a.pk for a in participants}:
            return None
        return _(
            "You may record operations led by your own agency (%(own)s), or by another when "
            "your agency takes part; %(agency)s leads this one and %(own)s does not take part."
        ) % {"own": own, "agency": agency}
    if operation is not None:
        taking_part = {
            operation.lead_agency_id,
            *(a.pk for a in operation.participating_agencies.all()),
        }
        if agency.pk in taking_part:
            return None
        return _(
            "You may record only for your own agency (%(own)s) or an agency taking part in "
            "operation %(operation)s; %(agency)s takes no part in it."
        ) % {"own": own, "operation": operation, "agency": agency}
    return _(
        "You may record only for your own agency (%(own)s), or for an agency taking part in "
        "the operation you link; %(agency)s is not yours."
    ) % {"own": own, "agency": agency}


def _changes(record: Any, field: str, agency: Agency, operation: Any) -> bool:
    """A new record, or one whose acting agency or operation is changing."""
    if record is None or record.pk is None:
        return True
    linked = hasattr(record, "operation_id")
    names = [f"{field}_id", *(["operation_id"] if linked else [])]
    stored = type(record)._base_manager.filter(pk=record.pk).values(*names).first()
    if stored is None or stored[f"{field}_id"] != agency.pk:
        return True
    return linked and stored["operation_id"] != getattr(operation, "pk", None)
