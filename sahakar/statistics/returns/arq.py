"""The annual drug-supply summary, shaped like the supply modules of the UNODC Annual Report
Questionnaire (ARQ): what was seized and along which routes, and the persons brought into
formal contact with the police, prosecuted and convicted.

- Quantities and routes come from the seizure items the user may export (restrict(user,
  EXPORT)), as the IDS rows do; a seizure case is one seizure holding the drug.
- Persons in formal contact are the arrests of the year, read from the analytics tables
  (figures.breakdown, family "arrest").
- Persons prosecuted are the defendants of case files first referred to the prosecutor in
  the year (family "prosecuted"); persons convicted the defendants whose conviction was
  decided in the year (family "verdict"), from the analytics tables too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sahakar.cases.choices import Outcome
from sahakar.statistics import figures
from sahakar.statistics.figures import Period
from sahakar.statistics.returns import ids
from sahakar.statistics.returns import mappings as m
from sahakar.statistics.returns.tables import Cell, ReturnFile, Table

PERSON_COLUMNS = ["Offence type", "Sex", "Nationality", "Country of nationality", "ISO3", "Persons"]
ROUTE_ROLES = ("Origin", "Transit", "Destination")


def seizures_table(found: Iterable[Any]) -> Table:
    quantities: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    cases: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for item in found:
        code = item.substance.code
        unit = m.summary_unit(item.unit)
        key = (m.drug_name(code, item.substance.unodc_name), m.arq_group(code), unit.name)
        quantities[key] += unit.convert(item.quantity)
        cases[key].add(item.seizure_id)
    rows: list[list[Cell]] = [
        [drug, group, unit, quantities[(drug, group, unit)], len(cases[(drug, group, unit)])]
        for drug, group, unit in sorted(quantities)
    ]
    header = ["Drug", "Drug group", "Measurement Unit", "Quantity Seized", "Seizure cases"]
    return Table("Quantities seized", header, rows)


def routes_table(found: Iterable[Any]) -> Table:
    """Countries of origin, transit and destination by drug: the seizures naming them."""
    seen: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for item in found:
        drug = m.drug_name(item.substance.code, item.substance.unodc_name)
        named = [
            ("Origin", [m.code_of(item.origin_country)]),
            ("Transit", [m.code_of(c) for c in item.transit_countries]),
            ("Destination", [m.code_of(item.destination_country)]),
        ]
        for role, country_codes in named:
            for code in country_codes:
                if code:
                    seen[(drug, role, code)].add(item.seizure_id)
    order = {role: index for index, role in enumerate(ROUTE_ROLES)}
    keys = sorted(seen, key=lambda k: (k[0], order[k[1]], m.country_name(k[2])))
    rows: list[list[Cell]] = [
        [drug, role, m.country_name(code), m.iso3(code), len(seen[(drug, role, code)])]
        for drug, role, code in keys
    ]
    header = ["Drug", "Route", "Country", "ISO3", "Seizure cases"]
    return Table("Trafficking routes", header, rows)


def persons_table(title: str, counts: Iterable[tuple[str, str, str, int]]) -> Table:
    """(suspect role, sex, nationality, count) summed by the ARQ's categories."""
    summed: Counter[tuple[str, str, str, str]] = Counter()
    for role, sex, nationality, count in counts:
        key = (
            m.offence_type(role),
            m.sex_label(sex),
            m.nationality_group(nationality),
            nationality or "",
        )
        summed[key] += count
    rows: list[list[Cell]] = [
        [
            offence,
            sex,
            group,
            m.country_name(code),
            m.iso3(code),
            summed[(offence, sex, group, code)],
        ]
        for offence, sex, group, code in sorted(summed)
        if summed[(offence, sex, group, code)]
    ]
    return Table(title, list(PERSON_COLUMNS), rows)


def arrests(user: Any, period: Period) -> list[tuple[str, str, str, int]]:
    rows = figures.breakdown(
        user, "arrest", period, by=("role", "sex", "nationality"), measures=("arrests",)
    )
    return [(r["role"], r["sex"], r["nationality"], int(r["arrests"])) for r in rows]


def _persons(
    user: Any, period: Period, name: str, **where: list[str]
) -> list[tuple[str, str, str, int]]:
    rows = figures.breakdown(
        user, name, period, by=("role", "sex", "nationality"), measures=("persons",), where=where
    )
    return [(r["role"], r["sex"], r["nationality"], int(r["persons"])) for r in rows]


def prosecuted(user: Any, period: Period) -> list[tuple[str, str, str, int]]:
    """Defendants of case files first referred to the prosecutor in the period, each once."""
    return _persons(user, period, "prosecuted")


def convicted(user: Any, period: Period) -> list[tuple[str, str, str, int]]:
    """Defendants whose conviction was decided in the period."""
    return _persons(user, period, "verdict", outcome=[Outcome.CONVICTED])


def build(user: Any, year: int) -> ReturnFile:
    period = Period.year(year)
    found = list(ids.items(user, period))
    tables = [
        seizures_table(found),
        routes_table(found),
        persons_table("Persons in formal contact", arrests(user, period)),
        persons_table("Persons prosecuted", prosecuted(user, period)),
        persons_table("Persons convicted", convicted(user, period)),
    ]
    return ReturnFile(f"unodc-arq-supply-{year}", tables)
