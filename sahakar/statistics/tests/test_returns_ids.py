"""UNODC Individual Drug Seizures rows: columns, values, mappings and restriction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import time_machine

from sahakar.statistics.figures import Period
from sahakar.statistics.returns import ids, mappings
from sahakar.statistics.tests import returns_world as w
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db
NA = mappings.NOT_AVAILABLE


@pytest.fixture
def world(pp_investigator: Any) -> Any:
    with time_machine.travel(w.TODAY, tick=False):
        yield w.build(pp_investigator)


def _rows(user: Any, year: int = 2026) -> list[dict[str, Any]]:
    built = ids.build(user, Period.year(year))
    (table,) = built.tables
    assert table.header == ids.COLUMNS
    return [dict(zip(table.header, row, strict=True)) for row in table.rows]


def test_it_writes_the_columns_of_the_ids_release(world: Any, national_analyst: Any) -> None:
    assert ids.COLUMNS[:12] == [
        "Seizure Date",
        "Country/Territory of Seizure",
        "ISO3",
        "Subregion",
        "Region",
        "Drug/Substance",
        "Quantity Seized",
        "Measurement Unit",
        "City",
        "Administrative Region",
        "Physical Seizure Location",
        "Trafficking Mode of Transportation",
    ]
    assert len(_rows(national_analyst)) == 4  # the 2025 seizure stays out


def test_it_gives_a_known_seizure_its_row(world: Any, national_analyst: Any) -> None:
    meth = _rows(national_analyst)[0]
    district = f.first_district(f.PHNOM_PENH)
    assert meth == {
        "Seizure Date": "2026-03-10",
        "Country/Territory of Seizure": "Cambodia",
        "ISO3": "KHM",
        "Subregion": "South-Eastern Asia",
        "Region": "Asia",
        "Drug/Substance": "Methamphetamine",
        "Quantity Seized": Decimal(2000),
        "Measurement Unit": "Tablets",
        "City": district.name_en,
        "Administrative Region": f.unit(f.PHNOM_PENH).name_en,
        "Physical Seizure Location": "Entertainment venue",
        "Trafficking Mode of Transportation": "Road",
        "Producing Country": "Myanmar",
        "Departure Country": NA,
        "Transit Countries": "Laos; Thailand",
        "Destination Country": "Australia",
    }


def test_it_says_data_not_available_for_unknowns(world: Any, national_analyst: Any) -> None:
    ketamine = _rows(national_analyst)[1]
    assert ketamine["Drug/Substance"] == "Ketamine"
    assert ketamine["Quantity Seized"] == Decimal("0.5")  # 500 ml as litres
    assert ketamine["Measurement Unit"] == "Litres"
    for column in (
        "Trafficking Mode of Transportation",
        "Producing Country",
        "Transit Countries",
        "Destination Country",
    ):
        assert ketamine[column] == NA
    cannabis = _rows(national_analyst)[2]
    assert cannabis["Physical Seizure Location"] == NA  # a place, not a venue
    assert cannabis["City"] == NA  # seized at province level
    assert cannabis["Drug/Substance"] == "Cannabis herb"
    assert cannabis["Trafficking Mode of Transportation"] == "Sea"


def test_it_reads_the_mapping_files(world: Any, national_analyst: Any, monkeypatch: Any) -> None:
    mappings.table.cache_clear()
    original = mappings._read

    def edited(name: str, key: str) -> dict[str, dict[str, str]]:
        rows = original(name, key)
        if name == "substances.csv":
            rows["METH"] = {**rows["METH"], "unodc_name": "Methamphetamine (edited)"}
        return rows

    monkeypatch.setattr(mappings, "_read", edited)
    try:
        assert _rows(national_analyst)[0]["Drug/Substance"] == "Methamphetamine (edited)"
    finally:
        mappings.table.cache_clear()


def test_it_gives_a_provincial_user_only_their_province(world: Any) -> None:
    rows = _rows(w.analyst_of(f.SIEM_REAP))
    assert [r["Drug/Substance"] for r in rows] == ["Cannabis herb"]
    assert {r["Administrative Region"] for r in rows} == {f.unit(f.SIEM_REAP).name_en}


def test_it_gives_nothing_to_whom_may_not_export(world: Any, pp_officer: Any) -> None:
    assert _rows(pp_officer) == []
