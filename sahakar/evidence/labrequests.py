"""Laboratory requests as both sides follow them: open, overdue and answered, with the
measured turnaround. Shared by the page (web/lab.py) and the API (api/lab.py).

A request is open until the laboratory's result answers it, overdue when open past its due
date, answered once the result is recorded. The sending side is the user's agency; the
receiving side is the laboratories the user is a custodian of.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahakar.core import filter_pickers, permissions
from sahakar.core.filtersets import ValidatedFilterSet
from sahakar.core.users import recorded_user
from sahakar.evidence.choices import StoreKind
from sahakar.evidence.models import LabRequest, StoreCustodian
from sahakar.evidence.services import DEFAULT_TURNAROUND_DAYS

OPEN, OVERDUE, ANSWERED = "open", "overdue", "answered"
STATES = [
    (OPEN, gettext_lazy("open")),
    (OVERDUE, gettext_lazy("overdue")),
    (ANSWERED, gettext_lazy("answered")),
]
SENT, RECEIVED = "sent", "received"
SIDES = [
    (SENT, gettext_lazy("sent by my unit")),
    (RECEIVED, gettext_lazy("received by my laboratory")),
]


def in_state(queryset: QuerySet[LabRequest], state: str, now: datetime) -> QuerySet[LabRequest]:
    if state == OPEN:
        return queryset.filter(answered_at__isnull=True)
    if state == OVERDUE:
        return queryset.filter(answered_at__isnull=True, due_at__lt=now)
    if state == ANSWERED:
        return queryset.filter(answered_at__isnull=False)
    return queryset


def my_labs(user: Any) -> QuerySet[Any]:
    """The laboratories the user is a custodian of now, as store ids."""
    person = recorded_user(user)
    return StoreCustodian.objects.filter(
        user=person,
        ended_at__isnull=True,
        store__kind=StoreKind.LABORATORY,
    ).values("store_id")


def on_side(queryset: QuerySet[LabRequest], side: str, user: Any) -> QuerySet[LabRequest]:
    if side == SENT:
        profile = permissions.profile_of(user)
        if profile is None:
            return queryset.none()
        return queryset.filter(sending_agency_id=profile.agency_id)
    if side == RECEIVED:
        return queryset.filter(lab_id__in=my_labs(user))
    return queryset


def is_lab_custodian(user: Any) -> bool:
    return my_labs(user).exists()


class LabRequestFilterSet(ValidatedFilterSet):
    """What the page's tabs and filters, and the API's parameters, select."""

    state = django_filters.ChoiceFilter(
        choices=STATES, method="filter_state", label=gettext_lazy("State")
    )
    side = django_filters.ChoiceFilter(
        choices=SIDES, method="filter_side", label=gettext_lazy("Side")
    )
    lab = filter_pickers.PickByName(
        field_name="lab__code",
        label=gettext_lazy("Laboratory"),
        options=filter_pickers.evidence_stores,
    )
    sending_agency = filter_pickers.PickByName(
        field_name="sending_agency__code",
        label=gettext_lazy("Sending agency"),
        options=filter_pickers.agencies,
    )
    substance = filter_pickers.PickByName(
        field_name="exhibit__substance__code",
        label=gettext_lazy("Substance"),
        options=filter_pickers.substances,
    )
    exhibit = django_filters.CharFilter(
        field_name="exhibit__reference",
        lookup_expr="icontains",
        label=gettext_lazy("Exhibit number"),
    )

    class Meta:
        model = LabRequest
        fields = ["state", "side", "lab", "sending_agency", "substance", "exhibit"]

    def filter_state(self, queryset: QuerySet[LabRequest], name: str, value: str) -> Any:
        return in_state(queryset, value, timezone.now())

    def filter_side(self, queryset: QuerySet[LabRequest], name: str, value: str) -> Any:
        return on_side(queryset, value, getattr(self.request, "user", None))


@dataclass(frozen=True)
class Timing:
    """Where one request stands against its due date, at a moment."""

    state: str
    turnaround: timedelta  # submitted to answered, or to now while open
    late_by: timedelta | None  # past the due date (when answered, or now), else None

    @property
    def state_label(self) -> str:
        return str(dict(STATES)[self.state])


def timing(request: LabRequest, now: datetime) -> Timing:
    end = request.answered_at or now
    late = end - request.due_at if end > request.due_at else None
    state = OVERDUE if late is not None else OPEN
    if request.answered_at is not None:
        state = ANSWERED
    return Timing(state=state, turnaround=end - request.submitted_at, late_by=late)


def duration_text(span: timedelta) -> str:
    """A span in whole days and hours: "3 d 4 h"."""
    hours = max(int(span.total_seconds() // 3600), 0)
    return _("%(days)d d %(hours)d h") % {"days": hours // 24, "hours": hours % 24}


def rule_text(request: LabRequest) -> str:
    """The turnaround rule that set the due date, as the page and the API show it."""
    if request.rule is None:
        return _("default: %(days)d days (no rule loaded)") % {"days": DEFAULT_TURNAROUND_DAYS}
    substance = request.rule.substance.code if request.rule.substance else _("any substance")
    return _("%(code)s: %(days)d days (%(substance)s)") % {
        "code": request.rule.code,
        "days": request.rule.days,
        "substance": substance,
    }
