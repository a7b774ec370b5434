"""The returns page: downloads (CSV equal to XLSX, numbers as numbers, safe text), the audit
entry, bad input and access."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from sahakar.audit.models import AuditEntry
from sahakar.statistics.returns import mappings
from sahakar.statistics.returns.tables import ReturnFile, Table, to_csv, to_xlsx
from sahakar.statistics.tests import returns_world as w
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db
URL = "/statistics/returns/"


@pytest.fixture
def world(pp_investigator: Any) -> Any:
    with time_machine.travel(w.TODAY, tick=False):
        yield w.build(pp_investigator)


def _get(client: Any, **params: str) -> Any:
    with time_machine.travel(w.TODAY, tick=False):
        return client.get(URL, params)


def _csv_tables(text: str) -> list[list[list[str]]]:
    """A CSV download as its tables (title line, header, rows; empty lines between)."""
    rows = list(csv.reader(io.StringIO(text)))
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for row in rows:
        if not row:
            tables.append(current)
            current = []
        else:
            current.append(row)
    tables.append(current)
    return tables


def _plain(value: Any) -> str:
    if isinstance(value, (int, float)):
        return format(Decimal(str(value)).normalize(), "f")
    return "" if value is None else str(value)


def test_it_is_named_and_shows_the_form(signed_in: Any) -> None:
    assert reverse("statistics:returns") == URL
    response = _get(signed_in("national_analyst"))
    assert response.status_code == 200
    assert b'name="which"' in response.content and b'name="year"' in response.content


@pytest.mark.parametrize("which", ["unodc-arq", "asean-admr"])
def test_it_downloads_the_same_cells_as_csv_and_xlsx(
    world: Any, signed_in: Any, which: str
) -> None:
    client = signed_in("national_analyst")
    query = {"which": which, "year": "2026", "half": "1"}
    as_csv = _get(client, **query, file_format="csv")
    as_xlsx = _get(client, **query, file_format="xlsx")
    assert as_csv.status_code == as_xlsx.status_code == 200
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "attachment" in as_xlsx["Content-Disposition"]
    book = load_workbook(io.BytesIO(as_xlsx.content))
    tables = _csv_tables(as_csv.content.decode())
    assert [t[0][0] for t in tables] == book.sheetnames
    for table, sheet in zip(tables, book.worksheets, strict=True):
        sheet_rows = [[_plain(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        assert [[_plain(c) for c in row] for row in table[1:]] == sheet_rows
        for row in sheet.iter_rows(min_row=2, values_only=True):
            assert isinstance(row[-1], (int, float))  # counts and quantities are numbers


def test_it_downloads_ids_rows_as_numbers(world: Any, signed_in: Any) -> None:
    query = {"which": "unodc-ids", "year": "2026"}
    client = signed_in("national_analyst")
    sheet = load_workbook(io.BytesIO(_get(client, **query, file_format="xlsx").content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Seizure Date", "Country/Territory of Seizure", "ISO3")
    assert rows[1][6] == 2000 and rows[1][7] == "Tablets"
    assert rows[2][6] == 0.5
    lines = list(csv.reader(io.StringIO(_get(client, **query, file_format="csv").content.decode())))
    assert [[_plain(v) for v in row] for row in rows] == lines


def test_it_audits_the_export(world: Any, signed_in: Any) -> None:
    before = AuditEntry.objects.filter(action="export").count()
    _get(signed_in("national_analyst"), which="unodc-ids", year="2026", file_format="csv")
    entry = AuditEntry.objects.filter(action="export").order_by("-seq").first()
    assert AuditEntry.objects.filter(action="export").count() == before + 1
    assert entry is not None and entry.detail["count"] == 4
    assert entry.detail["return"] == "unodc-ids"


def test_it_gives_a_provincial_analyst_their_province(world: Any, client: Any) -> None:
    client.force_login(w.analyst_of(f.SIEM_REAP))
    response = _get(client, which="unodc-ids", year="2026", file_format="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    assert rows[1][5] == "Cannabis herb"


def test_it_quotes_text_that_would_run_as_a_formula() -> None:
    built = ReturnFile("x", [Table("T", ["Name", "Number"], [["=HYPERLINK(1)", -2]])])
    assert "'=HYPERLINK(1),-2" in to_csv(built)
    sheet = load_workbook(io.BytesIO(to_xlsx(built))).active
    assert sheet is not None and sheet["A2"].value == "'=HYPERLINK(1)"
    assert sheet["B2"].value == -2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"which": "unodc-ids", "year": "twenty"}, "year"),
        ({"which": "unodc-ids", "year": "2026.5"}, "year"),
        ({"which": "asean-admr", "year": "2026", "half": "3"}, "half"),
        ({"which": "asean-admr", "year": "2026"}, "half"),
        ({"which": "unodc-arq", "year": "2027"}, "year"),
        ({"which": "nonsense", "year": "2026"}, "which"),
        ({"which": "unodc-ids", "year": "2026", "file_format": "pdf"}, "file_format"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(
    signed_in: Any, query: dict[str, str], field: str
) -> None:
    client = signed_in("national_analyst")
    before = AuditEntry.objects.filter(action="export").count()
    response = _get(client, **{"file_format": "csv", **query})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert AuditEntry.objects.filter(action="export").count() == before


def test_it_refuses_a_half_year_not_started(signed_in: Any) -> None:
    client = signed_in("national_analyst")
    with time_machine.travel(datetime(2026, 3, 1, 12, tzinfo=w.PHNOM_PENH_TIME), tick=False):
        response = client.get(URL, {"which": "asean-admr", "year": "2026", "half": "2"})
        assert response.status_code == 400
        assert "half" in response.context["form"].errors
        ok = client.get(URL, {"which": "asean-admr", "year": "2026", "half": "1"})
        assert ok.status_code == 200


@pytest.mark.parametrize("persona", ["national_analyst", "auditor", "admin_user"])
def test_it_opens_to_those_who_export_statistics(signed_in: Any, persona: str) -> None:
    assert _get(signed_in(persona)).status_code == 200


@pytest.mark.parametrize("persona", ["pp_officer", "prevention_officer", "outsider"])
def test_it_is_closed_to_others(signed_in: Any, persona: str) -> None:
    response = _get(signed_in(persona), which="unodc-ids", year="2026", file_format="csv")
    assert response.status_code == 403


def test_it_sends_strangers_to_sign_in(client: Any) -> None:
    assert _get(client).status_code == 302


def test_it_reports_unknown_codes_as_not_available() -> None:
    assert mappings.drug_name("NOPE") == mappings.NOT_AVAILABLE
    assert mappings.ids_unit("bushels").name == mappings.NOT_AVAILABLE
    assert mappings.transport_mode("") == mappings.NOT_AVAILABLE
    assert mappings.country_name("") == mappings.NOT_AVAILABLE
    assert mappings.seizure_country().iso3 == "KHM"


def test_it_speaks_khmer(signed_in: Any, settings: Any) -> None:
    client = signed_in("national_analyst")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    response = _get(client)
    assert "របាយការណ៍អន្តរជាតិ" in response.content.decode()
