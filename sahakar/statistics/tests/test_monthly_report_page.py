"""The reports page and the scheduled `monthly_report` command."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from sahakar.audit.models import AuditEntry
from sahakar.statistics.refresh import rebuild
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 10, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
URL = "/statistics/reports/"


@pytest.fixture(autouse=True)
def seizures(db: Any) -> Iterator[None]:
    """Two seizures in October 2026 in Phnom Penh, one in Siem Reap; the clock in November."""
    with time_machine.travel(NOW, tick=False):
        october = datetime(2026, 10, 14, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
        for province, count in ((f.PHNOM_PENH, 2), (f.SIEM_REAP, 1)):
            for _ in range(count):
                f.make_item(f.make_seizure(f.first_district(province), seized_at=october))
        rebuild()
        yield


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)


def test_it_has_its_url_name() -> None:
    assert reverse("statistics:reports") == URL


def test_it_shows_the_form_with_the_last_whole_month(signed_in: Any) -> None:
    response = signed_in("national_analyst").get(URL)
    assert response.status_code == 200
    assert 'value="2026-10"' in response.content.decode()


def test_it_gives_the_national_report_to_a_national_user(signed_in: Any) -> None:
    response = signed_in("national_analyst").get(URL, {"month": "2026-10", "language": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "sahakar-monthly-report-2026-10-en.pdf" in response["Content-Disposition"]
    text = _text(response.content)
    assert "Monthly national report: October 2026" in text
    assert "Seizure cases 3 " in text
    assert "Siem Reap 1 " in text and "Phnom Penh 2 " in text
    assert AuditEntry.objects.filter(detail__document="monthly report").exists()


def test_it_gives_a_provincial_user_their_province_only(signed_in: Any) -> None:
    response = signed_in("pp_officer").get(URL, {"month": "2026-10", "language": "en"})
    assert response.status_code == 200
    text = _text(response.content)
    assert "Monthly report: October 2026" in text
    assert "Seizure cases 2 " in text
    assert "Phnom Penh 2 " in text
    assert "Siem Reap" not in text


def test_it_writes_the_khmer_report(signed_in: Any) -> None:
    response = signed_in("national_analyst").get(URL, {"month": "2026-10", "language": "km"})
    assert response.status_code == 200
    assert "របាយការណ៍ជាតិប្រចាំខែ" in "".join(_text(response.content).split())


def test_it_marks_the_current_month_provisional(signed_in: Any) -> None:
    response = signed_in("national_analyst").get(URL, {"month": "2026-11", "language": "en"})
    assert response.status_code == 200
    assert "provisional" in response["Content-Disposition"]
    assert "(PROVISIONAL)" in _text(response.content)


@pytest.mark.parametrize(
    ("month", "error"),
    [
        ("2026-12", "has not started yet"),
        ("2027-01", "has not started yet"),
        ("2026-13", "Give a month as YYYY-MM"),
        ("October", "Give a month as YYYY-MM"),
        ("", "This field is required"),
    ],
)
def test_it_refuses_a_month_it_cannot_report(signed_in: Any, month: str, error: str) -> None:
    response = signed_in("national_analyst").get(URL, {"month": month, "language": "en"})
    assert response.status_code == 400
    assert error in response.content.decode()


def test_it_refuses_an_unknown_language(signed_in: Any) -> None:
    response = signed_in("national_analyst").get(URL, {"month": "2026-10", "language": "fr"})
    assert response.status_code == 400


def test_it_is_for_users_who_may_read_statistics(signed_in: Any, client: Client) -> None:
    assert signed_in("outsider").get(URL).status_code == 403
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_command_writes_the_report_where_it_is_told(tmp_path: Path) -> None:
    output = tmp_path / "report.pdf"
    out = StringIO()
    call_command(
        "monthly_report",
        "--month",
        "2026-10",
        "--language",
        "km",
        "--output",
        str(output),
        stdout=out,
    )
    assert out.getvalue().strip() == f"wrote {output}"
    text = "".join(_text(output.read_bytes()).split())
    assert "របាយការណ៍ជាតិប្រចាំខែ" in text  # "Monthly national report"


def test_the_command_writes_the_last_whole_month_by_default(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("monthly_report", stdout=out)
    written = tmp_path / "reports" / "sahakar-monthly-report-2026-10-en.pdf"
    assert out.getvalue().strip() == f"wrote {written}"
    assert "Seizure cases 3 " in _text(written.read_bytes())


def test_the_command_refuses_a_month_to_come() -> None:
    with time_machine.travel(NOW, tick=False), pytest.raises(CommandError, match="not started"):
        call_command("monthly_report", "--month", "2026-12", stdout=StringIO())
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("monthly_report", "--month", "2026/10", stdout=StringIO())


def test_it_caps_a_change_beyond_ten_times_its_base() -> None:
    from decimal import Decimal

    from sahakar.statistics.templatetags.report_numbers import percent

    assert percent(Decimal("11948011.1")) == ">+999.9%"
    assert percent(Decimal("-12.5")) == "-12.5%"
