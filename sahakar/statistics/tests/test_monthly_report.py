"""The monthly report: its figures against the records, and its PDF in English and Khmer."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Sum
from django.utils import timezone, translation
from pypdf import PdfReader

from sahakar.arrests.models import Arrest
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.statistics.figures import EVERYTHING
from sahakar.statistics.months import MonthError
from sahakar.statistics.report.build import build_report
from sahakar.statistics.report.document import monthly_report_pdf
from sahakar.statistics.templatetags.report_numbers import format_figure
from sahakar.statistics.tests.report_data import (
    CURRENT_MONTH,
    WHOLE_MONTH,
    demo_with_statistics,
)
from sahakar.testing.pdfs import rasterize

pytestmark = pytest.mark.django_db

BAR_COLOUR = (0x2E, 0x6D, 0xA4)  # .bar and .column in the template


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with demo_with_statistics(django_db_blocker):
        yield


def _bounds(month: date) -> tuple[datetime, datetime]:
    following = (month + timedelta(days=32)).replace(day=1)
    return (
        timezone.make_aware(datetime.combine(month, time.min)),
        timezone.make_aware(datetime.combine(following, time.min)),
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _squeezed(text: str) -> str:
    """Without spaces: pypdf puts spaces between some Khmer words that have none."""
    return "".join(text.split())


def _expected(month: date) -> dict[str, Any]:
    """The month's figures counted from the records themselves."""
    start, end = _bounds(month)
    seizures = Seizure.objects.filter(seized_at__gte=start, seized_at__lt=end)
    items = SeizureItem.objects.filter(seizure__in=seizures)
    arrests = Arrest.objects.filter(arrested_at__gte=start, arrested_at__lt=end).select_related(
        "outcome"
    )
    in_time = late = still = 0
    for arrest in arrests:
        outcome = getattr(arrest, "outcome", None)
        if outcome is None:
            still += 1
        elif arrest.missed_deadline_at or outcome.decided_at > arrest.custody_deadline:
            late += 1
        else:
            in_time += 1
    return {
        "seizures": seizures.count(),
        "kg": items.aggregate(kg=Sum("kg_equivalent"))["kg"] or Decimal(0),
        "arrests": arrests.count(),
        "in_time": in_time,
        "late": late,
        "open": still,
    }


def test_it_gathers_the_month_figures_as_the_records_have_them() -> None:
    expected = _expected(WHOLE_MONTH)
    report = build_report(EVERYTHING, WHOLE_MONTH)
    lines = {line.label: line for section in report.sections for line in section.lines}
    assert expected["seizures"] > 0 and expected["arrests"] > 0
    assert lines["Seizure cases"].now == expected["seizures"]
    assert lines["Drugs seized (kg, all substances)"].now == expected["kg"]
    assert lines["Persons arrested"].now == expected["arrests"]
    assert lines["Custodies ended within the legal time"].now == expected["in_time"]
    assert report.total.seizures == expected["seizures"]
    assert report.total.arrests == expected["arrests"]
    assert (report.total.in_time, report.total.late, report.total.open) == (
        expected["in_time"],
        expected["late"],
        expected["open"],
    )
    assert len(report.provinces) == OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).count()
    previous = _expected(date(2026, 9, 1))
    change = lines["Seizure cases"].previous
    assert change.base == previous["seizures"]
    assert change.difference == expected["seizures"] - previous["seizures"]
    # The demo's history starts in November 2025: October 2025 has nothing, so no percent.
    assert lines["Seizure cases"].last_year.base == 0
    assert lines["Seizure cases"].last_year.percent is None
    assert not report.provisional and report.national


def test_it_restricts_a_provincial_user_to_their_province(pp_officer: Any) -> None:
    report = build_report(pp_officer, WHOLE_MONTH)
    assert [row.code for row in report.provinces] == ["12"]
    start, end = _bounds(WHOLE_MONTH)
    in_pp = Seizure.objects.filter(
        seized_at__gte=start, seized_at__lt=end, org_unit__path__startswith="/KH/12/"
    ).count()
    assert report.total.seizures == in_pp
    assert not report.national and report.scope == "Phnom Penh"


def test_it_writes_the_figures_into_the_english_pdf() -> None:
    expected = _expected(WHOLE_MONTH)
    made = monthly_report_pdf(EVERYTHING, WHOLE_MONTH, "en")
    text = _flat(_text(made.pdf))
    assert "Monthly national report: October 2026" in text
    assert "PROVISIONAL" not in text
    assert "Cambodia (national)" in text
    with translation.override("en"):
        total = (
            f"All provinces {format_figure(expected['seizures'])} "
            f"{format_figure(expected['kg'], 'kg')} {format_figure(expected['arrests'])}"
        )
    assert total in text
    assert "Phnom Penh" in text and "n/a" in text
    assert made.filename == "sahakar-monthly-report-2026-10-en.pdf"


def test_it_writes_the_report_in_khmer_with_the_same_figures() -> None:
    expected = _expected(WHOLE_MONTH)
    made = monthly_report_pdf(EVERYTHING, WHOLE_MONTH, "km")
    text = _flat(_text(made.pdf))
    # (pypdf reads some stacked Khmer clusters back out of order: these words it reads whole)
    assert "របាយការណ៍ជាតិប្រចាំខែ" in _squeezed(text)  # "Monthly national report"
    assert "តុលា 2026" in text  # October 2026
    assert "គ្មាន" in _squeezed(text)  # "n/a": October 2025 has nothing
    with translation.override("km"):
        figures = [
            format_figure(expected["seizures"]),
            format_figure(expected["kg"], "kg"),
            format_figure(expected["arrests"]),
        ]
    assert " ".join(figures) in text
    assert "Monthly" not in text


def test_it_marks_the_current_month_provisional_on_every_page() -> None:
    made = monthly_report_pdf(EVERYTHING, CURRENT_MONTH, "en")
    assert made.report.provisional
    pages = [_flat(page.extract_text()) for page in PdfReader(BytesIO(made.pdf)).pages]
    assert len(pages) > 1
    assert "Monthly national report: November 2026 (PROVISIONAL)" in pages[0]
    assert all("PROVISIONAL" in page for page in pages)
    assert made.filename.endswith("-provisional.pdf")


def test_it_refuses_a_month_to_come() -> None:
    with pytest.raises(MonthError, match="has not started"):
        build_report(EVERYTHING, date(2026, 12, 1))


def test_it_draws_khmer_chart_labels_shaped(tmp_path: Path) -> None:
    """The pages as images, to look at: SAHAKAR_KEEP_PDFS=/tmp keeps them there
    (monthly-report-km-page-N.png, the charts from page 2). Pango shapes the labels: subscript
    consonants and vowel signs sit on their base consonant."""
    made = monthly_report_pdf(EVERYTHING, WHOLE_MONTH, "km")
    folder = Path(os.environ.get("SAHAKAR_KEEP_PDFS") or tmp_path)
    (folder / "monthly-report-km.pdf").write_bytes(made.pdf)
    pages = rasterize(made.pdf, dpi=110)
    for number, image in enumerate(pages, start=1):
        image.save(folder / f"monthly-report-km-page-{number}.png")
    assert len(pages) == len(PdfReader(BytesIO(made.pdf)).pages)
    bars = [
        page
        for page, image in enumerate(pages, start=1)
        if any(colour == BAR_COLOUR for _, colour in image.convert("RGB").getcolors(1 << 16) or [])
    ]
    assert bars, "no page shows a bar of a chart"
