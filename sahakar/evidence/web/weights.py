"""Pages of the evidence room: weight discrepancies, listed open first, and closed by a
supervisor with a note."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django import forms
from django.conf import settings
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core import permissions
from sahakar.core.badges import badge
from sahakar.core.numbers import format_quantity
from sahakar.core.times import local_text
from sahakar.core.views.actions import ObjectActionView
from sahakar.core.views.generic import ObjectListView
from sahakar.evidence import discrepancies, services
from sahakar.evidence.choices import DiscrepancyStatus
from sahakar.evidence.discrepancies import DiscrepancyFilterSet, open_first
from sahakar.evidence.models import WeightDiscrepancy
from sahakar.evidence.tables import REF, code_with_name, when_html
from sahakar.evidence.weightline import quantity_text

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


def tolerance_text(discrepancy: WeightDiscrepancy) -> str:
    """The allowance as people read it ("±2 tablets / ±1 %"), not the rule's code and its
    three stored decimals."""
    rule = discrepancy.tolerance
    if rule is None:
        return "—"
    absolute = quantity_text(rule.absolute, discrepancy.unit)
    return f"±{absolute} / ±{format_quantity(rule.relative_percent, '%')}"


class DiscrepancyTable(tables.Table):
    exhibit = tables.Column(linkify=True, order_by=("exhibit__reference",), attrs=REF)
    status = tables.Column()
    substance = tables.Column(
        verbose_name=capfirst(gettext_lazy("substance")),
        accessor="exhibit__substance",
        order_by="exhibit__substance",
    )
    store = tables.Column(
        verbose_name=capfirst(gettext_lazy("store")),
        accessor="exhibit__store",
        order_by="exhibit__store",
    )
    stage = tables.Column(accessor="stage_text", order_by="stage")
    expected = tables.Column(attrs=NUM)
    measured = tables.Column(attrs=NUM)
    difference = tables.Column(
        verbose_name=capfirst(gettext_lazy("difference")), accessor="pk", orderable=False, attrs=NUM
    )
    tolerance = tables.Column(default="—")
    opened_at = tables.Column()
    closing = tables.Column(
        verbose_name=capfirst(gettext_lazy("closed")),
        accessor="pk",
        orderable=False,
        empty_values=(),
    )

    class Meta:
        model = WeightDiscrepancy
        fields: list[str] = []
        sequence = [
            "exhibit",
            "status",
            "substance",
            "store",
            "stage",
            "expected",
            "measured",
            "difference",
            "tolerance",
            "opened_at",
            "closing",
        ]
        empty_text = gettext_lazy("No weight discrepancies match.")

    def __init__(self, *args: Any, closable: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closable = closable or set()

    def render_tolerance(self, record: WeightDiscrepancy) -> str:
        return tolerance_text(record)

    def render_store(self, value: Any) -> SafeString:
        return code_with_name(value)

    def value_store(self, value: Any) -> str:
        return str(value)

    def render_status(self, record: WeightDiscrepancy) -> SafeString:
        return badge("discrepancy", record.status, record.get_status_display())

    def value_status(self, record: WeightDiscrepancy) -> str:
        return str(record.get_status_display())

    def render_expected(self, record: WeightDiscrepancy) -> str:
        return quantity_text(record.expected, record.unit)

    def render_measured(self, record: WeightDiscrepancy) -> str:
        return quantity_text(record.measured, record.unit)

    def render_difference(self, record: WeightDiscrepancy) -> str:
        difference = record.difference
        sign = "+" if difference > 0 else "-" if difference < 0 else ""
        return f"{sign}{quantity_text(abs(difference), record.unit)}"

    def render_opened_at(self, value: Any) -> SafeString:
        return when_html(local_text(value))

    def value_opened_at(self, value: Any) -> str:
        return local_text(value)

    def render_closing(self, record: WeightDiscrepancy) -> SafeString | str:
        if record.pk in self.closable:
            return format_html(
                '<a class="button" href="{}">{}</a>',
                reverse("evidence:weightdiscrepancy_close", args=[record.pk]),
                _("Close with a note"),
            )
        if record.closed_at is None:
            return "—"
        return format_html(
            '{} · {}<br><span class="meta">{}</span>',
            local_text(record.closed_at),
            record.closed_by,
            record.closing_note,
        )

    def value_closing(self, record: WeightDiscrepancy) -> str:
        if record.closed_at is None:
            return ""
        return f"{local_text(record.closed_at)} {record.closed_by}: {record.closing_note}"


class DiscrepancyListView(ObjectListView):
    queryset = open_first(
        WeightDiscrepancy.objects.select_related(
            "exhibit__substance", "exhibit__store", "tolerance", "closed_by"
        )
    )
    filterset_class = DiscrepancyFilterSet
    table_class = DiscrepancyTable
    template_name = "evidence/discrepancy_list.html"
    adds_here = False  # a weighing beyond the tolerance opens one

    def get_table(self, **kwargs: Any) -> Any:
        table = super().get_table(**kwargs)
        shown = [row.record.pk for row in table.page.object_list]
        table.closable = discrepancies.closable(self.request.user, shown)
        return table

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["time_zone"] = settings.TIME_ZONE
        return context


class CloseForm(forms.Form):
    closing_note = forms.CharField(
        label=gettext_lazy("Closing note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=gettext_lazy(
            "Why the weighings differ (moisture, packaging, a sample taken, a recount), and "
            "what was checked. It is kept with the exhibit's record."
        ),
    )


class DiscrepancyCloseView(ObjectActionView):
    """Close a discrepancy with a note. It is found with view rights, so a custodian who
    sees it is told why they cannot close it (403) rather than that it does not exist."""

    queryset = WeightDiscrepancy.objects.select_related(
        "exhibit__substance", "exhibit__store", "tolerance", "closed_by"
    )
    form_class = CloseForm
    template_name = "evidence/discrepancy_close.html"
    action = permissions.VIEW
    never_cache = True
    done = gettext_lazy("Discrepancy closed.")

    def get_queryset(self) -> Any:
        return self.queryset.all().restrict(self.request.user, permissions.VIEW)

    def get_target(self, pk: int) -> Any:
        """Found once per request (the look-up is audited)."""
        if getattr(self, "_target", None) is None:
            self._target = super().get_target(pk)
        return self._target

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.refusal(self.get_target(pk), status=200) or super().get(request, pk)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.refusal(self.get_target(pk), status=400) or super().post(request, pk)

    def refusal(self, target: WeightDiscrepancy, status: int) -> HttpResponse | None:
        """The page without a form when this user cannot close this discrepancy: not theirs
        to close (403, audited), or already closed."""
        if not discrepancies.may_change(self.request.user, target):
            record(
                AuditAction.DENIED,
                target,
                detail={"method": self.request.method, "path": self.request.path},
            )
            return self.refused_page(target, str(discrepancies.NOT_YOURS_TO_CLOSE), 403)
        if target.status != DiscrepancyStatus.OPEN:
            return self.refused_page(target, _("This discrepancy is already closed."), status)
        return None

    def refused_page(self, target: WeightDiscrepancy, message: str, status: int) -> HttpResponse:
        context = {**self.action_context(target, CloseForm()), "refusal": message}
        return render(self.request, self.template_name, context, status=status)

    def perform(self, target: WeightDiscrepancy, data: dict[str, Any]) -> None:
        services.close_discrepancy(target, note=data["closing_note"], acting_user=self.request.user)

    def success_url(self, target: Any) -> str:
        return reverse("evidence:weightdiscrepancy_list")

    def action_context(self, target: Any, form: BaseForm) -> dict[str, Any]:
        return {
            "object": target,
            "form": form,
            "list_url": reverse("evidence:weightdiscrepancy_list"),
            "expected": quantity_text(target.expected, target.unit),
            "measured": quantity_text(target.measured, target.unit),
            "tolerance": tolerance_text(target),
            "time_zone": settings.TIME_ZONE,
        }


urlpatterns = [
    path("weight-discrepancies/", DiscrepancyListView.as_view(), name="weightdiscrepancy_list"),
    path(
        "weight-discrepancies/<int:pk>/close/",
        DiscrepancyCloseView.as_view(),
        name="weightdiscrepancy_close",
    ),
]
