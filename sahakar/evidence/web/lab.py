"""Pages of the evidence room: laboratory requests, for the sending unit and the laboratory.

One list with two switches: which side (sent by my unit, received by my laboratory, or all
I may see) and which state (open, overdue, answered). A laboratory's custodian starts on the
requests their laboratory received; everyone else on all the requests they may see.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.conf import settings
from django.http import QueryDict
from django.urls import path
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sahakar.core.badges import badge
from sahakar.core.times import local_text
from sahakar.core.views.generic import ObjectListView
from sahakar.evidence import labrequests
from sahakar.evidence.labrequests import LabRequestFilterSet, duration_text, rule_text, timing
from sahakar.evidence.models import LabRequest
from sahakar.evidence.tables import REF, code_with_name, when_html


class LabRequestTable(tables.Table):
    """Requests with their measured turnaround; the view selects what each row names."""

    exhibit = tables.Column(linkify=True, order_by=("exhibit__reference",), attrs=REF)
    substance = tables.Column(
        verbose_name=capfirst(_("substance")),
        accessor="exhibit__substance",
        order_by="exhibit__substance",
    )
    sending_agency = tables.Column()
    lab = tables.Column(verbose_name=capfirst(_("laboratory")))
    submitted_at = tables.Column(verbose_name=capfirst(_("submitted")))
    due_at = tables.Column(verbose_name=capfirst(_("due")))
    answered_at = tables.Column(verbose_name=capfirst(_("answered")), default="—")
    state = tables.Column(
        verbose_name=capfirst(_("state")), accessor="pk", orderable=False, empty_values=()
    )
    turnaround = tables.Column(
        verbose_name=capfirst(_("turnaround")),
        accessor="pk",
        orderable=False,
        empty_values=(),
        attrs={"td": {"class": "num"}, "th": {"class": "num"}},
    )
    late_by = tables.Column(
        verbose_name=capfirst(_("overdue by")),
        accessor="pk",
        orderable=False,
        empty_values=(),
        attrs={"td": {"class": "num"}, "th": {"class": "num"}},
    )
    rule = tables.Column(
        verbose_name=capfirst(_("turnaround rule")), orderable=False, empty_values=()
    )

    class Meta:
        model = LabRequest
        fields: list[str] = []
        sequence = [
            "exhibit",
            "state",
            "substance",
            "sending_agency",
            "lab",
            "submitted_at",
            "due_at",
            "answered_at",
            "turnaround",
            "late_by",
            "rule",
        ]
        empty_text = _("No laboratory requests match.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = timezone.now()

    def render_submitted_at(self, value: Any) -> SafeString:
        return when_html(local_text(value))

    def value_submitted_at(self, value: Any) -> str:
        return local_text(value)

    def render_due_at(self, value: Any) -> SafeString:
        return when_html(local_text(value))

    def value_due_at(self, value: Any) -> str:
        return local_text(value)

    def render_answered_at(self, value: Any) -> SafeString:
        return when_html(local_text(value))

    def value_answered_at(self, value: Any) -> str:
        return local_text(value)

    def render_sending_agency(self, value: Any) -> SafeString:
        return code_with_name(value)

    def render_lab(self, value: Any) -> SafeString:
        return code_with_name(value)

    def value_sending_agency(self, value: Any) -> str:
        return str(value)

    def value_lab(self, value: Any) -> str:
        return str(value)

    def render_state(self, record: LabRequest) -> SafeString:
        state = timing(record, self.now)
        return badge("lab", state.state, state.state_label)

    def value_state(self, record: LabRequest) -> str:
        return timing(record, self.now).state_label

    def render_turnaround(self, record: LabRequest) -> str:
        span = duration_text(timing(record, self.now).turnaround)
        if record.answered_at is None:
            return str(_("%(span)s so far") % {"span": span})
        return span

    def render_late_by(self, record: LabRequest) -> str:
        late = timing(record, self.now).late_by
        return duration_text(late) if late is not None else "—"

    def render_rule(self, record: LabRequest) -> str:
        return rule_text(record)


class LabRequestListView(ObjectListView):
    queryset = LabRequest.objects.select_related(
        "exhibit__substance", "sending_agency", "lab", "rule__substance"
    )
    filterset_class = LabRequestFilterSet
    table_class = LabRequestTable
    template_name = "evidence/lab_request_list.html"
    adds_here = False  # a request is opened by submitting an exhibit to a laboratory

    def default_side(self) -> str:
        return labrequests.RECEIVED if labrequests.is_lab_custodian(self.request.user) else ""

    def get_filterset_kwargs(self, filterset_class: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_filterset_kwargs(filterset_class)
        data = self.request.GET.copy()
        if "side" not in data:
            data["side"] = self.default_side()
        kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        side = self.request.GET.get("side", self.default_side())
        state = self.request.GET.get("state", "")
        sides = [("", _("all I may see")), (labrequests.SENT, labrequests.SIDES[0][1])]
        if labrequests.is_lab_custodian(self.request.user) or side == labrequests.RECEIVED:
            sides.append((labrequests.RECEIVED, labrequests.SIDES[1][1]))
        context.update(
            side_tabs=[(label, self._link(side=value), value == side) for value, label in sides],
            state_tabs=[
                (label, self._link(state=value), value == state)
                for value, label in [("", _("all")), *labrequests.STATES]
            ],
            time_zone=settings.TIME_ZONE,
        )
        return context

    def _link(self, **changes: str) -> str:
        query: QueryDict = self.request.GET.copy()
        query.pop("page", None)
        for key, value in changes.items():
            query[key] = value
        return f"?{query.urlencode()}"


urlpatterns = [
    path("lab-requests/", LabRequestListView.as_view(), name="labrequest_list"),
]
