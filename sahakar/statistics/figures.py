"""Reading the analytics tables: the one way pages, reports and the API get figures.

    period = Period.months(date(2026, 1, 1), date(2026, 10, 1))
    rows = breakdown(user, "drug", period, by=("month", "substance"), measures=("kg", "seizures"))
    # [{"month": date(2026, 1, 1), "substance": "METH", "kg": Decimal("12.5"), "seizures": 40}, ...]

Facts are read through restrict(), like records: a provincial user's figures cover their
province and its districts only. The coarsest grain that fits the question and the user's
jurisdiction is read (months by province, months by district, or days).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncYear

from sahakar.core.permissions import VIEW, jurisdiction_paths
from sahakar.core.users import AnyUser
from sahakar.statistics.families import FAMILIES, Family, slot
from sahakar.statistics.models import Fact, Grain
from sahakar.statistics.paths import depth, district_of, province_of


class _Everything:
    """Stands for the system itself where no user asks: the public snapshots and the scheduled
    monthly report cover the whole country. Never handed to a request's code."""

    def __repr__(self) -> str:
        return "EVERYTHING"


EVERYTHING: Any = _Everything()


class FigureError(ValueError):
    """A question the analytics tables cannot answer as asked (unknown family, dimension or
    measure, a reversed period): the page or API says so, nothing fails."""


def _month_end(month: date) -> date:
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """Days from `first` to `last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise FigureError("The period ends before it starts.")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = date(year, month, 1)
        return cls(first, _month_end(first))

    @classmethod
    def months(cls, first: date, last: date) -> Period:
        """From the month of `first` to the end of the month of `last`."""
        return cls(first.replace(day=1), _month_end(last.replace(day=1)))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def whole_months(self) -> bool:
        return self.first.day == 1 and self.last == _month_end(self.last.replace(day=1))

    def month_starts(self) -> list[date]:
        months, month = [], self.first.replace(day=1)
        while month <= self.last:
            months.append(month)
            month = _month_end(month) + timedelta(days=1)
        return months

    def shifted_years(self, years: int) -> Period:
        """The same months `years` earlier (negative) or later; 29 February becomes the 28th."""
        first_month = self.first.replace(day=1, year=self.first.year + years)
        first = first_month.replace(day=min(self.first.day, _month_end(first_month).day))
        last_month = self.last.replace(day=1, year=self.last.year + years)
        return Period(
            first,
            _month_end(last_month)
            if self.whole_months
            else self.last.replace(
                year=self.last.year + years, day=min(self.last.day, _month_end(last_month).day)
            ),
        )

    def previous_month(self) -> Period:
        start = (self.first.replace(day=1) - timedelta(days=1)).replace(day=1)
        return Period(start, _month_end(start))


def family(name: str) -> Family:
    try:
        return FAMILIES[name]
    except KeyError:
        raise FigureError(f"No statistics called {name!r}.") from None


def grain_for(user: AnyUser | None, period: Period, by: Iterable[str], within: str | None) -> str:
    """Months by province where the user's jurisdictions and the question allow it."""
    if not period.whole_months or "day" in by:
        return Grain.DAY
    paths = None if user is EVERYTHING else jurisdiction_paths(user, Fact, VIEW)
    deepest = max([depth(p) for p in paths or []] + [depth(within) if within else 0])
    if deepest > 3:
        return Grain.DAY
    if deepest == 3 or "district" in by:
        return Grain.MONTH_DISTRICT
    return Grain.MONTH_PROVINCE


def facts(
    user: AnyUser | None,
    name: str,
    period: Period,
    *,
    within: str | None = None,
    where: Mapping[str, Iterable[str]] | None = None,
    by: Iterable[str] = (),
) -> QuerySet[Fact]:
    """The facts of one family in the period, inside `within` (an org-unit path), with
    dimensions limited to the values in `where`, as `user` may see them."""
    spec = family(name)
    grain = grain_for(user, period, by, within)
    visible = Fact.objects.all() if user is EVERYTHING else Fact.objects.restrict(user, VIEW)
    qs = visible.filter(
        family=spec.name, grain=grain, period__gte=period.first, period__lte=period.last
    )
    if within:
        province, district = province_of(within), district_of(within)
        if depth(within) > 3:
            qs = qs.filter(unit_path__startswith=within)
        elif province:
            qs = qs.filter(province=province, **({"district": district} if district else {}))
    for dim, values in (where or {}).items():
        column = _column(spec, dim)
        qs = qs.filter(**{f"{column}__in": list(values)})
    return qs


def _column(spec: Family, dim: str) -> str:
    if dim in ("province", "district"):
        return dim
    try:
        return slot(spec, dim)
    except ValueError:
        raise FigureError(f"{spec.name} has no dimension {dim!r}.") from None


def breakdown(
    user: AnyUser | None,
    name: str,
    period: Period,
    *,
    by: Sequence[str] = (),
    measures: Sequence[str] | None = None,
    within: str | None = None,
    where: Mapping[str, Iterable[str]] | None = None,
) -> list[dict[str, Any]]:
    """Sums of the measures grouped by `by`: "month", "year", "day", "province", "district",
    "agency" or the family's dimensions. Rows come sorted by the grouping keys."""
    spec = family(name)
    wanted = list(measures or spec.measures)
    unknown = [m for m in wanted if m not in spec.measures]
    if unknown:
        raise FigureError(f"{spec.name} has no measure {unknown[0]!r}.")
    qs = facts(user, name, period, within=within, where=where, by=by)
    groups: dict[str, Any] = {}
    # Facts by month already hold the first of their month: grouped as they are, rather than
    # truncated row by row (a function call per row on SQLite).
    monthly = grain_for(user, period, by, within) != Grain.DAY
    for key in by:
        if key == "month":
            groups[key] = F("period") if monthly else TruncMonth("period")
        elif key == "year":
            groups[key] = TruncYear("period")
        elif key == "day":
            groups[key] = F("period")
        else:
            groups[key] = F(_column(spec, key))
    sums = {m: Sum(spec.measures[m]) for m in wanted}
    if not by:  # one total; values() with no fields would group by every column
        totals = qs.order_by().aggregate(**sums)
        if all(value is None for value in totals.values()):
            return []
        return [{m: _number(totals[m]) for m in wanted}]
    rows = qs.annotate(**{f"_{k}": v for k, v in groups.items()}).values(*[f"_{k}" for k in by])
    result = []
    for row in rows.annotate(**sums).order_by(*[f"_{k}" for k in by]):
        out = {key: _as_date(row[f"_{key}"]) for key in by}
        out.update({m: _number(row[m]) for m in wanted})
        result.append(out)
    return result


def total(
    user: AnyUser | None,
    name: str,
    period: Period,
    measure: str,
    *,
    within: str | None = None,
    where: Mapping[str, Iterable[str]] | None = None,
) -> int | Decimal:
    rows = breakdown(user, name, period, measures=(measure,), within=within, where=where)
    return rows[0][measure] if rows else 0


def rate(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """`part` as a percent of `whole`, to one decimal (half up); None when `whole` is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _number(value: Any) -> int | Decimal:
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()
    return int(value)


def _as_date(value: Any) -> Any:
    return value.date() if hasattr(value, "date") and callable(value.date) else value
