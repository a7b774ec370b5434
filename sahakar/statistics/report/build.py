"""The figures of a monthly report, gathered through statistics.figures as one user sees them
(or the whole country, for `figures.EVERYTHING`).

Build inside the language the report is written in: labels (substances, provinces, choices)
are turned into text here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sahakar.arrests.choices import SuspectRole
from sahakar.cases.choices import Outcome
from sahakar.core.permissions import VIEW, jurisdiction_paths
from sahakar.core.users import AnyUser
from sahakar.geo.models import OrgUnit
from sahakar.operations.choices import InspectionResult
from sahakar.persons.choices import Sex
from sahakar.seizures.choices import PropertyKind
from sahakar.statistics import figures
from sahakar.statistics.choices import CustodyCompliance
from sahakar.statistics.figures import EVERYTHING, Period
from sahakar.statistics.models import Fact
from sahakar.statistics.months import check_month, is_provisional
from sahakar.statistics.report.changes import Change, Number, rate
from sahakar.statistics.report.charts import Chart, bar_chart
from sahakar.substances.models import Substance
from sahakar.venues.choices import VenueKind

CAMBODIAN = "KH"
# Three figures of one thing: this month, the month before, the same month a year earlier.
Three = tuple[dict[str, Number], dict[str, Number], dict[str, Number]]


@dataclass(frozen=True)
class Line:
    """One key figure with its comparisons. `kind`: count, kg, money or rate (percent)."""

    label: str
    now: Number | None
    previous: Change
    last_year: Change
    kind: str = "count"
    unit: str = ""
    detail: bool = False  # a part of the line above it


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[Line]


@dataclass(frozen=True)
class ProvinceRow:
    """A province's month: the provincial table and the custody-compliance table."""

    code: str
    name: str
    seizures: Number = 0
    kg: Number = 0
    arrests: Number = 0
    in_time: Number = 0
    late: Number = 0
    open: Number = 0

    @property
    def compliance(self) -> Decimal | None:
        """Custodies ended within the legal time, as a percent of those that ended."""
        return rate(self.in_time, self.in_time + self.late)


@dataclass(frozen=True)
class MonthlyReport:
    period: Period
    previous: Period
    last_year: Period
    generated_at: datetime
    provisional: bool
    national: bool
    scope: str
    sections: list[Section]
    provinces: list[ProvinceRow]
    total: ProvinceRow
    charts: list[Chart] = field(default_factory=list)

    @property
    def month(self) -> date:
        return self.period.first


class _Reader:
    """Sums of one measure in the three periods, as the user sees them."""

    def __init__(self, user: AnyUser | None, periods: Sequence[Period]) -> None:
        self.user = user
        self.periods = periods

    def three(
        self,
        family: str,
        measure: str,
        by: str | None = None,
        where: dict[str, Iterable[str]] | None = None,
    ) -> Three:
        found = []
        for period in self.periods:
            rows = figures.breakdown(
                self.user, family, period, by=(by,) if by else (), measures=(measure,), where=where
            )
            sums: dict[str, Number] = {}
            for row in rows:  # summed here: without `by`, breakdown() may give several rows
                key = str(row[by]) if by else ""
                sums[key] = sums.get(key, 0) + row[measure]
            found.append(sums)
        return found[0], found[1], found[2]


def _line(label: str, three: Three, keys: Iterable[str] | None = None, **options: Any) -> Line:
    """The line summing `keys` (all of them when None) in each period."""
    wanted = list(keys) if keys is not None else None
    now, previous, last_year = (
        sum((v for k, v in sums.items() if wanted is None or k in wanted), start=0)
        for sums in three
    )
    return Line(label, now, Change(now, previous), Change(now, last_year), **options)


def _rate_line(label: str, in_time: Three, late: Three) -> Line:
    rates = [
        rate(a, a + b)
        for a, b in zip((s.get("", 0) for s in in_time), (s.get("", 0) for s in late), strict=True)
    ]
    return Line(
        label, rates[0], Change(rates[0], rates[1]), Change(rates[0], rates[2]), kind="rate"
    )


def _keys(three: Three) -> list[str]:
    """Every key of the three periods, this month's largest first."""
    now = three[0]
    keys = {k for sums in three for k in sums}
    return sorted(keys, key=lambda k: (-now.get(k, 0), k))


def build_report(
    user: AnyUser | None, month: date, *, now: datetime | None = None
) -> MonthlyReport:
    """The report of `month` (any day of it) for `user`; MonthError for a month to come."""
    now = timezone.localtime(now or timezone.now())
    period = check_month(month, now.date())
    previous, last_year = period.previous_month(), period.shifted_years(-1)
    reader = _Reader(user, (period, previous, last_year))
    sections = [
        _seizures(reader),
        _property(reader),
        _operations(reader),
        _arrests(reader),
        _custody(reader),
        _cases(reader),
        _prevention(reader),
    ]
    provinces = _provinces(user, period)
    total = ProvinceRow(
        "",
        _("All provinces"),
        **{
            name: sum((getattr(row, name) for row in provinces), start=0)
            for name in ("seizures", "kg", "arrests", "in_time", "late", "open")
        },
    )
    national = user is EVERYTHING or jurisdiction_paths(user, Fact, VIEW) is None
    report = MonthlyReport(
        period=period,
        previous=previous,
        last_year=last_year,
        generated_at=now,
        provisional=is_provisional(period, now.date()),
        national=national,
        scope=_("Cambodia (national)") if national else _scope_names(user),
        sections=sections,
        provinces=provinces,
        total=total,
    )
    report.charts.extend(_charts(reader, report))
    return report


def _scope_names(user: AnyUser | None) -> str:
    paths = jurisdiction_paths(user, Fact, VIEW) or []
    units = OrgUnit.objects.filter(path__in=paths)
    return ", ".join(unit.name for unit in units) or _("nothing")


def _substance_names() -> dict[str, str]:
    return {s.code: str(s) for s in Substance.objects.all()}


def _seizures(reader: _Reader) -> Section:
    kg = reader.three("drug", "kg", "substance")
    names = _substance_names()
    lines = [
        _line(_("Seizure cases"), reader.three("seizure", "seizures")),
        _line(_("Drugs seized (kg, all substances)"), kg, kind="kg", unit="kg"),
    ]
    lines += [
        _line(names.get(code, code), kg, [code], kind="kg", unit="kg", detail=True)
        for code in _keys(kg)
    ]
    return Section(_("Seizures"), lines)


def _property(reader: _Reader) -> Section:
    cash = reader.three("property", "value", "currency", where={"kind": [PropertyKind.CASH]})
    counts = reader.three("property", "count", "kind")
    lines = [
        _line(
            _("Cash seized (%(currency)s)") % {"currency": code},
            cash,
            [code],
            kind="money",
            unit=code,
        )
        for code in _keys(cash)
        if code
    ]
    for kind, label in (
        (PropertyKind.VEHICLE, _("Vehicles seized")),
        (PropertyKind.MOTORCYCLE, _("Motorcycles seized")),
        (PropertyKind.WEAPON, _("Weapons seized")),
    ):
        lines.append(_line(label, counts, [kind]))
    return Section(_("Other property seized"), lines)


def _operations(reader: _Reader) -> Section:
    results = reader.three("inspection", "inspections", "result")
    venues = reader.three("inspection", "inspections", "venue_kind")
    lines = [
        _line(_("Operations"), reader.three("operation", "operations")),
        _line(_("Inspections"), results),
    ]
    lines += [
        _line(str(result.label).capitalize(), results, [result.value], detail=True)
        for result in InspectionResult
    ]
    lines += [
        _line(_("Inspections of nightclubs"), venues, [VenueKind.NIGHTCLUB]),
        _line(_("Inspections of karaoke venues"), venues, [VenueKind.KARAOKE]),
    ]
    return Section(_("Operations and inspections"), lines)


def _arrests(reader: _Reader) -> Section:
    by_sex = reader.three("arrest", "arrests", "sex")
    by_nationality = reader.three("arrest", "arrests", "nationality")
    by_role = reader.three("arrest", "arrests", "role")
    foreign = [k for k in _keys(by_nationality) if k not in (CAMBODIAN, "")]
    lines = [_line(_("Persons arrested"), by_sex)]
    lines += [
        _line(label, by_sex, [code], detail=True)
        for code, label in (
            (Sex.MALE, _("men")),
            (Sex.FEMALE, _("women")),
            (Sex.UNKNOWN, _("sex not known")),
        )
    ]
    lines += [
        _line(_("Cambodian"), by_nationality, [CAMBODIAN], detail=True),
        _line(_("foreign"), by_nationality, foreign, detail=True),
        _line(_("nationality not recorded"), by_nationality, [""], detail=True),
    ]
    lines += [_line(str(role.label), by_role, [role.value], detail=True) for role in SuspectRole]
    return Section(_("Arrests"), lines)


def _custody(reader: _Reader) -> Section:
    def of(state: str) -> Three:
        return reader.three("custody", "custodies", where={"compliance": [state]})

    in_time, late, still = (
        of(CustodyCompliance.IN_TIME),
        of(CustodyCompliance.LATE),
        of(CustodyCompliance.OPEN),
    )
    return Section(
        _("Custody"),
        [
            _line(_("Custodies ended within the legal time"), in_time),
            _line(_("Custodies ended late"), late),
            _line(_("Still in custody"), still),
            _rate_line(_("Compliance rate (%)"), in_time, late),
        ],
    )


def _cases(reader: _Reader) -> Section:
    outcomes = reader.three("defendant", "defendants", "outcome")
    lines = [
        _line(_("Case files opened"), reader.three("case", "cases")),
        _line(_("Referrals to the prosecutor"), reader.three("referral", "referrals")),
        _line(_("Defendants in the case files opened"), outcomes),
    ]
    lines += [_line(str(o.label).capitalize(), outcomes, [o.value], detail=True) for o in Outcome]
    return Section(_("Case files and courts"), lines)


def _prevention(reader: _Reader) -> Section:
    reached = reader.three("audience", "reached", "sex")
    return Section(
        _("Prevention"),
        [
            _line(_("Prevention campaigns"), reader.three("campaign", "campaigns")),
            _line(_("People reached"), reached),
        ],
    )


def _provinces(user: AnyUser | None, period: Period) -> list[ProvinceRow]:
    """One row per province the user sees (all of them for a national report)."""
    paths = None if user is EVERYTHING else jurisdiction_paths(user, Fact, VIEW)
    units = [
        unit
        for unit in OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE)
        if paths is None or any(p.startswith(unit.path) or unit.path.startswith(p) for p in paths)
    ]

    def by_province(
        family: str, measure: str, where: dict[str, Iterable[str]] | None = None
    ) -> dict[str, Number]:
        rows = figures.breakdown(
            user, family, period, by=("province",), measures=(measure,), where=where
        )
        return {row["province"]: row[measure] for row in rows}

    seizures = by_province("seizure", "seizures")
    kg = by_province("drug", "kg")
    arrests = by_province("arrest", "arrests")
    custody = {
        state: by_province("custody", "custodies", {"compliance": [state]})
        for state in CustodyCompliance.values
    }
    return [
        ProvinceRow(
            unit.code,
            unit.name,
            seizures=seizures.get(unit.code, 0),
            kg=kg.get(unit.code, 0),
            arrests=arrests.get(unit.code, 0),
            in_time=custody[CustodyCompliance.IN_TIME].get(unit.code, 0),
            late=custody[CustodyCompliance.LATE].get(unit.code, 0),
            open=custody[CustodyCompliance.OPEN].get(unit.code, 0),
        )
        for unit in sorted(units, key=lambda u: u.name)
    ]


def _charts(reader: _Reader, report: MonthlyReport) -> list[Chart]:
    substances = report.sections[0]  # seizures: the kg of each substance are its details
    months = Period.months(report.period.shifted_years(-1).first, report.period.first)
    trend = figures.breakdown(reader.user, "seizure", months, by=("month",), measures=("seizures",))
    per_month = {row["month"]: row["seizures"] for row in trend}
    return [
        bar_chart(
            _("Drugs seized by substance (kg)"),
            [(line.label, line.now) for line in substances.lines if line.detail and line.now],
            kind="kg",
        ),
        bar_chart(
            _("Seizure cases by province"),
            [(row.name, row.seizures) for row in report.provinces],
        ),
        bar_chart(
            _("Seizure cases, month by month"),
            [
                (date_format(month, "M Y"), per_month.get(month, 0))
                for month in months.month_starts()
            ],
            vertical=True,
        ),
    ]
