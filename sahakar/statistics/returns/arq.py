"""The annual drug-supply summary, shaped like the supply modules of the UNODC Annual Report
Questionnaire (ARQ): what was seized and along which routes, and the persons brought into
formal contact with the police, prosecuted and convicted.

- Quantities and routes come from the seizure items the user may export (restrict(user,
  EXPORT)), as the IDS rows do; a seizure case is one seizure holding the drug.
- Persons in formal contact are the arrests of the year, read from the analytics tables
  (figures.breakdown, family "arrest").
- Persons prosecuted are the defendants of case files referred to the prosecutor in the
  year; persons convicted the defendants whose conviction was decided in the year. These are
  counts only, read from the case files inside the jurisdictions where the user may export
  statistics (the scope the analytics tables give them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from sahakar.cases.choices import Outcome
from sahakar.cases.models import Defendant
from sahakar.core.permissions import EXPORT, can, jurisdiction_paths
from sahakar.statistics import figures
from sahakar.statistics.figures import Period
from sahakar.statistics.models import Fact
from sahakar.statistics.returns import ids
from sahakar.statistics.returns import mappings as m
from sahakar.statistics.returns.tables import Cell, ReturnFile, Table

PERSON_COLUMNS = ["Offence type", "Sex", "Nationality", "Country of nationality", "ISO3", "Persons"]
ROUTE_ROLES = ("Origin", "Transit", "Destination")


def in_statistics_scope(queryset: QuerySet[Any], user: Any, path_field: str) -> QuerySet[Any]:
    """Records counted for statistics inside the user's statistics jurisdictions (export)."""
    if not can(user, Fact, EXPORT):
        return queryset.none()
    paths = jurisdiction_paths(user, Fact, EXPORT)
    if paths is None:
        return queryset
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return queryset.filter(condition) if paths else queryset.none()


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


def _defendant_counts(queryset: QuerySet[Any]) -> list[tuple[str, str, str, int]]:
    counted: Counter[tuple[str, str, str]] = Counter(
        queryset.values_list(
            "arrest__suspect_role", "arrest__person__sex", "arrest__person__nationality"
        )
    )
    return [(role, sex, nat, n) for (role, sex, nat), n in counted.items()]


def prosecuted(user: Any, period: Period) -> list[tuple[str, str, str, int]]:
    """Defendants of case files referred to the prosecutor in the period, each once."""
    referred = Defendant.objects.filter(
        case__referrals__referred_on__gte=period.first,
        case__referrals__referred_on__lte=period.last,
    )
    scoped = in_statistics_scope(referred, user, "case__org_unit__path")
    ids_ = scoped.values("pk").distinct()
    return _defendant_counts(Defendant.objects.filter(pk__in=ids_))


def convicted(user: Any, period: Period) -> list[tuple[str, str, str, int]]:
    """Defendants whose conviction was decided in the period."""
    found = Defendant.objects.filter(
        outcome=Outcome.CONVICTED, outcome_on__gte=period.first, outcome_on__lte=period.last
    )
    return _defendant_counts(in_statistics_scope(found, user, "case__org_unit__path"))


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
