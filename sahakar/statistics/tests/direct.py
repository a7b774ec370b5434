"""The analytics tables computed another way, straight from the records, for the tests to
compare with: one ORM aggregate per family and grain (grouped by local day or month, by the
org unit's path cut to its district or province, and by the dimensions), written without
families.py. Only the rules that are definitions (the age band at arrest, whether a custody
ended in time) are written again here, from their definitions.

Each function returns the rows of a family as tuples in the order of FACT_COLUMNS, for the
three grains, so that they compare with the stored facts as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr, TruncDate, TruncMonth

from sahakar.arrests.models import Arrest
from sahakar.cases.models import CaseFile, Defendant, Referral
from sahakar.operations.models import Inspection, Operation
from sahakar.prevention.models import AudienceCount, Campaign
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.statistics.models import Fact

FACT_COLUMNS = (
    "family",
    "grain",
    "period",
    "unit_path",
    "province",
    "district",
    "agency",
    "a",
    "b",
    "c",
    "d",
    "n",
    "x",
    "q",
    "kg",
)
# Gazetteer codes: province "12", district "1201", commune "120101" (paths "/KH/12/1201/...").
DISTRICT_PATH_LENGTH = len("/KH/12/1201/")
PROVINCE_PATH_LENGTH = len("/KH/12/")
GRAINS = ("d", "m", "p")
FactRow = tuple[Any, ...]
Expression = Any  # an F(), a function or a value: what annotate() takes


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def stored(family: str | None = None) -> Counter[FactRow]:
    """The facts as stored, one tuple per row (a Counter, so a duplicate row shows)."""
    qs = Fact.objects.all() if family is None else Fact.objects.filter(family=family)
    return Counter(_clean(row) for row in qs.values_list(*FACT_COLUMNS))


def _clean(row: tuple[Any, ...]) -> FactRow:
    values = list(row)
    values[11], values[12] = int(values[11] or 0), int(values[12] or 0)
    values[13], values[14] = _decimal(values[13]), _decimal(values[14])
    return tuple(values)


def _decimal(value: Any) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, float):  # SQLite sums decimals as floats: 6 places, as stored
        value = Decimal(repr(value)).quantize(Decimal("0.000001"))
    return Decimal(value)


def _place(path: str) -> tuple[str, str]:
    codes = [code for code in path.split("/") if code]
    return (codes[1] if len(codes) > 1 else "", codes[2] if len(codes) > 2 else "")


def _period(time: str, grain: str, is_date: bool) -> Expression:
    if grain == "d":
        return F(time) if is_date else TruncDate(time, tzinfo=zone())
    if is_date:
        return TruncMonth(time, output_field=DateField())
    return TruncMonth(time, tzinfo=zone(), output_field=DateField())


def _unit(path: str, grain: str) -> Expression:
    if grain == "d":
        return F(path)
    return Substr(path, 1, DISTRICT_PATH_LENGTH if grain == "m" else PROVINCE_PATH_LENGTH)


def _as_date(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def _rows(
    family: str,
    qs: QuerySet[Any],
    *,
    time: str | Expression,
    path: str,
    agency: str | None,
    dims: tuple[str | Expression, ...],
    measures: dict[str, Any],
    is_date: bool = False,
) -> Counter[FactRow]:
    """One grouped aggregate per grain: (period, unit, agency, dims) -> measures."""
    found: Counter[FactRow] = Counter()
    for grain in GRAINS:
        names = {"_period": _period_of(time, grain, is_date), "_unit": _unit(path, grain)}
        names["_agency"] = F(agency) if agency else Value("")
        for i, dim in enumerate(dims):
            names[f"_dim{i}"] = F(dim) if isinstance(dim, str) else dim
        grouped = qs.annotate(**names).values(*names).annotate(**measures).order_by()
        for row in grouped:
            dim_values = [str(row[f"_dim{i}"] or "") for i in range(len(dims))]
            dim_values += [""] * (4 - len(dims))
            unit_path = row["_unit"]
            found[
                _clean(
                    (
                        family,
                        grain,
                        _as_date(row["_period"]),
                        unit_path,
                        *_place(unit_path),
                        row["_agency"] or "",
                        *dim_values,
                        row.get("n"),
                        row.get("x"),
                        row.get("q"),
                        row.get("kg"),
                    )
                )
            ] += 1
    return found


def _period_of(time: str | Expression, grain: str, is_date: bool) -> Expression:
    if isinstance(time, str):
        return _period(time, grain, is_date)
    if is_date:
        return time if grain == "d" else TruncMonth(time, output_field=DateField())
    if grain == "d":
        return TruncDate(time, tzinfo=zone())
    return TruncMonth(time, tzinfo=zone(), output_field=DateField())


def seizure() -> Counter[FactRow]:
    return _rows(
        "seizure",
        Seizure._base_manager.all(),
        time="seized_at",
        path="org_unit__path",
        agency="seizing_agency__code",
        dims=("venue__kind", "operation__kind"),
        measures={"n": Count("pk")},
    )


def drug() -> Counter[FactRow]:
    return _rows(
        "drug",
        SeizureItem._base_manager.all(),
        time="seizure__seized_at",
        path="seizure__org_unit__path",
        agency="seizure__seizing_agency__code",
        dims=("substance__code", "unit", "form"),
        measures={
            "n": Count("pk"),
            "x": Count("seizure", distinct=True),
            "q": Sum("quantity"),
            "kg": Sum("kg_equivalent"),
        },
    )


def property_() -> Counter[FactRow]:
    return _rows(
        "property",
        SeizedProperty._base_manager.all(),
        time="seizure__seized_at",
        path="seizure__org_unit__path",
        agency="seizure__seizing_agency__code",
        dims=("kind", "currency"),
        measures={"n": Sum("count"), "q": Sum("value")},
    )


def operation() -> Counter[FactRow]:
    """An operation counts on the day it started, or on its planned start until it does."""
    return _rows(
        "operation",
        Operation._base_manager.all(),
        time=Coalesce("actual_start", "planned_start"),
        path="org_unit__path",
        agency="lead_agency__code",
        dims=("kind", "status"),
        measures={"n": Count("pk")},
    )


def inspection() -> Counter[FactRow]:
    return _rows(
        "inspection",
        Inspection._base_manager.all(),
        time="inspected_at",
        path="venue__org_unit__path",
        agency="operation__lead_agency__code",
        dims=("result", "venue__kind"),
        measures={"n": Count("pk"), "x": Sum("persons_checked")},
    )


def arrest() -> Counter[FactRow]:
    """Counted row by row: the age band at arrest is a rule, written here from its
    definition (whole years at the local day of the arrest; the year of birth alone gives
    the age reached that year)."""
    found: Counter[FactRow] = Counter()
    for grain in GRAINS:
        rows = (
            Arrest._base_manager.annotate(
                _period=_period("arrested_at", grain, False), _unit=_unit("org_unit__path", grain)
            )
            .order_by()
            .values_list(
                "_period",
                "_unit",
                "arresting_agency__code",
                "person__sex",
                "person__date_of_birth",
                "person__birth_year",
                "person__nationality",
                "suspect_role",
                "arrested_at",
            )
        )
        counts: Counter[tuple[Any, ...]] = Counter()
        for period, unit, agency, sex, born, year, nationality, role, at in rows:
            band = age_band(born, year, at.astimezone(zone()).date())
            counts[(_as_date(period), unit, agency or "", sex, band, nationality or "", role)] += 1
        for (period, unit, agency, *dims), n in counts.items():
            row = ("arrest", grain, period, unit, *_place(unit), agency, *dims, n, 0, 0, 0)
            found[_clean(row)] += 1
    return found


def age_band(born: date | None, birth_year: int | None, on: date) -> str:
    if born is not None:
        age = on.year - born.year
        if (on.month, on.day) < (born.month, born.day):
            age -= 1
    elif birth_year:
        age = on.year - birth_year
    else:
        return "unknown"
    if age < 18:
        return "under_18"
    if age <= 24:
        return "18_24"
    if age <= 34:
        return "25_34"
    if age <= 49:
        return "35_49"
    return "50_plus"


def custody() -> Counter[FactRow]:
    """In time: ended, never recorded as missed, and not after the deadline."""
    compliance = Case(
        When(outcome__isnull=True, then=Value("open")),
        When(
            Q(missed_deadline_at__isnull=False) | Q(outcome__decided_at__gt=F("custody_deadline")),
            then=Value("late"),
        ),
        default=Value("in_time"),
    )
    return _rows(
        "custody",
        Arrest._base_manager.all(),
        time="arrested_at",
        path="org_unit__path",
        agency="arresting_agency__code",
        dims=(compliance, "outcome__kind", "suspect_role"),
        measures={"n": Count("pk")},
    )


def case() -> Counter[FactRow]:
    return _rows(
        "case",
        CaseFile._base_manager.all(),
        time="created",
        path="org_unit__path",
        agency=None,
        dims=("stage", "procedure", "offence_class"),
        measures={"n": Count("pk")},
    )


def defendant() -> Counter[FactRow]:
    return _rows(
        "defendant",
        Defendant._base_manager.all(),
        time="case__created",
        path="case__org_unit__path",
        agency=None,
        dims=(
            "outcome",
            "arrest__person__sex",
            "arrest__person__nationality",
            "arrest__suspect_role",
        ),
        measures={"n": Count("pk")},
    )


def referral() -> Counter[FactRow]:
    return _rows(
        "referral",
        Referral._base_manager.all(),
        time="referred_on",
        path="case__org_unit__path",
        agency="prosecution_office__code",
        dims=(),
        measures={"n": Count("pk")},
        is_date=True,
    )


def campaign() -> Counter[FactRow]:
    return _rows(
        "campaign",
        Campaign._base_manager.all(),
        time="starts_on",
        path="org_unit__path",
        agency="organiser__code",
        dims=("kind",),
        measures={"n": Count("pk"), "x": Sum("materials_quantity")},
        is_date=True,
    )


def audience() -> Counter[FactRow]:
    return _rows(
        "audience",
        AudienceCount._base_manager.all(),
        time="campaign__starts_on",
        path="campaign__org_unit__path",
        agency="campaign__organiser__code",
        dims=("sex", "age_group", "campaign__kind"),
        measures={"n": Sum("count")},
        is_date=True,
    )


PERSON_DIMS = (
    "outcome",
    "arrest__person__sex",
    "arrest__person__nationality",
    "arrest__suspect_role",
)


def prosecuted() -> Counter[FactRow]:
    """Each defendant once, on the day their case was first referred."""
    first = Referral._base_manager.filter(case=OuterRef("case")).order_by("referred_on")
    referred = Subquery(first.values("referred_on")[:1], output_field=DateField())
    return _rows(
        "prosecuted",
        Defendant._base_manager.annotate(referred=referred).filter(referred__isnull=False),
        time=referred,
        path="case__org_unit__path",
        agency=None,
        dims=PERSON_DIMS,
        measures={"n": Count("pk")},
        is_date=True,
    )


def verdict() -> Counter[FactRow]:
    return _rows(
        "verdict",
        Defendant._base_manager.filter(outcome_on__isnull=False),
        time="outcome_on",
        path="case__org_unit__path",
        agency=None,
        dims=PERSON_DIMS,
        measures={"n": Count("pk")},
        is_date=True,
    )


DIRECT: dict[str, Callable[[], Counter[FactRow]]] = {
    "seizure": seizure,
    "drug": drug,
    "property": property_,
    "operation": operation,
    "inspection": inspection,
    "arrest": arrest,
    "custody": custody,
    "case": case,
    "defendant": defendant,
    "referral": referral,
    "prosecuted": prosecuted,
    "verdict": verdict,
    "campaign": campaign,
    "audience": audience,
}


def mismatches() -> dict[str, tuple[Counter[FactRow], Counter[FactRow]]]:
    """Per family whose facts differ from the records: (only stored, only computed)."""
    found = {}
    for name, compute in DIRECT.items():
        facts, direct = stored(name), compute()
        if facts != direct:
            found[name] = (facts - direct, direct - facts)
    return found
