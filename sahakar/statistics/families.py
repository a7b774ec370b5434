"""What each family of facts counts, and how it is computed from the records.

A family has one anchor record type that gives each row its day (in the country's time zone)
and org unit, up to four dimensions stored in the fact columns `a`-`d` (plus `agency`), and
measures stored in `n`, `x`, `q` and `kg`. `compute()` reads the records of a window (days and
org units) and sums them in Python, so the same code serves a refresh of one day and a full
rebuild, and decimals stay exact.

To add a family: declare it below with its anchor, its rows function and its dependencies
(tracking.py reads them), then run `manage.py rebuild_statistics`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Min, Model, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sahakar.statistics.choices import AgeGroup, CustodyCompliance

ZERO = Decimal(0)
# One row of a family: (day, org unit path, agency code, dimension values, n, x, q, kg, key of x).
# `x` counts distinct keys (e.g. seizures holding a substance) when `x_key` is given.
Key = tuple[date, str, str, tuple[str, ...]]


@dataclass
class Sums:
    n: int = 0
    x: int = 0
    q: Decimal = ZERO
    kg: Decimal = ZERO
    distinct: set[Any] = field(default_factory=set)


@dataclass(frozen=True)
class Window:
    """The records to read: days from `first` to `last` (inclusive; None: all), and only those
    at these org-unit paths (None: all)."""

    first: date | None = None
    last: date | None = None
    paths: frozenset[str] | None = None


@dataclass(frozen=True)
class Family:
    name: str
    label: Promise
    anchor: str  # app_label.Model giving day and org unit
    time_field: str  # on the family's own rows
    path_field: str
    dims: tuple[str, ...]
    measures: dict[str, str]  # public name -> fact column
    rows: Callable[[Window], QuerySet[Any]]
    fold: Callable[[dict[Key, Sums], tuple[Any, ...]], None]
    # The anchor's own time fields (the first one set gives the day) and org unit path field,
    # to find the slices a write touches.
    anchor_times: tuple[str, ...] = ()
    anchor_path: str = "org_unit__path"
    # Record types whose writes change this family: label -> lookup from the anchor to it.
    depends: dict[str, str] = field(default_factory=dict)

    def compute(self, window: Window) -> dict[Key, Sums]:
        totals: dict[Key, Sums] = defaultdict(Sums)
        for row in self.rows(window).iterator(chunk_size=5000):
            self.fold(totals, row)
        return totals


def local_day(value: datetime | date) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


def day_bounds(window: Window, field_name: str, is_datetime: bool = True) -> Q:
    """The window as a condition on a time (or date) field, indexed."""
    condition = Q()
    if window.first is not None:
        start: Any = window.first
        if is_datetime:
            start = timezone.make_aware(datetime.combine(window.first, time.min))
        condition &= Q(**{f"{field_name}__gte": start})
    if window.last is not None:
        end: Any = window.last + timedelta(days=1)
        if is_datetime:
            end = timezone.make_aware(datetime.combine(end, time.min))
        condition &= Q(**{f"{field_name}__lt": end})
    return condition


def place(window: Window, path_field: str) -> Q:
    return Q() if window.paths is None else Q(**{f"{path_field}__in": sorted(window.paths)})


def _model(label: str) -> type[Model]:
    from django.apps import apps

    return apps.get_model(label)


def _rows(label: str, time_field: str, path_field: str, *columns: str, date_only: bool = False):
    """A rows function: the record type's values in the window, day and path first."""

    def rows(window: Window) -> QuerySet[Any]:
        manager = _model(label)._base_manager
        return (
            manager.filter(day_bounds(window, time_field, not date_only))
            .filter(place(window, path_field))
            .order_by()
            .values_list(time_field, path_field, *columns)
        )

    return rows


def _add(totals: dict[Key, Sums], day: Any, path: str, agency: Any, dims: Iterable[Any]) -> Sums:
    key = (local_day(day), path, agency or "", tuple(str(v or "") for v in dims))
    return totals[key]


# --- folds: one per family, turning a values row into sums -----------------------------------


def _fold_seizure(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, agency, venue_kind, operation_kind = row
    _add(totals, day, path, agency, (venue_kind, operation_kind)).n += 1


def _fold_drug(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, agency, substance, unit, form, seizure, quantity, kg = row
    sums = _add(totals, day, path, agency, (substance, unit, form))
    sums.n += 1
    sums.distinct.add(seizure)
    sums.q += quantity
    sums.kg += kg or ZERO


def _fold_property(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, agency, kind, currency, count, value = row
    sums = _add(totals, day, path, agency, (kind, currency))
    sums.n += count
    sums.q += value or ZERO


def _fold_operation(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    planned, path, actual, agency, kind, status = row
    _add(totals, actual or planned, path, agency, (kind, status)).n += 1


def _fold_inspection(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, agency, result, venue_kind, checked = row
    sums = _add(totals, day, path, agency, (result, venue_kind))
    sums.n += 1
    sums.x += checked or 0


def age_group(born: date | None, birth_year: int | None, at: datetime) -> str:
    """The age band at `at`, from the date of birth, else the year of birth (age at the end of
    that year's birthday, which may be one year high)."""
    on = local_day(at)
    if born is not None:
        age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    elif birth_year:
        age = on.year - birth_year
    else:
        return AgeGroup.UNKNOWN
    for limit, group in (
        (18, AgeGroup.UNDER_18),
        (25, AgeGroup.FROM_18_TO_24),
        (35, AgeGroup.FROM_25_TO_34),
        (50, AgeGroup.FROM_35_TO_49),
    ):
        if age < limit:
            return group
    return AgeGroup.FROM_50


def _fold_arrest(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, agency, sex, born, birth_year, nationality, role = row
    dims = (sex, age_group(born, birth_year, day), nationality, role)
    _add(totals, day, path, agency, dims).n += 1


def compliance(deadline: datetime, missed: datetime | None, ended: datetime | None) -> str:
    """As arrests.clocks.state_at: a custody whose deadline once passed ended late."""
    if ended is None:
        return CustodyCompliance.OPEN
    if missed is not None or ended > deadline:
        return CustodyCompliance.LATE
    return CustodyCompliance.IN_TIME


def _fold_custody(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, agency, deadline, missed, outcome, ended, role = row
    dims = (compliance(deadline, missed, ended), outcome, role)
    _add(totals, day, path, agency, dims).n += 1


def _fold_case(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, stage, procedure, offence_class = row
    _add(totals, day, path, "", (stage, procedure, offence_class)).n += 1


def _fold_defendant(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, outcome, sex, nationality, role = row
    _add(totals, day, path, "", (outcome, sex, nationality, role)).n += 1


def _fold_person_outcome(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, outcome, sex, nationality, role = row
    _add(totals, day, path, "", (outcome, sex, nationality, role)).n += 1


def _prosecuted_rows(window: Window) -> QuerySet[Any]:
    """Defendants on the day their case was first referred to the prosecutor, each once."""
    from sahakar.cases.models import Defendant

    return (
        Defendant._base_manager.annotate(first_referral=Min("case__referrals__referred_on"))
        .filter(day_bounds(window, "first_referral", is_datetime=False))
        .filter(place(window, "case__org_unit__path"))
        .order_by()
        .values_list(
            "first_referral",
            "case__org_unit__path",
            "outcome",
            "arrest__person__sex",
            "arrest__person__nationality",
            "arrest__suspect_role",
        )
    )


def _fold_referral(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, office = row
    _add(totals, day, path, office, ()).n += 1


def _fold_campaign(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, agency, kind, materials = row
    sums = _add(totals, day, path, agency, (kind,))
    sums.n += 1
    sums.x += materials or 0


def _fold_audience(totals: dict[Key, Sums], row: tuple[Any, ...]) -> None:
    day, path, agency, sex, age, kind, count = row
    _add(totals, day, path, agency, (sex, age, kind)).n += count


def _operation_rows(window: Window) -> QuerySet[Any]:
    """An operation counts on the day it started, or was planned to start if it has not."""
    from sahakar.operations.models import Operation

    actual = day_bounds(window, "actual_start")
    planned = day_bounds(window, "planned_start") & Q(actual_start__isnull=True)
    return (
        Operation._base_manager.filter(actual | planned)
        .filter(place(window, "org_unit__path"))
        .order_by()
        .values_list(
            "planned_start", "org_unit__path", "actual_start", "lead_agency__code", "kind", "status"
        )
    )


SEIZURE_DEPENDS = {
    "seizures.seizure": "pk",
    "operations.operation": "operation",
    "venues.venue": "venue",
}
ARREST_DEPENDS = {"arrests.arrest": "pk", "persons.person": "person"}
CASE_DEPENDS = {"cases.casefile": "pk"}

FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family(
            "seizure",
            _("seizures"),
            anchor="seizures.seizure",
            time_field="seized_at",
            path_field="org_unit__path",
            dims=("venue_kind", "operation_kind"),
            measures={"seizures": "n"},
            rows=_rows(
                "seizures.seizure",
                "seized_at",
                "org_unit__path",
                "seizing_agency__code",
                "venue__kind",
                "operation__kind",
            ),
            fold=_fold_seizure,
            anchor_times=("seized_at",),
            depends=SEIZURE_DEPENDS,
        ),
        Family(
            "drug",
            _("drugs seized"),
            anchor="seizures.seizure",
            time_field="seizure__seized_at",
            path_field="seizure__org_unit__path",
            dims=("substance", "unit", "form"),
            measures={"items": "n", "seizures": "x", "quantity": "q", "kg": "kg"},
            rows=_rows(
                "seizures.seizureitem",
                "seizure__seized_at",
                "seizure__org_unit__path",
                "seizure__seizing_agency__code",
                "substance__code",
                "unit",
                "form",
                "seizure_id",
                "quantity",
                "kg_equivalent",
            ),
            fold=_fold_drug,
            anchor_times=("seized_at",),
            depends={"seizures.seizure": "pk", "seizures.seizureitem": "items"},
        ),
        Family(
            "property",
            _("other property seized"),
            anchor="seizures.seizure",
            time_field="seizure__seized_at",
            path_field="seizure__org_unit__path",
            dims=("kind", "currency"),
            measures={"count": "n", "value": "q"},
            rows=_rows(
                "seizures.seizedproperty",
                "seizure__seized_at",
                "seizure__org_unit__path",
                "seizure__seizing_agency__code",
                "kind",
                "currency",
                "count",
                "value",
            ),
            fold=_fold_property,
            anchor_times=("seized_at",),
            depends={"seizures.seizure": "pk", "seizures.seizedproperty": "property"},
        ),
        Family(
            "operation",
            _("operations"),
            anchor="operations.operation",
            time_field="planned_start",
            path_field="org_unit__path",
            dims=("kind", "status"),
            measures={"operations": "n"},
            rows=_operation_rows,
            fold=_fold_operation,
            anchor_times=("actual_start", "planned_start"),
            depends={"operations.operation": "pk"},
        ),
        Family(
            "inspection",
            _("inspections"),
            anchor="operations.inspection",
            time_field="inspected_at",
            path_field="venue__org_unit__path",
            dims=("result", "venue_kind"),
            measures={"inspections": "n", "persons_checked": "x"},
            rows=_rows(
                "operations.inspection",
                "inspected_at",
                "venue__org_unit__path",
                "operation__lead_agency__code",
                "result",
                "venue__kind",
                "persons_checked",
            ),
            fold=_fold_inspection,
            anchor_times=("inspected_at",),
            anchor_path="venue__org_unit__path",
            depends={
                "operations.inspection": "pk",
                "operations.operation": "operation",
                "venues.venue": "venue",
            },
        ),
        Family(
            "arrest",
            _("arrests"),
            anchor="arrests.arrest",
            time_field="arrested_at",
            path_field="org_unit__path",
            dims=("sex", "age_group", "nationality", "role"),
            measures={"arrests": "n"},
            rows=_rows(
                "arrests.arrest",
                "arrested_at",
                "org_unit__path",
                "arresting_agency__code",
                "person__sex",
                "person__date_of_birth",
                "person__birth_year",
                "person__nationality",
                "suspect_role",
            ),
            fold=_fold_arrest,
            anchor_times=("arrested_at",),
            depends=ARREST_DEPENDS,
        ),
        Family(
            "custody",
            _("custodies"),
            anchor="arrests.arrest",
            time_field="arrested_at",
            path_field="org_unit__path",
            dims=("compliance", "outcome", "role"),
            measures={"custodies": "n"},
            rows=_rows(
                "arrests.arrest",
                "arrested_at",
                "org_unit__path",
                "arresting_agency__code",
                "custody_deadline",
                "missed_deadline_at",
                "outcome__kind",
                "outcome__decided_at",
                "suspect_role",
            ),
            fold=_fold_custody,
            anchor_times=("arrested_at",),
            depends={**ARREST_DEPENDS, "arrests.custodyoutcome": "outcome"},
        ),
        Family(
            "case",
            _("case files"),
            anchor="cases.casefile",
            time_field="created",
            path_field="org_unit__path",
            dims=("stage", "procedure", "offence_class"),
            measures={"cases": "n"},
            rows=_rows(
                "cases.casefile",
                "created",
                "org_unit__path",
                "stage",
                "procedure",
                "offence_class",
            ),
            fold=_fold_case,
            anchor_times=("created",),
            depends=CASE_DEPENDS,
        ),
        Family(
            "defendant",
            _("defendants"),
            anchor="cases.casefile",
            time_field="case__created",
            path_field="case__org_unit__path",
            dims=("outcome", "sex", "nationality", "role"),
            measures={"defendants": "n"},
            rows=_rows(
                "cases.defendant",
                "case__created",
                "case__org_unit__path",
                "outcome",
                "arrest__person__sex",
                "arrest__person__nationality",
                "arrest__suspect_role",
            ),
            fold=_fold_defendant,
            anchor_times=("created",),
            depends={
                **CASE_DEPENDS,
                "cases.defendant": "defendants",
                "arrests.arrest": "defendants__arrest",
                "persons.person": "defendants__arrest__person",
            },
        ),
        Family(
            "referral",
            _("referrals to the prosecutor"),
            anchor="cases.referral",
            time_field="referred_on",
            path_field="case__org_unit__path",
            dims=(),
            measures={"referrals": "n"},
            rows=_rows(
                "cases.referral",
                "referred_on",
                "case__org_unit__path",
                "prosecution_office__code",
                date_only=True,
            ),
            fold=_fold_referral,
            anchor_times=("referred_on",),
            anchor_path="case__org_unit__path",
            depends={"cases.referral": "pk", "cases.casefile": "case"},
        ),
        Family(
            "prosecuted",
            _("persons referred for prosecution"),
            anchor="cases.casefile",
            time_field="case__referrals__referred_on",
            path_field="case__org_unit__path",
            dims=("outcome", "sex", "nationality", "role"),
            measures={"persons": "n"},
            rows=_prosecuted_rows,
            fold=_fold_person_outcome,
            anchor_times=("referrals__referred_on",),
            depends={
                "cases.casefile": "pk",
                "cases.referral": "referrals",
                "cases.defendant": "defendants",
                "arrests.arrest": "defendants__arrest",
                "persons.person": "defendants__arrest__person",
            },
        ),
        Family(
            "verdict",
            _("court outcomes"),
            anchor="cases.defendant",
            time_field="outcome_on",
            path_field="case__org_unit__path",
            dims=("outcome", "sex", "nationality", "role"),
            measures={"persons": "n"},
            rows=_rows(
                "cases.defendant",
                "outcome_on",
                "case__org_unit__path",
                "outcome",
                "arrest__person__sex",
                "arrest__person__nationality",
                "arrest__suspect_role",
                date_only=True,
            ),
            fold=_fold_person_outcome,
            anchor_times=("outcome_on",),
            anchor_path="case__org_unit__path",
            depends={
                "cases.defendant": "pk",
                "cases.casefile": "case",
                "arrests.arrest": "arrest",
                "persons.person": "arrest__person",
            },
        ),
        Family(
            "campaign",
            _("prevention campaigns"),
            anchor="prevention.campaign",
            time_field="starts_on",
            path_field="org_unit__path",
            dims=("kind",),
            measures={"campaigns": "n", "materials": "x"},
            rows=_rows(
                "prevention.campaign",
                "starts_on",
                "org_unit__path",
                "organiser__code",
                "kind",
                "materials_quantity",
                date_only=True,
            ),
            fold=_fold_campaign,
            anchor_times=("starts_on",),
            depends={"prevention.campaign": "pk"},
        ),
        Family(
            "audience",
            _("people reached"),
            anchor="prevention.campaign",
            time_field="campaign__starts_on",
            path_field="campaign__org_unit__path",
            dims=("sex", "age_group", "kind"),
            measures={"reached": "n"},
            rows=_rows(
                "prevention.audiencecount",
                "campaign__starts_on",
                "campaign__org_unit__path",
                "campaign__organiser__code",
                "sex",
                "age_group",
                "campaign__kind",
                "count",
                date_only=True,
            ),
            fold=_fold_audience,
            anchor_times=("starts_on",),
            depends={"prevention.campaign": "pk", "prevention.audiencecount": "audience"},
        ),
    )
}

SLOTS = ("a", "b", "c", "d")


def slot(family: Family, dim: str) -> str:
    """The fact column holding one of the family's dimensions (or `agency`)."""
    if dim == "agency":
        return "agency"
    return SLOTS[family.dims.index(dim)]


def slices_of(rows: Iterable[tuple[Any, ...]]) -> set[tuple[date, str]]:
    """(day, path) of anchor rows read as (time, ..., path): the first time set wins."""
    found = set()
    for row in rows:
        *times, path = row
        day = next((t for t in times if t is not None), None)
        if day is not None:
            found.add((local_day(day), path))
    return found
