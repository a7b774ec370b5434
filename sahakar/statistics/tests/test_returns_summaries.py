"""The ARQ annual supply summary and the ASEAN half-year summary, against counts made by hand
from the fixed world (and, for the totals, straight from the records)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from sahakar.arrests.models import Arrest
from sahakar.cases.models import CaseFile
from sahakar.seizures.models import Seizure
from sahakar.statistics.returns import arq, asean, mappings
from sahakar.statistics.returns.tables import ReturnFile, Table
from sahakar.statistics.tests import returns_world as w
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db
NA = mappings.NOT_AVAILABLE
ATS = "Amphetamine-type stimulants"


@pytest.fixture
def world(pp_investigator: Any) -> Any:
    with time_machine.travel(w.TODAY, tick=False):
        yield w.build(pp_investigator)


def _table(built: ReturnFile, title: str) -> Table:
    return next(t for t in built.tables if t.title == title)


def _year(model: Any, field: str, first: datetime, last: datetime) -> int:
    return int(model.objects.filter(**{f"{field}__gte": first, f"{field}__lt": last}).count())


def test_it_sums_quantities_and_seizure_cases_by_drug(world: Any, national_analyst: Any) -> None:
    built = arq.build(national_analyst, 2026)
    assert [t.title for t in built.tables] == [
        "Quantities seized",
        "Trafficking routes",
        "Persons in formal contact",
        "Persons prosecuted",
        "Persons convicted",
    ]
    assert _table(built, "Quantities seized").rows == [
        ["Cannabis herb", "Cannabis-type", "Kilograms", Decimal(3), 1],
        ["Ketamine", "Other drugs", "Litres", Decimal("0.5"), 1],
        ["Methamphetamine", ATS, "Kilograms", Decimal("0.25"), 1],
        ["Methamphetamine", ATS, "Tablets", Decimal(2000), 1],
    ]


def test_it_lists_origin_transit_and_destination(world: Any, national_analyst: Any) -> None:
    assert _table(arq.build(national_analyst, 2026), "Trafficking routes").rows == [
        ["Cannabis herb", "Origin", "Laos", "LAO", 1],
        ["Methamphetamine", "Origin", "Myanmar", "MMR", 1],
        ["Methamphetamine", "Transit", "Laos", "LAO", 1],
        ["Methamphetamine", "Transit", "Thailand", "THA", 1],
        ["Methamphetamine", "Destination", "Australia", "AUS", 1],
        ["Methamphetamine", "Destination", "Thailand", "THA", 1],
    ]


def test_it_counts_persons_by_offence_sex_and_nationality(
    world: Any, national_analyst: Any
) -> None:
    built = arq.build(national_analyst, 2026)
    vietnam = mappings.country_name("VN")
    contact = _table(built, "Persons in formal contact").rows
    assert sorted(contact, key=str) == sorted(
        [
            ["Use", "Male", "Nationals", "Cambodia", "KHM", 1],
            ["Use", NA, NA, NA, NA, 1],
            ["Trafficking", "Female", "Foreigners", vietnam, "VNM", 1],
            ["Trafficking", "Male", "Foreigners", "China", "CHN", 1],
            ["Trafficking", "Male", "Nationals", "Cambodia", "KHM", 1],
        ],
        key=str,
    )
    year = (w.at(2026, 1, 1, 0), w.at(2027, 1, 1, 0))
    assert sum(int(r[-1]) for r in contact) == _year(Arrest, "arrested_at", *year)
    assert sorted(_table(built, "Persons prosecuted").rows, key=str) == sorted(
        [
            ["Use", "Male", "Nationals", "Cambodia", "KHM", 1],
            ["Trafficking", "Female", "Foreigners", vietnam, "VNM", 1],
        ],
        key=str,
    )
    assert _table(built, "Persons convicted").rows == [
        ["Trafficking", "Female", "Foreigners", vietnam, "VNM", 1]
    ]


def test_it_gives_a_provincial_analyst_their_province(world: Any) -> None:
    built = arq.build(w.analyst_of(f.SIEM_REAP), 2026)
    assert [r[0] for r in _table(built, "Quantities seized").rows] == ["Cannabis herb"]
    assert _table(built, "Persons in formal contact").rows == [
        ["Trafficking", "Male", "Nationals", "Cambodia", "KHM", 1]
    ]
    assert _table(built, "Persons prosecuted").rows == []
    assert _table(built, "Persons convicted").rows == []


def test_it_summarises_the_first_half_year_for_asean(world: Any, national_analyst: Any) -> None:
    built = asean.build(national_analyst, 2026, 1)
    half = (w.at(2026, 1, 1, 0), w.at(2026, 7, 1, 0))
    assert _table(built, "Drug cases").rows == [
        ["Drug cases (case files opened)", _year(CaseFile, "created", *half)],
        ["Seizure cases", _year(Seizure, "seized_at", *half)],
    ]
    assert _table(built, "Drug cases").rows == [
        ["Drug cases (case files opened)", 1],
        ["Seizure cases", 2],
    ]
    assert _table(built, "Persons arrested").rows == [
        ["Nationals", 2],
        ["Foreigners", 1],
        [NA, 1],
        ["Total", _year(Arrest, "arrested_at", *half)],
    ]
    assert _table(built, "Foreigners arrested").rows == [[mappings.country_name("VN"), "VNM", 1]]
    assert _table(built, "Seizures by drug type").rows == [
        ["Cannabis", "Kilograms", Decimal(3), 1],
        ["Ketamine", "Litres", Decimal("0.5"), 1],
        ["Methamphetamine", "Tablets", Decimal(2000), 1],
    ]


def test_it_summarises_the_second_half_year_for_asean(world: Any, national_analyst: Any) -> None:
    built = asean.build(national_analyst, 2026, 2)
    assert _table(built, "Drug cases").rows == [
        ["Drug cases (case files opened)", 0],
        ["Seizure cases", 1],
    ]
    assert _table(built, "Persons arrested").rows == [
        ["Nationals", 0],
        ["Foreigners", 1],
        [NA, 0],
        ["Total", 1],
    ]
    assert _table(built, "Seizures by drug type").rows == [
        ["Methamphetamine", "Kilograms", Decimal("0.25"), 1]
    ]
