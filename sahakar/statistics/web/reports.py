"""The reports page: the monthly report of a chosen month, in a chosen language, as a PDF.

The report holds the figures the user may see: a provincial user gets their province's.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import View

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core import permissions
from sahakar.core.pdf import pdf_response
from sahakar.statistics.models import Fact
from sahakar.statistics.months import MonthError, check_month, last_whole_month, parse_month
from sahakar.statistics.report.document import monthly_report_pdf


class MonthlyReportForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-10"}),
        help_text=_("A past month, or the current one (its report is provisional)."),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("en", _("English")), ("km", _("Khmer"))]
    )

    def clean_month(self) -> date:
        try:
            month = parse_month(self.cleaned_data["month"])
            check_month(month)
        except MonthError as exc:
            raise forms.ValidationError(str(exc)) from None
        return month


class ReportsView(LoginRequiredMixin, View):
    """GET without a month: the form; with one: the PDF, or the form with its errors."""

    template_name = "statistics/reports.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not permissions.can(request.user, Fact, permissions.VIEW):
            raise PermissionDenied
        if "month" not in request.GET:
            language = "km" if translation.get_language() == "km" else "en"
            form = MonthlyReportForm(
                initial={"month": f"{last_whole_month():%Y-%m}", "language": language}
            )
            return render(request, self.template_name, {"form": form})
        form = MonthlyReportForm(request.GET)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        month, language = form.cleaned_data["month"], form.cleaned_data["language"]
        made = monthly_report_pdf(request.user, month, language)
        record(
            AuditAction.EXPORT,
            record_type=Fact,
            detail={
                "document": "monthly report",
                "month": f"{month:%Y-%m}",
                "language": language,
                "provisional": made.report.provisional,
            },
        )
        return pdf_response(made.pdf, made.filename, inline=False)


urlpatterns: list[URLPattern] = [
    path("reports/", ReportsView.as_view(), name="reports"),
]
