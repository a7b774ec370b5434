"""What a new record's form can fill in for the officer: the time now, their jurisdiction.

A form lists its time fields in `now_fields`; a new record gets the local time, to the
minute (the inputs are `datetime-local`, which show no seconds). An `org_unit` field gets
the user's jurisdiction when they hold exactly one and may pick it. The user's agency is
filled by `accounts.acting.prefill_own_agency`. Only the initial values change: what is
sent is validated as before, and a value given (a query string, an edit) always wins.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from sahakar.accounts.models import RoleAssignment


def now_to_the_minute() -> datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


def single_jurisdiction(user: Any) -> int | None:
    """The org unit of the user's roles when all of them are held over one and the same."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    units = set(RoleAssignment.objects.filter(user=user).values_list("jurisdiction_id", flat=True))
    return units.pop() if len(units) == 1 else None


def prefill_known(form: Any) -> None:
    """Fill a new record's form with the time now and the user's one jurisdiction."""
    if form.instance.pk is not None or form.is_bound:
        return
    for name in getattr(form, "now_fields", ()):
        if name in form.fields and not form.initial.get(name):
            form.initial[name] = now_to_the_minute()
    field = form.fields.get("org_unit")
    if field is None or form.initial.get("org_unit"):
        return
    unit = single_jurisdiction(form.user)
    if unit is not None and field.queryset.filter(pk=unit).exists():
        form.initial["org_unit"] = unit
