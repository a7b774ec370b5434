"""Recomputing the analytics tables: the slices a write touched, right after it commits, and
everything on a rebuild. Both go through the same computation (families.Family.compute), so
an incremental refresh and a rebuild give the same facts.

Refreshes take one lock (an advisory lock on PostgreSQL; SQLite's writes are serialised
already), so two refreshes never interleave: the second reads what the first wrote.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max, Min, Q

from sahakar.statistics.families import FAMILIES, Family, Key, Sums, Window, local_day
from sahakar.statistics.models import Fact, Grain, PendingSlice
from sahakar.statistics.paths import cut, district_of, province_of

logger = logging.getLogger(__name__)
LOCK_ID = 0x5A4A_57A7  # any constant shared by every process of the app
BATCH = 2000
ROLLUPS = ((Grain.MONTH_DISTRICT, 3), (Grain.MONTH_PROVINCE, 2))
Row = tuple[date, str, str, str, str, str, str, int, int, Decimal, Decimal]


def _lock(using: str) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])


def refresh_after_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """Run by on_commit: a failure here must not turn a saved record into an error page; the
    slices stay pending for the next refresh."""
    try:
        refresh_pending(using)
    except Exception:
        logger.exception("statistics refresh failed; the slices stay pending")


def refresh_pending(using: str = DEFAULT_DB_ALIAS) -> int:
    """Recompute every pending slice; the number of slices done."""
    done = 0
    while True:
        with transaction.atomic(using=using):
            _lock(using)
            pending = list(PendingSlice.objects.using(using).order_by("pk")[:BATCH])
            if not pending:
                return done
            by_family: dict[str, set[tuple[date, str]]] = defaultdict(set)
            for item in pending:
                by_family[item.family].add((item.day, item.unit_path))
            for name, slices in by_family.items():
                if name in FAMILIES:
                    recompute(FAMILIES[name], slices, using)
            PendingSlice.objects.using(using).filter(pk__in=[p.pk for p in pending]).delete()
            forget_marks(using)
            done += len(pending)


def forget_marks(using: str) -> None:
    """Pending slices were just handled: a later write in the same transaction (a test, a
    script) must write its slices again (tracking.mark skips those it wrote already)."""
    connections[using].__dict__.pop("_statistics_marked", None)


def _facts(family: Family, totals: dict[Key, Sums], grain: str) -> Iterable[Fact]:
    for (day, path, agency, dims), sums in totals.items():
        values = dict(zip(("a", "b", "c", "d"), dims, strict=False))
        yield Fact(
            family=family.name,
            grain=grain,
            period=day,
            unit_path=path,
            province=province_of(path),
            district=district_of(path),
            agency=agency,
            n=sums.n,
            x=len(sums.distinct) if sums.distinct else sums.x,
            q=sums.q,
            kg=sums.kg,
            **values,
        )


def _chunks(items: list[Any], size: int = 200) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def recompute(family: Family, slices: set[tuple[date, str]], using: str) -> None:
    """The day facts of these (day, path) slices from the records, then their months."""
    days = sorted(day for day, _ in slices)
    window = Window(days[0], days[-1], frozenset(path for _, path in slices))
    totals = {k: v for k, v in family.compute(window).items() if (k[0], k[1]) in slices}
    facts = Fact.objects.using(using).filter(family=family.name)
    for chunk in _chunks(sorted(slices)):
        condition = Q()
        for day, path in chunk:
            condition |= Q(period=day, unit_path=path)
        facts.filter(grain=Grain.DAY).filter(condition).delete()
    Fact.objects.using(using).bulk_create(_facts(family, totals, Grain.DAY), batch_size=1000)
    months = {(day.replace(day=1), path) for day, path in slices}
    source = Grain.DAY
    for grain, depth in ROLLUPS:
        cells = {(month, cut(path, depth)) for month, path in months}
        _roll(family, source, grain, cells, using)
        source = grain


def _roll(
    family: Family, source: str, grain: str, cells: set[tuple[date, str]], using: str
) -> None:
    """Months of districts (or provinces) as sums of the finer facts inside them."""
    facts = Fact.objects.using(using).filter(family=family.name)
    for month, path in sorted(cells):
        place = {"province": province_of(path), "district": district_of(path)}
        if grain == Grain.MONTH_PROVINCE:
            del place["district"]
        rows = (
            facts.filter(grain=source, period__gte=month, period__lt=_next_month(month), **place)
            .order_by()
            .values_list("agency", "a", "b", "c", "d", "n", "x", "q", "kg")
        )
        totals = _sum_rows(month, path, rows)
        facts.filter(grain=grain, period=month, unit_path=path).delete()
        Fact.objects.using(using).bulk_create(_facts(family, totals, grain), batch_size=1000)


def _sum_rows(month: date, path: str, rows: Iterable[tuple[Any, ...]]) -> dict[Key, Sums]:
    totals: dict[Key, Sums] = defaultdict(Sums)
    for agency, a, b, c, d, n, x, q, kg in rows:
        sums = totals[(month, path, agency, (a, b, c, d))]
        sums.n += n
        sums.x += x
        sums.q += q
        sums.kg += kg
    return totals


def _next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def rebuild(
    names: Iterable[str] | None = None,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Recompute every fact of these families (all by default) from the records; the number
    of day facts per family. `progress(family, year)` is called as each year is done."""
    made: dict[str, int] = {}
    with transaction.atomic(using=using):  # all of it or nothing
        _lock(using)
        for name in names or FAMILIES:
            made[name] = _rebuild_family(FAMILIES[name], using, progress)
        forget_marks(using)
    return made


def _rebuild_family(family: Family, using: str, progress: Callable[[str, int], None] | None) -> int:
    name = family.name
    pending = list(
        PendingSlice.objects.using(using).filter(family=name).values_list("pk", flat=True)
    )
    Fact.objects.using(using).filter(family=name).delete()
    made = 0
    for year in _years(family, using):
        totals = family.compute(Window(date(year, 1, 1), date(year, 12, 31)))
        day_facts = list(_facts(family, totals, Grain.DAY))
        Fact.objects.using(using).bulk_create(day_facts, batch_size=2000)
        made += len(day_facts)
        source = day_facts
        for grain, depth in ROLLUPS:
            source = list(_facts(family, _sum_rows_at(source, depth), grain))
            Fact.objects.using(using).bulk_create(source, batch_size=2000)
        if progress:
            progress(name, year)
    PendingSlice.objects.using(using).filter(pk__in=pending).delete()
    return made


def _sum_rows_at(facts: list[Fact], depth: int) -> dict[Key, Sums]:
    totals: dict[Key, Sums] = defaultdict(Sums)
    for fact in facts:
        key = (
            fact.period.replace(day=1),
            cut(fact.unit_path, depth),
            fact.agency,
            (fact.a, fact.b, fact.c, fact.d),
        )
        sums = totals[key]
        sums.n += fact.n
        sums.x += fact.x
        sums.q += fact.q
        sums.kg += fact.kg
    return totals


def _years(family: Family, using: str) -> list[int]:
    """The years the family's records span, from the oldest to the newest."""
    model: Any = family.rows(Window()).model
    fields = [family.time_field] + (["actual_start"] if family.name == "operation" else [])
    ends = [
        value
        for name in fields
        for value in model._base_manager.using(using).aggregate(Min(name), Max(name)).values()
        if value is not None
    ]
    if not ends:
        return []
    years = [local_day(value).year for value in ends]
    return list(range(min(years), max(years) + 1))
