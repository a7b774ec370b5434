"""The analytics tables at a demo data size: how fast they are filled, read and kept current.

Loads `manage.py demo --size SIZE` into a database of its own (as bench/pages.py does: a SQLite
file under var/bench/, or a PostgreSQL database named sahakar_bench_SIZE), then measures:

1. generation: records per second and peak memory of the demo load, and the time of the
   statistics rebuild that follows it (facts per second);
2. the national dashboard's figures (sahakar.statistics.figures.breakdown) as a national
   analyst and as a provincial officer, p50/p95 over --repeat runs, against the same figures
   computed directly from the records with the same filters; both must be equal;
3. write to visibility: a seizure with items written through the seizure service, and the time
   until figures.total() counts it;
4. write overhead: the same write with the statistics' tracking connected and disconnected.

See bench/README.md.

    python bench/analytics.py --size small
    python bench/analytics.py --size national --database-url postgres://postgres@127.0.0.1:5432/
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdb
import pages

SIZES = ("tiny", "small", "national", "large")
NATIONAL_USER, PROVINCIAL_USER = "analyst", "pp.officer"
TARGET_P95_MS = 100  # the national dashboard, at `large`
TARGET_SPEEDUP = 50  # over the direct computation
TARGET_VISIBLE_MS = 1000
TARGET_OVERHEAD = 0.20  # of a seizure write

Rows = dict[tuple[Any, ...], dict[str, Any]]
MICRO = Decimal("0.000001")


# --- the dashboard's figures, from the facts and from the records -----------------------------


@dataclass(frozen=True)
class Scope:
    """What one dashboard shows: a period, and the org-unit subtrees the user may see (None:
    the whole country), as figures.facts() decides them through restrict()."""

    first: date
    last: date
    paths: list[str] | None


@dataclass(frozen=True)
class Figure:
    name: str
    family: str
    by: tuple[str, ...]
    measures: tuple[str, ...]
    direct: Callable[[Scope], list[dict[str, Any]]]


def dashboard_period(today: date) -> tuple[date, date]:
    """The twelve months ending with the current one (the dashboard's default)."""
    first = today.replace(day=1)
    for _ in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    following = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _local_bounds(scope: Scope) -> tuple[datetime, datetime]:
    from django.utils import timezone

    start = timezone.make_aware(datetime.combine(scope.first, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(scope.last + timedelta(days=1), datetime.min.time()))
    return start, end


def _records(
    model: Any, scope: Scope, time_field: str, path_field: str, dated: bool = False
) -> Any:
    """The records of the scope: in the period (local days) and inside the user's subtrees."""
    if dated:
        qs = model._base_manager.filter(
            **{f"{time_field}__gte": scope.first, f"{time_field}__lte": scope.last}
        )
    else:
        start, end = _local_bounds(scope)
        qs = model._base_manager.filter(**{f"{time_field}__gte": start, f"{time_field}__lt": end})
    return _inside(qs, path_field, scope.paths)


def _inside(qs: Any, path_field: str, paths: list[str] | None) -> Any:
    from django.db.models import Q

    if paths is not None:
        inside = Q(pk__in=[])
        for path in paths:
            inside |= Q(**{f"{path_field}__startswith": path})
        qs = qs.filter(inside)
    return qs.order_by()


def _province(path_field: str) -> Any:
    """The province's gazetteer code from an org-unit path: "/KH/12/1201/" -> "12"."""
    from django.db.models.functions import Substr

    return Substr(path_field, 5, 2)


def _month(time_field: str) -> Any:
    from django.db.models.functions import TruncMonth

    return TruncMonth(time_field)  # in the current time zone, the country's


def _grouped(qs: Any, keys: dict[str, Any], sums: dict[str, Any]) -> list[dict[str, Any]]:
    if not keys:
        return [qs.aggregate(**sums)]
    rows = qs.annotate(**{f"_{k}": v for k, v in keys.items()}).values(*[f"_{k}" for k in keys])
    return [
        {**{k: row[f"_{k}"] for k in keys}, **{m: row[m] for m in sums}}
        for row in rows.annotate(**sums)
    ]


def _seizures(keys: dict[str, str]) -> Callable[[Scope], list[dict[str, Any]]]:
    def direct(scope: Scope) -> list[dict[str, Any]]:
        from django.db.models import Count

        from sahakar.seizures.models import Seizure

        qs = _records(Seizure, scope, "seized_at", "org_unit__path")
        groups = {
            k: (_month("seized_at") if v == "month" else _province("org_unit__path"))
            for k, v in keys.items()
        }
        return _grouped(qs, groups, {"seizures": Count("pk")})

    return direct


def _drugs(
    keys: dict[str, str], measures: tuple[str, ...]
) -> Callable[[Scope], list[dict[str, Any]]]:
    def direct(scope: Scope) -> list[dict[str, Any]]:
        from django.db.models import CharField, Count, F, Sum, Value
        from django.db.models.functions import Cast, Concat

        from sahakar.seizures.models import SeizureItem

        qs = _records(SeizureItem, scope, "seizure__seized_at", "seizure__org_unit__path")
        choices = {
            "month": _month("seizure__seized_at"),
            "province": _province("seizure__org_unit__path"),
            "substance": F("substance__code"),
        }
        # "seizures" counts a seizure once for each substance, form and unit it holds, as the
        # facts do (families.py: distinct seizures in each cell).
        cell = Concat(
            Cast("seizure_id", CharField()), Value("|"), "unit", Value("|"), "form",
            output_field=CharField(),
        )  # fmt: skip
        every = {
            "kg": Sum("kg_equivalent"),
            "items": Count("pk"),
            "seizures": Count(cell, distinct=True),
        }
        return _grouped(
            qs, {k: choices[v] for k, v in keys.items()}, {m: every[m] for m in measures}
        )

    return direct


def _arrests(scope: Scope, by_month: bool) -> list[dict[str, Any]]:
    from django.db.models import Count

    from sahakar.arrests.models import Arrest

    qs = _records(Arrest, scope, "arrested_at", "org_unit__path")
    return _grouped(
        qs, {"month": _month("arrested_at")} if by_month else {}, {"arrests": Count("pk")}
    )


def _custody_by_province(scope: Scope) -> list[dict[str, Any]]:
    """The share of custodies that ended in time: statistics.families.compliance in SQL."""
    from django.db.models import Case, CharField, Count, F, Q, Value, When

    from sahakar.arrests.models import Arrest
    from sahakar.statistics.choices import CustodyCompliance

    qs = _records(Arrest, scope, "arrested_at", "org_unit__path")
    compliance = Case(
        When(outcome__decided_at__isnull=True, then=Value(str(CustodyCompliance.OPEN))),
        When(
            Q(missed_deadline_at__isnull=False) | Q(outcome__decided_at__gt=F("custody_deadline")),
            then=Value(str(CustodyCompliance.LATE)),
        ),
        default=Value(str(CustodyCompliance.IN_TIME)),
        output_field=CharField(),
    )
    groups = {"province": _province("org_unit__path"), "compliance": compliance}
    return _grouped(qs, groups, {"custodies": Count("pk")})


def _operations(scope: Scope) -> list[dict[str, Any]]:
    """An operation counts on the day it started, or was planned to start if it has not."""
    from django.db.models import Count, Q

    from sahakar.operations.models import Operation

    start, end = _local_bounds(scope)
    started = Q(actual_start__gte=start, actual_start__lt=end)
    planned = Q(actual_start__isnull=True, planned_start__gte=start, planned_start__lt=end)
    qs = _inside(Operation._base_manager.filter(started | planned), "org_unit__path", scope.paths)
    return [qs.aggregate(operations=Count("pk"))]


def _inspections(scope: Scope) -> list[dict[str, Any]]:
    from django.db.models import Count, Sum

    from sahakar.operations.models import Inspection

    qs = _records(Inspection, scope, "inspected_at", "venue__org_unit__path")
    return [qs.aggregate(inspections=Count("pk"), persons_checked=Sum("persons_checked"))]


def _defendant_outcomes(scope: Scope) -> list[dict[str, Any]]:
    from django.db.models import Count, F

    from sahakar.cases.models import Defendant

    qs = _records(Defendant, scope, "case__created", "case__org_unit__path")
    return _grouped(qs, {"outcome": F("outcome")}, {"defendants": Count("pk")})


def _reach_by_sex(scope: Scope) -> list[dict[str, Any]]:
    from django.db.models import F, Sum

    from sahakar.prevention.models import AudienceCount

    qs = _records(AudienceCount, scope, "campaign__starts_on", "campaign__org_unit__path", True)
    return _grouped(qs, {"sex": F("sex")}, {"reached": Sum("count")})


def _campaigns(scope: Scope) -> list[dict[str, Any]]:
    from django.db.models import Count

    from sahakar.prevention.models import Campaign

    qs = _records(Campaign, scope, "starts_on", "org_unit__path", True)
    return [qs.aggregate(campaigns=Count("pk"))]


DASHBOARD: tuple[Figure, ...] = (
    # Key figures of the twelve months.
    Figure("seizures", "seizure", (), ("seizures",), _seizures({})),
    Figure("drugs seized", "drug", (), ("kg", "items"), _drugs({}, ("kg", "items"))),
    Figure("arrests", "arrest", (), ("arrests",), lambda s: _arrests(s, False)),
    Figure("operations", "operation", (), ("operations",), _operations),
    Figure("inspections", "inspection", (), ("inspections", "persons_checked"), _inspections),
    Figure("campaigns", "campaign", (), ("campaigns",), _campaigns),
    # Trends by month.
    Figure(
        "seizures by month", "seizure", ("month",), ("seizures",), _seizures({"month": "month"})
    ),
    Figure("kg by month", "drug", ("month",), ("kg",), _drugs({"month": "month"}, ("kg",))),
    Figure("arrests by month", "arrest", ("month",), ("arrests",), lambda s: _arrests(s, True)),
    # Breakdowns.
    Figure(
        "drugs by substance",
        "drug",
        ("substance",),
        ("kg", "items", "seizures"),
        _drugs({"substance": "substance"}, ("kg", "items", "seizures")),
    ),
    Figure(
        "seizures by province",
        "seizure",
        ("province",),
        ("seizures",),
        _seizures({"province": "province"}),
    ),
    Figure(
        "kg by province", "drug", ("province",), ("kg",), _drugs({"province": "province"}, ("kg",))
    ),
    Figure(
        "custody compliance by province",
        "custody",
        ("province", "compliance"),
        ("custodies",),
        _custody_by_province,
    ),
    Figure("defendant outcomes", "defendant", ("outcome",), ("defendants",), _defendant_outcomes),
    Figure("prevention reach by sex", "audience", ("sex",), ("reached",), _reach_by_sex),
)


def scope_of(user: Any, today: date) -> Scope:
    from sahakar.core.permissions import VIEW, jurisdiction_paths
    from sahakar.statistics.models import Fact

    first, last = dashboard_period(today)
    return Scope(first, last, jurisdiction_paths(user, Fact, VIEW))


def from_facts(user: Any, figure: Figure, scope: Scope) -> Rows:
    from sahakar.statistics.figures import Period, breakdown

    rows = breakdown(
        user,
        figure.family,
        Period(scope.first, scope.last),
        by=figure.by,
        measures=figure.measures,
    )
    return keyed(figure, rows)


def from_records(figure: Figure, scope: Scope) -> Rows:
    return keyed(figure, figure.direct(scope))


def keyed(figure: Figure, rows: list[dict[str, Any]]) -> Rows:
    """Rows by their grouping keys, with the numbers as figures.breakdown gives them; rows
    whose measures are all zero left out (an aggregate over no records, a group of nothing).

    Decimals are compared at the six places kg and quantities are stored with: SQLite sums
    decimals as floating point, so both sums may be off in the fifteenth digit there."""
    from sahakar.statistics.figures import _as_date, _number

    def number(value: Any) -> int | Decimal:
        if isinstance(value, Decimal | float):
            value = Decimal(str(value)).quantize(MICRO)
        return _number(value)

    out: Rows = {}
    for row in rows:
        key = tuple(_as_date(row[k]) if k == "month" else str(row[k] or "") for k in figure.by)
        values = {m: number(row[m]) for m in figure.measures}
        if any(values.values()):
            out[key] = values
    return out


def differences(figure: Figure, facts: Rows, direct: Rows) -> list[str]:
    """What differs between the two computations of a figure (nothing, when they agree)."""
    found = []
    for key in sorted(set(facts) | set(direct), key=str):
        a, b = facts.get(key), direct.get(key)
        if a != b:
            found.append(f"{figure.name} {key}: facts {a}, records {b}")
    return found


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Timing:
    label: str
    times_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 95)


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def max_rss_mb() -> float:
    """The peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_demo(size: str, seed: int, marker: Path) -> dict[str, Any]:
    """Migrate, load reference data and the demo, timing the generation and the rebuild that
    follows it (demo.py runs statistics.refresh.rebuild after the load)."""
    from django.core.management import call_command

    from sahakar.demo import reset
    from sahakar.demo.generate import analyze_tables
    from sahakar.demo.management.commands import demo as demo_command
    from sahakar.demo.users import author
    from sahakar.statistics.models import Fact

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=StringIO())
    known = json.loads(marker.read_text()) if marker.exists() else None
    if known and known["size"] != size:
        raise SystemExit(f"{marker} holds the {known['size']} demo; use --rebuild")
    if reset.exists(author()):
        call_command("demo", "--size", size, "--seed", str(seed), stdout=StringIO())
        analyze_tables()
        return known or {"size": size, "seed": seed}
    print(f"Loading the {size} demo (manage.py demo --size {size}) ...", flush=True)
    baseline = max_rss_mb()
    measured: dict[str, float] = {}
    original = demo_command.rebuild_figures

    def rebuild_timed(*args: Any, **kwargs: Any) -> dict[str, int]:
        measured["rss_generation_mb"] = max_rss_mb()
        started = time.monotonic()
        made = original(*args, **kwargs)
        measured["rebuild_s"] = time.monotonic() - started
        return made

    demo_command.rebuild_figures = rebuild_timed
    try:
        started = time.monotonic()
        call_command("demo", "--size", size, "--seed", str(seed))
        total_s = time.monotonic() - started
    finally:
        demo_command.rebuild_figures = original
    analyze_tables()  # the demo analyses before its rebuild: the facts too, as autovacuum would
    records = sum(reset.counts(author()).values())
    facts = Fact.objects.count()
    generation_s = total_s - measured["rebuild_s"]
    loaded = {
        "size": size,
        "seed": seed,
        "generation_s": round(total_s, 1),
        "records": records,
        "records_per_s": round(records / generation_s),
        "rss_baseline_mb": round(baseline),
        "rss_generation_mb": round(measured["rss_generation_mb"]),
        "rss_peak_mb": round(max_rss_mb()),
        "rebuild_s": round(measured["rebuild_s"], 1),
        "facts": facts,
        "facts_per_s": round(facts / measured["rebuild_s"]),
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    marker.write_text(json.dumps(loaded, indent=2))
    return loaded


def time_rebuild() -> dict[str, Any]:
    """A rebuild of every fact on the loaded database (manage.py rebuild_statistics)."""
    from sahakar.statistics.models import Fact
    from sahakar.statistics.refresh import rebuild

    started = time.monotonic()
    rebuild()
    seconds = time.monotonic() - started
    facts = Fact.objects.count()
    return {"rebuild_s": round(seconds, 1), "facts": facts, "facts_per_s": round(facts / seconds)}


@dataclass
class Dashboard:
    user: str
    facts: dict[str, Timing]
    direct: dict[str, Timing]
    mismatches: list[str]


def measure_dashboard(username: str, repeat: int, direct_repeat: int, today: date) -> Dashboard:
    from django.contrib.auth import get_user_model

    from sahakar.core.context import acting

    user = get_user_model().objects.get(username=username)
    scope = scope_of(user, today)
    facts = {f.name: Timing(f.name) for f in DASHBOARD}
    direct = {f.name: Timing(f.name) for f in DASHBOARD}
    whole_facts, whole_direct = Timing("whole dashboard"), Timing("whole dashboard")
    mismatches: list[str] = []
    with acting(user=user, source="web"):  # untimed: warm caches, and compare
        for figure in DASHBOARD:
            mismatches += differences(
                figure, from_facts(user, figure, scope), from_records(figure, scope)
            )
    # One dashboard is one request: the user's roles are read once in it (permissions.scopes).
    for _ in range(repeat):
        total = 0.0
        with acting(user=user, source="web"):
            for figure in DASHBOARD:
                ms, _rows = timed(partial(from_facts, user, figure, scope))
                facts[figure.name].times_ms.append(ms)
                total += ms
        whole_facts.times_ms.append(total)
    for _ in range(direct_repeat):
        total = 0.0
        with acting(user=user, source="web"):
            for figure in DASHBOARD:
                ms, _rows = timed(partial(from_records, figure, scope))
                direct[figure.name].times_ms.append(ms)
                total += ms
        whole_direct.times_ms.append(total)
    facts[whole_facts.label], direct[whole_direct.label] = whole_facts, whole_direct
    return Dashboard(username, facts, direct, mismatches)


# --- writes -------------------------------------------------------------------------------


@dataclass
class Writer:
    """Seizures written as the provincial officer would, through the seizure service."""

    user: Any
    communes: list[Any]
    agency: Any
    item: dict[str, Any]
    made: list[int] = field(default_factory=list)

    @classmethod
    def for_user(cls, username: str) -> Writer:
        from django.contrib.auth import get_user_model

        from sahakar.agencies.models import Agency
        from sahakar.geo.models import OrgUnit
        from sahakar.seizures.models import SeizureItem

        user = get_user_model().objects.get(username=username)
        province = OrgUnit.objects.get(level=OrgUnit.Level.PROVINCE, code="12")
        communes = list(
            OrgUnit.objects.filter(path__startswith=province.path, level=OrgUnit.Level.COMMUNE)
        )
        sample = (
            SeizureItem.objects.filter(
                kg_equivalent__gt=0, seizure__org_unit__path__startswith=province.path
            )
            .select_related("substance")
            .first()
        )
        if sample is None:
            raise SystemExit("no seizure item with a kg equivalent in Phnom Penh to copy")
        item = {"substance": sample.substance, "form": sample.form, "unit": sample.unit}
        return cls(user, communes, Agency.objects.get(code="ADB-PP"), item)

    def write(self, number: int, moment: datetime) -> tuple[float, float, Any]:
        """One seizure with two items in one transaction: (ms of the work inside it, ms of the
        commit with what runs on it, the seizure)."""
        from django.db import transaction

        from sahakar.core.attribution import save_as
        from sahakar.core.context import acting
        from sahakar.seizures import services
        from sahakar.seizures.models import Seizure

        commune = self.communes[number % len(self.communes)]
        with acting(user=self.user, source="web"):
            started = time.perf_counter()
            with transaction.atomic():
                seizure = Seizure(
                    seized_at=moment,
                    org_unit=commune,
                    seizing_agency=self.agency,
                    place_description=f"Roadside check {number}, benchmark write",
                )
                save_as(seizure, self.user)
                rows = [
                    {**self.item, "quantity": Decimal("12.5")},
                    {**self.item, "quantity": Decimal("3.25"), "packaging": "plastic bag"},
                ]
                services.sync_parts(seizure, "items", rows, acting_user=self.user)
                body = time.perf_counter()
            ended = time.perf_counter()
        self.made.append(seizure.pk)
        return (body - started) * 1000, (ended - body) * 1000, seizure

    def clean_up(self) -> None:
        """Delete the benchmark's seizures (the figures follow), so the data stays as loaded."""
        from django.db import transaction

        from sahakar.core.context import acting
        from sahakar.seizures.models import Seizure

        with acting(user=self.user, source="web"), transaction.atomic():
            for seizure in Seizure.objects.filter(pk__in=self.made):
                seizure.delete()
        self.made.clear()


def measure_visibility(writer: Writer, repeat: int) -> tuple[Timing, Timing]:
    """Per write: from the start of the commit to the first read of the figures that counts the
    seizure (on the provincial officer's day figures and the national monthly total)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from sahakar.statistics.figures import Period, total

    analyst = get_user_model().objects.get(username=NATIONAL_USER)
    visible, whole = Timing("commit to visible"), Timing("write + visible")
    for number in range(repeat):
        moment = timezone.now() - timedelta(minutes=number + 1)
        day = timezone.localdate(moment)
        commune = writer.communes[number % len(writer.communes)]
        month = Period.month(day.year, day.month)
        kg_before = total(writer.user, "drug", Period(day, day), "kg", within=commune.path)
        count_before = total(analyst, "seizure", month, "seizures")
        work_ms, commit_ms, seizure = writer.write(number, moment)
        expected_kg = sum(seizure.items.values_list("kg_equivalent", flat=True), Decimal(0))
        polled = time.perf_counter()
        deadline = polled + 10
        while True:
            kg = total(writer.user, "drug", Period(day, day), "kg", within=commune.path)
            count = total(analyst, "seizure", month, "seizures")
            if kg == kg_before + expected_kg and count == count_before + 1:
                break
            if time.perf_counter() > deadline:
                raise SystemExit(f"seizure {seizure.pk} not in the figures after 10 s")
        seen_ms = (time.perf_counter() - polled) * 1000
        visible.times_ms.append(commit_ms + seen_ms)
        whole.times_ms.append(work_ms + commit_ms + seen_ms)
    return visible, whole


@contextmanager
def untracked() -> Iterator[None]:
    """Writes without the statistics: tracking.py's signals disconnected (no pending slices,
    no refresh on commit)."""
    from django.apps import apps
    from django.db.models.signals import post_save, pre_delete, pre_save

    from sahakar.statistics import tracking

    for label in tracking.DEPENDENTS:
        model, uid = apps.get_model(label), f"statistics:{label}"
        pre_save.disconnect(sender=model, dispatch_uid=f"{uid}:pre_save")
        post_save.disconnect(sender=model, dispatch_uid=f"{uid}:post_save")
        pre_delete.disconnect(sender=model, dispatch_uid=f"{uid}:pre_delete")
    try:
        yield
    finally:
        tracking.connect()


@contextmanager
def refresh_deferred() -> Iterator[None]:
    """Writes tracked (pending slices written in their transaction) but not refreshed on
    commit: what a write would cost if the refresh ran outside the request. The slices left
    pending are refreshed afterwards, untimed."""
    from sahakar.statistics import refresh

    original = refresh.refresh_after_commit

    def later(using: str = "default") -> None:
        return None

    refresh.refresh_after_commit = later
    try:
        yield
    finally:
        refresh.refresh_after_commit = original
        refresh.refresh_pending()


@dataclass
class Overhead:
    tracked: Timing
    bare: Timing
    deferred: Timing
    refresh: Timing  # the part of a tracked write spent in the refresh on commit


def measure_overhead(writer: Writer, repeat: int) -> Overhead:
    """The same write with and without the statistics (and with the refresh deferred),
    in turns so that drift in the machine's load hits all three alike."""
    from django.utils import timezone

    from sahakar.statistics.refresher import REFRESHER

    found = Overhead(
        Timing("with statistics (refreshed after commit by the app's thread)"),
        Timing("without statistics"),
        Timing("with statistics, refresh deferred"),
        Timing("of which commit + refresh"),
    )
    for number in range(repeat + 2):  # the first two warm up, untimed
        work, commit, _ = writer.write(number, timezone.now())
        # The refresh thread works on after the commit: let it finish before the next write
        # is timed, so that it slows none of them (its own cost is in "commit to visible").
        REFRESHER.wait_idle(30)
        with untracked():
            bare = sum(writer.write(number, timezone.now())[:2])
        with refresh_deferred():
            deferred = sum(writer.write(number, timezone.now())[:2])
        if number >= 2:
            found.tracked.times_ms.append(work + commit)
            found.refresh.times_ms.append(commit)
            found.bare.times_ms.append(bare)
            found.deferred.times_ms.append(deferred)
    return found


def profile_writes(writer: Writer, count: int) -> str:
    """Where a tracked write spends its time: cProfile, by cumulative time."""
    from django.utils import timezone

    profiler = cProfile.Profile()
    profiler.enable()
    for number in range(count):
        writer.write(number, timezone.now())
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(r"sahakar", 25)
    return out.getvalue()


# --- report --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url, label, marker = pages.database(args)
    if url.startswith("postgres"):
        benchdb.prepare_postgres(url, args.rebuild)
    else:
        benchdb.prepare_sqlite(Path(urlsplit(url).path), args.rebuild)
    pages.setup_django(url)
    before = pages.load_average()
    loaded = load_demo(args.size, args.seed, marker)
    print_header(args, label, loaded, before)
    if args.time_rebuild:
        rebuild = time_rebuild()
        print(
            f"- statistics rebuild on the loaded data: {rebuild['rebuild_s']:,} s, "
            f"{rebuild['facts']:,} facts, {rebuild['facts_per_s']:,} facts/s"
        )
    from django.utils import timezone

    from sahakar.statistics.refresh import refresh_pending

    refresh_pending()  # what an earlier run left pending when it ended (as the app's cron does)
    today = timezone.localdate()
    dashboards = [
        measure_dashboard(username, args.repeat, args.direct_repeat, today)
        for username in (NATIONAL_USER, PROVINCIAL_USER)
    ]
    print_dashboards(dashboards, args)
    writer = Writer.for_user(PROVINCIAL_USER)
    try:
        visible, whole = measure_visibility(writer, args.repeat)
        print_writes(visible, whole, measure_overhead(writer, args.repeat))
        if args.profile:
            print()
            print("## Profile of tracked writes (cProfile, cumulative)")
            print()
            print("```")
            print(profile_writes(writer, args.profile))
            print("```")
    finally:
        writer.clean_up()
        refresh_pending()  # the figures follow the clean-up before the process ends
    print()
    print(f"Load average after: {pages.load_average()}")
    return 1 if any(d.mismatches for d in dashboards) else 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--seed", type=int, default=2026, help="demo seed (default: 2026)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/ (the database "
        "defaults to sahakar_bench_SIZE and is created if missing); SQLite under var/bench/ "
        "when not given",
    )
    parser.add_argument(
        "--repeat", type=int, default=30, help="timed dashboards, and timed writes (default 30)"
    )
    parser.add_argument(
        "--direct-repeat",
        type=int,
        default=5,
        help="timed runs of the direct computation from the records (default 5)",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="drop the benchmark database and load it again"
    )
    parser.add_argument(
        "--time-rebuild",
        action="store_true",
        help="also time a full statistics rebuild of the loaded data",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="profile N tracked writes with cProfile and print where the time goes",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.direct_repeat < 1:
        parser.error("--repeat and --direct-repeat must be at least 1")
    return args


def print_header(
    args: argparse.Namespace, label: str, loaded: dict[str, Any], load_before: str
) -> None:
    import django
    from django.db import connection

    from sahakar.statistics.models import Fact

    print()
    print(f"# Sahakar analytics benchmark: {args.size} demo on {label}")
    print()
    print(
        f"- database: {connection.vendor} {pages.database_version()}, "
        f"size {pages.database_bytes() / 2**20:,.0f} MB, {Fact.objects.count():,} facts"
    )
    print(f"- Python {sys.version.split()[0]}, Django {django.get_version()}")
    if loaded.get("records_per_s"):
        print(
            f"- generation (seed {loaded['seed']}, {loaded.get('loaded_at', '')}): "
            f"{loaded['generation_s']:,} s in all, {loaded['records']:,} records at "
            f"{loaded['records_per_s']:,} records/s; "
            f"peak memory {loaded['rss_generation_mb']:,} MB "
            f"(process at start {loaded['rss_baseline_mb']:,} MB, after the rebuild "
            f"{loaded['rss_peak_mb']:,} MB)"
        )
        print(
            f"- statistics rebuild after the load: {loaded['rebuild_s']:,} s, "
            f"{loaded['facts']:,} facts, {loaded['facts_per_s']:,} facts/s"
        )
    else:
        print("- generation: loaded earlier (unknown figures; --rebuild to measure)")
    print(
        f"- {args.repeat} timed dashboards (after one untimed), {args.direct_repeat} timed "
        f"direct computations; {args.repeat} timed writes"
    )
    print(f"- load average before: {load_before}")
    print(flush=True)


def print_dashboards(dashboards: list[Dashboard], args: argparse.Namespace) -> None:
    print("## Dashboard figures: analytics tables against the records")
    print()
    print(
        "| user | figure | facts p50 ms | facts p95 ms | records p50 ms | records p95 ms "
        "| speed-up |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for board in dashboards:
        for name, facts in board.facts.items():
            direct = board.direct[name]
            flag = " *" if name == "whole dashboard" and facts.p95 > TARGET_P95_MS else ""
            ratio = direct.p50 / facts.p50 if facts.p50 else float("inf")
            strong = "**" if name == "whole dashboard" else ""
            print(
                f"| {board.user} | {strong}{name}{strong} "
                f"| {facts.p50:.1f} | {facts.p95:.1f}{flag} "
                f"| {direct.p50:.1f} | {direct.p95:.1f} | {ratio:,.1f}x |"
            )
    print()
    for board in dashboards:
        if board.mismatches:
            print(f"{board.user}: {len(board.mismatches)} figures DIFFER from the records:")
            for line in board.mismatches[:20]:
                print(f"  - {line}")
        else:
            print(f"{board.user}: every figure equals its direct computation from the records.")
    print(
        f"Targets at `large`: whole dashboard p95 under {TARGET_P95_MS} ms (* above), "
        f"at least {TARGET_SPEEDUP}x faster than the records."
    )
    print(flush=True)


def print_writes(visible: Timing, whole: Timing, overhead: Overhead) -> None:
    print()
    print("## Writes: a seizure with two items through the seizure service (pp.officer)")
    print()
    print("| measure | p50 ms | p95 ms |")
    print("| --- | ---: | ---: |")
    rows = (visible, whole, overhead.bare, overhead.tracked, overhead.refresh, overhead.deferred)
    for timing in rows:
        print(f"| {timing.label} | {timing.p50:.1f} | {timing.p95:.1f} |")
    bare = overhead.bare
    print()
    print(
        f"Visible in the figures within {visible.p95:.0f} ms (p95; target {TARGET_VISIBLE_MS} ms)."
    )
    for timing in (overhead.tracked, overhead.deferred):
        print(
            f"{timing.label}: the statistics add {timing.p50 / bare.p50 - 1:+.0%} (p50) and "
            f"{timing.p95 / bare.p95 - 1:+.0%} (p95) to a write "
            f"(target at most {TARGET_OVERHEAD:.0%})."
        )


if __name__ == "__main__":
    sys.exit(main())
