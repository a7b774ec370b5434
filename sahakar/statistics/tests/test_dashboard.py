"""The statistics dashboard and its figures API over the tiny demo (fixed seed and day):
who sees what, bad input, the downloads, and the API's numbers against breakdown()."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from sahakar.demo.tests.conftest import demo  # noqa: F401  (the module's demo data)
from sahakar.statistics.figures import Period, breakdown

pytestmark = pytest.mark.django_db

PERIOD = "start=2025-12&end=2026-11"
PP = "12"  # Phnom Penh's gazetteer code


@pytest.fixture(autouse=True)
def _demo(demo: str) -> None:  # noqa: F811
    """Every test reads the demo."""


@pytest.fixture
def national_analyst(demo: str) -> Any:  # noqa: F811
    """The demo's national analyst (the personas' would clash with the demo's sign-ins)."""
    return get_user_model().objects.get(username="analyst")


@pytest.fixture
def pp_officer(demo: str) -> Any:  # noqa: F811
    """A Phnom Penh investigator of the demo: figures of Phnom Penh only, no export."""
    return get_user_model().objects.get(username="pp.investigator")


def test_it_shows_a_national_user_the_whole_country(signed_in: Any) -> None:
    response = signed_in("national_analyst").get(f"/statistics/?{PERIOD}")
    assert response.status_code == 200
    charts = response.context["charts"]
    assert len(charts["map"]["rows"]) == 25
    assert set(charts["map"]["codes"]) >= {"KH-12", "KH-1", "KH-25"}
    seizures = dict(
        zip(
            response.context["sections"][0].codes, response.context["sections"][0].rows, strict=True
        )
    )
    assert seizures["seizures"][1] > 0
    page = response.content.decode()
    assert 'id="statistics-charts"' in page
    assert "OpenStreetMap contributors" in page
    assert "<script>" not in page.replace('<script id="statistics-charts"', "")


def test_it_shows_a_provincial_user_their_province_by_district(signed_in: Any) -> None:
    response = signed_in("pp_officer").get(f"/statistics/?{PERIOD}")
    assert response.status_code == 200
    selection = response.context["selection"]
    assert selection.province.code == PP and selection.geography == "district"
    assert response.context["charts"]["map"]["chart"] == "bar"
    national = signed_in("national_analyst").get(f"/statistics/?{PERIOD}&province={PP}")
    assert _key(response) == _key(national)


def test_it_answers_404_for_a_province_the_user_does_not_hold(signed_in: Any) -> None:
    assert signed_in("pp_officer").get(f"/statistics/?{PERIOD}&province=17").status_code == 404


def test_it_refuses_outsiders(signed_in: Any, client: Any) -> None:
    assert signed_in("outsider").get("/statistics/").status_code == 403
    assert client.get("/statistics/").status_code in (302, 403)


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-13&end=2026-11",
        "start=2026-11&end=2026-01",
        "start=tomorrow&end=2026-11",
        "start=1990-01&end=2026-11",
        f"{PERIOD}&substance=NOPE",
        f"{PERIOD}&agency=NOPE",
        f"{PERIOD}&venue_kind=spaceport",
        f"{PERIOD}&province=99",
    ],
)
def test_it_shows_bad_input_as_form_errors(signed_in: Any, query: str) -> None:
    response = signed_in("national_analyst").get(f"/statistics/?{query}")
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


def test_it_filters_by_substance(signed_in: Any, national_analyst: Any) -> None:
    response = signed_in("national_analyst").get(f"/statistics/?{PERIOD}&substance=METH")
    assert response.status_code == 200
    period = Period.months(date(2025, 12, 1), date(2026, 11, 1))
    kg = breakdown(
        national_analyst, "drug", period, measures=("kg",), where={"substance": ["METH"]}
    )
    assert _key(response)["kg"] == sum((r["kg"] for r in kg), start=0)


def test_it_adds_up_the_key_figures_from_the_months(signed_in: Any) -> None:
    response = signed_in("national_analyst").get(f"/statistics/?{PERIOD}")
    trend = next(s for s in response.context["sections"] if s.key == "trend")
    key = _key(response)
    assert key["seizures"] == sum(row[1] for row in trend.rows) > 1
    assert key["kg"] == sum(row[2] for row in trend.rows)
    assert key["arrests"] == sum(row[3] for row in trend.rows)


def test_it_downloads_a_section_as_csv_and_xlsx(signed_in: Any, national_analyst: Any) -> None:
    client = signed_in("national_analyst")
    page = client.get(f"/statistics/?{PERIOD}")
    substance = next(s for s in page.context["sections"] if s.key == "substance")
    answer = client.get(f"/statistics/download/substance.csv?{PERIOD}")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == substance.columns
    assert rows[1:] == [[str(v) for v in row] for row in substance.rows]
    book = client.get(f"/statistics/download/substance.xlsx?{PERIOD}")
    assert book.status_code == 200
    sheet = load_workbook(io.BytesIO(book.content)).active
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0] == substance.columns
    assert [[r[0], Decimal(str(r[1])), r[2]] for r in cells[1:]] == [
        [r[0], Decimal(r[1]), r[2]] for r in substance.rows
    ]


def test_it_lets_only_exporters_download(signed_in: Any) -> None:
    assert (
        signed_in("pp_officer").get(f"/statistics/download/trend.csv?{PERIOD}").status_code == 403
    )
    client = signed_in("national_analyst")
    assert client.get(f"/statistics/download/nope.csv?{PERIOD}").status_code == 404
    assert client.get(f"/statistics/download/trend.pdf?{PERIOD}").status_code == 404
    assert client.get("/statistics/download/trend.csv?start=2026-99&end=2026-01").status_code == 400


def test_it_serves_the_province_map(client: Any) -> None:
    answer = client.get("/statistics/map/provinces.geojson")
    assert answer.status_code == 200
    assert "max-age" in answer["Cache-Control"]
    import json

    features = json.loads(b"".join(answer.streaming_content))["features"]
    assert len(features) == 25


def _key(response: Any) -> dict[str, Any]:
    section = response.context["sections"][0]
    return {code: row[1] for code, row in zip(section.codes, section.rows, strict=True)}


# The API.

API = "/api/v1/statistics/figures/"


def test_it_answers_the_same_numbers_as_breakdown(api_as: Any, national_analyst: Any) -> None:
    answer = api_as("national_analyst").get(
        API, {"family": "drug", "by": "month,substance", "from": "2025-12", "to": "2026-11"}
    )
    assert answer.status_code == 200, answer.json()
    period = Period.months(date(2025, 12, 1), date(2026, 11, 1))
    expected = breakdown(national_analyst, "drug", period, by=("month", "substance"))
    assert expected
    assert [
        {
            **r,
            "month": date.fromisoformat(r["month"]),
            "kg": Decimal(r["kg"]),
            "quantity": Decimal(r["quantity"]),
        }
        for r in answer.json()["rows"]
    ] == expected


def test_it_answers_a_provincial_user_for_their_province_only(api_as: Any, pp_officer: Any) -> None:
    client = api_as("pp_officer")
    params = {"family": "seizure", "by": "district", "from": "2025-12", "to": "2026-11"}
    answer = client.get(API, params)
    assert answer.status_code == 200
    period = Period.months(date(2025, 12, 1), date(2026, 11, 1))
    assert answer.json()["rows"] == breakdown(pp_officer, "seizure", period, by=("district",))
    assert client.get(API, {**params, "province": "17"}).status_code == 404


def test_it_matches_the_dashboard(api_as: Any, signed_in: Any) -> None:
    page = signed_in("national_analyst").get(f"/statistics/?{PERIOD}&province={PP}")
    answer = api_as("national_analyst").get(
        API,
        {
            "family": "arrest",
            "measures": "arrests",
            "from": "2025-12",
            "to": "2026-11",
            "province": PP,
        },
    )
    assert answer.json()["rows"][0]["arrests"] == _key(page)["arrests"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"family": "nothing"},
        {"family": "drug", "by": "colour"},
        {"family": "drug", "measures": "litres"},
        {"family": "drug", "from": "2026-13"},
        {"family": "drug", "from": "2026-10", "to": "2026-01"},
        {"family": "drug", "substance": "NOPE"},
        {"family": "drug", "venue_kind": "nightclub"},
        {"family": "drug", "province": "99"},
        {"family": "drug", "by": "month,month"},
    ],
)
def test_it_answers_bad_params_with_400_json(api_as: Any, params: dict[str, str]) -> None:
    answer = api_as("national_analyst").get(API, params)
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("application/json")


def test_it_refuses_outsiders_in_json(api_as: Any) -> None:
    answer = api_as("outsider").get(API, {"family": "drug"})
    assert answer.status_code == 403
    assert answer["Content-Type"].startswith("application/json")
