"""The custody roster: which custody deadlines a user may follow, and with whose names.

Commanders and analysts must see custodies due and overdue in their jurisdiction, yet never
see suspects. The roster reads the CustodyDeadline record type, which the role table grants
separately from arrests (roles that may view arrests have it through their grant for the
whole app), and shows a person's name only for arrests the user may view and only when
their role sees personal data. Access is still decided by restrict(), nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sahakar.arrests.models import Arrest, ArrestQuerySet, CustodyDeadline
from sahakar.core import permissions


def may_follow(user: Any) -> bool:
    """Whether the user may follow custody deadlines anywhere."""
    return permissions.can(user, CustodyDeadline, permissions.VIEW)


def deadlines(user: Any) -> ArrestQuerySet:
    """Every custody whose clock the user may follow."""
    return CustodyDeadline.objects.restrict(user, permissions.VIEW)


def needing_attention(user: Any, now: datetime) -> ArrestQuerySet:
    """Custodies due within the window or overdue, soonest deadline first."""
    rows = (
        deadlines(user)
        .needing_attention(now)
        .select_related("org_unit", "arresting_agency", "outcome")
        .order_by("custody_deadline", "pk")
    )
    if shows_names(user):
        rows = rows.select_related("person")
    return rows


def shows_names(user: Any) -> bool:
    """Whether any row could show a name: the role sees personal data and views arrests."""
    return permissions.sees_personal_data(user) and permissions.can(user, Arrest, permissions.VIEW)


def openable(user: Any, rows: Iterable[Arrest]) -> set[int]:
    """The ids among `rows` of arrests the user may open (and, if shows_names(), whose
    person's name they see)."""
    if not permissions.can(user, Arrest, permissions.VIEW):
        return set()
    ids = [row.pk for row in rows]
    return set(Arrest.objects.restrict(user).filter(pk__in=ids).values_list("pk", flat=True))


def overdue_count(user: Any, now: datetime) -> int:
    """How many custodies the user may follow are past their deadline without an outcome."""
    if not may_follow(user):
        return 0
    return deadlines(user).overdue(now).count()
