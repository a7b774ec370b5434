"""The monthly report as a PDF, in English or Khmer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import translation

from sahakar.core.pdf import render_pdf
from sahakar.core.users import AnyUser
from sahakar.statistics.report.build import MonthlyReport, build_report

TEMPLATE = "statistics/pdf/monthly_report.html"
LANGUAGES = ("en", "km")


@dataclass(frozen=True)
class ReportFile:
    report: MonthlyReport
    pdf: bytes
    language: str

    @property
    def filename(self) -> str:
        provisional = "-provisional" if self.report.provisional else ""
        return f"sahakar-monthly-report-{self.report.month:%Y-%m}-{self.language}{provisional}.pdf"


def monthly_report_pdf(
    user: AnyUser | None, month: date, language: str = "en", *, now: datetime | None = None
) -> ReportFile:
    """Build the figures of `month` as `user` sees them and draw them, all in `language` (the
    labels are written as the figures are gathered). MonthError for a month to come."""
    if language not in LANGUAGES:
        raise ValueError(f"no report language {language!r}")
    with translation.override(language):
        report = build_report(user, month, now=now)
        pdf = render_pdf(TEMPLATE, {"report": report})
    return ReportFile(report, pdf, language)
