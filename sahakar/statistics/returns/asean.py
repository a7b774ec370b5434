"""The half-year summary for the ASEAN Drug Monitoring Report (ADMR): drug cases, persons
arrested (nationals and foreigners) and seizures by drug type, January-June or July-December.

Everything is read from the analytics tables (figures.breakdown), so the
figures are those of the dashboards for the same months and jurisdiction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sahakar.statistics import figures
from sahakar.statistics.figures import Period
from sahakar.statistics.returns import mappings as m
from sahakar.statistics.returns.tables import Cell, ReturnFile, Table

HALVES = {1: (1, 6), 2: (7, 12)}


def half_period(year: int, half: int) -> Period:
    first, last = HALVES[half]
    return Period.months(date(year, first, 1), date(year, last, 1))


def _sum(user: Any, name: str, period: Period, measure: str) -> int:
    """One measure over the period (by year, which a half-year lies within)."""
    rows = figures.breakdown(user, name, period, by=("year",), measures=(measure,))
    return sum(int(row[measure]) for row in rows)


def cases_table(user: Any, period: Period) -> Table:
    rows: list[list[Cell]] = [
        ["Drug cases (case files opened)", _sum(user, "case", period, "cases")],
        ["Seizure cases", _sum(user, "seizure", period, "seizures")],
    ]
    return Table("Drug cases", ["Indicator", "Number"], rows)


def arrested_tables(user: Any, period: Period) -> list[Table]:
    rows = figures.breakdown(user, "arrest", period, by=("nationality",), measures=("arrests",))
    groups: Counter[str] = Counter()
    foreign: Counter[str] = Counter()
    for row in rows:
        code, count = row["nationality"], int(row["arrests"])
        group = m.nationality_group(code)
        groups[group] += count
        if group == "Foreigners":
            foreign[code] += count
    order = ["Nationals", "Foreigners", m.NOT_AVAILABLE]
    summary: list[list[Cell]] = [[g, groups[g]] for g in order]
    summary.append(["Total", sum(groups.values())])
    by_country: list[list[Cell]] = [
        [m.country_name(code), m.iso3(code), foreign[code]]
        for code in sorted(foreign, key=m.country_name)
    ]
    return [
        Table("Persons arrested", ["Nationality", "Persons"], summary),
        Table("Foreigners arrested", ["Country of nationality", "ISO3", "Persons"], by_country),
    ]


def seizures_table(user: Any, period: Period) -> Table:
    rows = figures.breakdown(
        user, "drug", period, by=("substance", "unit"), measures=("quantity", "items")
    )
    quantities: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    items: Counter[tuple[str, str]] = Counter()
    for row in rows:
        unit = m.summary_unit(row["unit"])
        key = (m.asean_type(row["substance"]), unit.name)
        quantities[key] += unit.convert(Decimal(row["quantity"]))
        items[key] += int(row["items"])
    table_rows: list[list[Cell]] = [
        [drug, unit, quantities[(drug, unit)], items[(drug, unit)]]
        for drug, unit in sorted(quantities)
    ]
    header = ["Drug type", "Measurement Unit", "Quantity Seized", "Seizure items"]
    return Table("Seizures by drug type", header, table_rows)


def build(user: Any, year: int, half: int) -> ReturnFile:
    period = half_period(year, half)
    tables = [
        cases_table(user, period),
        *arrested_tables(user, period),
        seizures_table(user, period),
    ]
    return ReturnFile(f"asean-admr-{year}-h{half}", tables)
