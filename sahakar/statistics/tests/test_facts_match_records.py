"""Property test of the analytics tables: random creates, updates, deletes, merges and custody
outcomes, made through the services the pages and the API use (plain saves where the app
makes plain saves), each followed by the refresh that runs after commit. After every step
every family's facts, at every grain, equal an aggregate computed straight from the records
(direct.py, which does not use families.py); after the sequence a full rebuild changes no
fact.

The days the records move between straddle midnight, the ends of months and of a year, so a
mistake in the local day, a month roll-up or a rebuild by year shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sahakar.arrests import services as arrests
from sahakar.arrests.models import Arrest, Offence
from sahakar.cases import services as cases
from sahakar.cases.models import CaseFile
from sahakar.geo.models import OrgUnit
from sahakar.operations.models import Inspection, Operation
from sahakar.persons.models import Person
from sahakar.persons.services import merge_persons
from sahakar.prevention.models import Campaign
from sahakar.prevention.services import sync_audience
from sahakar.seizures.models import Seizure
from sahakar.seizures.services import sync_parts
from sahakar.statistics.families import FAMILIES
from sahakar.statistics.models import PendingSlice
from sahakar.statistics.refresh import rebuild, refresh_pending
from sahakar.statistics.tests import direct
from sahakar.substances.models import Substance
from sahakar.testing import factories as f
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db(transaction=False)

ZONE = ZoneInfo("Asia/Phnom_Penh")
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=ZONE)
# Local times at the edges: a day's last minutes, a month's first, the turn of the year.
DAYS = [
    datetime(2025, 12, 31, 23, 50, tzinfo=ZONE),
    datetime(2026, 1, 1, 0, 10, tzinfo=ZONE),
    datetime(2026, 4, 30, 23, 30, tzinfo=ZONE),
    datetime(2026, 5, 1, 0, 30, tzinfo=ZONE),
    datetime(2026, 5, 31, 23, 45, tzinfo=ZONE),
    datetime(2026, 6, 1, 6, 15, tzinfo=ZONE),
    datetime(2026, 6, 10, 12, 0, tzinfo=ZONE),
    datetime(2026, 6, 14, 18, 0, tzinfo=ZONE),
]
AGENCIES = ("ADD", "ADB-PP", "ADB-SR", "GDCE")
OFFICES = ("PPO-PP", "PPO-SR")
# (substance, form, unit): some with a conversion factor to kg, some without.
DRUGS = (
    ("METH", "tablet", "tablets"),
    ("METH", "crystal", "g"),
    ("KET", "powder", "g"),
    ("HER", "powder", "kg"),
    ("CANN", "plants", "plants"),
    ("MDMA", "tablet", "tablets"),
)
QUANTITIES = ("1", "0.5", "12.25", "2000", "0.001", "350")
PROPERTY = (("cash", "1500.50", "USD"), ("cash", "400000", "KHR"), ("vehicle", None, ""))
ROLES = ("user", "dealer", "trafficker", "producer")
NATIONALITIES = ("KH", "VN", "TH", "")
BIRTHS = (
    (date(2008, 6, 14), None),  # 17 or 18 depending on the day of arrest
    (date(2001, 5, 1), None),
    (None, 1976),
    (None, None),
    (date(1990, 12, 31), None),
)
OUTCOME_KINDS = ("referred", "released", "treatment")
OUTCOME_HOURS = (1, 47, 49, 80)  # the custody rule gives 48 or 72 hours
CAMPAIGN_KINDS = ("school_session", "community_outreach", "workplace")
AUDIENCE = (("F", "under_15"), ("M", "15_24"), ("U", "unknown"), ("F", "35_plus"))
DEFENDANT_OUTCOMES = ("dismissed", "convicted", "acquitted", "appealed", "pending")
VENUE_KINDS = ("karaoke", "nightclub", "bar")

ACTIONS = (
    "seizure_new",
    "item_add",
    "item_change",
    "item_delete",
    "property_add",
    "property_delete",
    "seizure_time",
    "seizure_unit",
    "seizure_agency",
    "seizure_delete",
    "arrest_new",
    "person_change",
    "merge",
    "outcome",
    "correct",
    "arrest_move",
    "case_new",
    "refer",
    "case_stage",
    "defendant_outcome",
    "case_update",
    "campaign_new",
    "campaign_change",
    "audience",
    "campaign_delete",
    "operation_new",
    "operation_change",
    "operation_delete",
    "inspection_new",
    "inspection_delete",
    "venue_change",
)
step = st.tuples(
    st.sampled_from(ACTIONS), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)
)


@dataclass
class World:
    units: list[OrgUnit]
    user: Any
    seizures: list[int] = field(default_factory=list)
    persons: list[int] = field(default_factory=list)
    arrests: list[int] = field(default_factory=list)
    cases: list[int] = field(default_factory=list)
    campaigns: list[int] = field(default_factory=list)
    operations: list[int] = field(default_factory=list)
    inspections: list[int] = field(default_factory=list)
    venues: list[int] = field(default_factory=list)

    def copy(self) -> World:
        """The same records, in lists of its own (a step adds to them or takes out)."""
        lists = {
            name: list(getattr(self, name))
            for name in self.__dataclass_fields__
            if name not in ("units", "user")
        }
        return World(**{**lists, "units": self.units, "user": self.user})

    def unit(self, i: int) -> OrgUnit:
        return self.units[i % len(self.units)]


def pick(ids: list[int], i: int) -> int | None:
    return ids[i % len(ids)] if ids else None


def build_world() -> World:
    """A few records of every kind, made the way the app makes them."""
    pp, sr = f.unit(f.PHNOM_PENH), f.unit(f.SIEM_REAP)
    pp_district, sr_district = f.first_district(f.PHNOM_PENH), f.first_district(f.SIEM_REAP)
    pp_commune = OrgUnit.objects.filter(parent=pp_district).order_by("code").first()
    other_district = OrgUnit.objects.filter(parent=pp).order_by("-code").first()
    units = [u for u in (pp_commune, pp_district, other_district, pp, sr_district, sr) if u]
    user = get_user_model().objects.create_superuser("stats-prop", password=f.PASSWORD)
    world = World(units=units, user=user)
    for i in range(2):
        world.venues.append(f.make_venue(world.unit(i * 4), kind=VENUE_KINDS[i]).pk)
    for i in range(3):
        perform(world, ("operation_new", i, i * 3, i))
        perform(world, ("seizure_new", i * 2, i * 3 + 1, i))
        perform(world, ("property_add", i, i, 0))
        perform(world, ("arrest_new", i, i * 2, i * 3))
    perform(world, ("inspection_new", 0, 0, 1))
    perform(world, ("outcome", 0, 1, 0))
    perform(world, ("case_new", 1, 3, 0))
    perform(world, ("campaign_new", 1, 2, 1))
    return world


def seizure_rows(seizure: Seizure, related: str) -> list[dict[str, Any]]:
    if related == "items":
        return [
            {
                "id": item.pk,
                "substance": item.substance,
                "form": item.form,
                "unit": item.unit,
                "quantity": item.quantity,
            }
            for item in seizure.items.all()
        ]
    return [
        {"id": p.pk, "kind": p.kind, "count": p.count, "value": p.value, "currency": p.currency}
        for p in seizure.property.all()
    ]


def drug_row(i: int, q: int) -> dict[str, Any]:
    substance, form, unit = DRUGS[i % len(DRUGS)]
    return {
        "substance": Substance.objects.get(code=substance),
        "form": form,
        "unit": unit,
        "quantity": Decimal(QUANTITIES[q % len(QUANTITIES)]),
    }


def perform(world: World, action: tuple[str, int, int, int]) -> None:
    """Apply one step; a refusal by the app (as a user would get) changes nothing."""
    try:
        with transaction.atomic():
            _perform(world, *action)
    except (ValidationError, PermissionDenied, ProtectedError, SkipStep):
        pass


class SkipStep(Exception):
    """The step needs a record of a kind that has none left."""


def _get(model: Any, ids: list[int], i: int) -> Any:
    pk = pick(ids, i)
    if pk is None:
        raise SkipStep
    found = model._base_manager.filter(pk=pk).first()
    if found is None:
        raise SkipStep
    return found


def _perform(world: World, name: str, a: int, b: int, c: int) -> None:
    user = world.user
    if name == "seizure_new":
        seizure = f.make_seizure(
            world.unit(a),
            AGENCIES[c % len(AGENCIES)],
            seized_at=DAYS[b % len(DAYS)],
            venue_id=pick(world.venues, c) if c % 3 == 0 else None,
            operation_id=pick(world.operations, c) if c % 4 == 1 else None,
        )
        sync_parts(seizure, "items", [drug_row(b, c)], acting_user=user)
        world.seizures.append(seizure.pk)
    elif name in ("item_add", "item_change", "item_delete"):
        seizure = _get(Seizure, world.seizures, a)
        rows = seizure_rows(seizure, "items")
        if name == "item_add":
            rows.append(drug_row(b, c))
        elif not rows:
            raise SkipStep
        elif name == "item_change":
            row = rows[b % len(rows)]
            row.update(drug_row(c, b) if c % 2 else {"quantity": Decimal(QUANTITIES[c % 6])})
        else:
            del rows[b % len(rows)]
        sync_parts(seizure, "items", rows, acting_user=user)
    elif name in ("property_add", "property_delete"):
        seizure = _get(Seizure, world.seizures, a)
        rows = seizure_rows(seizure, "property")
        if name == "property_add":
            kind, value, currency = PROPERTY[b % len(PROPERTY)]
            rows.append(
                {
                    "kind": kind,
                    "count": 1 + c % 3,
                    "value": Decimal(value) if value else None,
                    "currency": currency,
                }
            )
        elif rows:
            del rows[b % len(rows)]
        sync_parts(seizure, "property", rows, acting_user=user)
    elif name in ("seizure_time", "seizure_unit", "seizure_agency"):
        seizure = _get(Seizure, world.seizures, a)
        if name == "seizure_time":
            seizure.seized_at = DAYS[b % len(DAYS)] + timedelta(minutes=c)
        elif name == "seizure_unit":
            seizure.org_unit = world.unit(b)
        else:
            seizure.seizing_agency = f.agency(AGENCIES[b % len(AGENCIES)])
        seizure.save()
    elif name == "seizure_delete":
        seizure = _get(Seizure, world.seizures, a)
        pk = seizure.pk
        seizure.delete()
        world.seizures.remove(pk)
    elif name == "arrest_new":
        _new_arrest(world, a, b, c)
    elif name == "person_change":
        person = _get(Person, world.persons, a)
        change = b % 4
        if change == 0:
            person.sex = "MFU"[c % 3]
        elif change == 1:
            person.date_of_birth, person.birth_year = BIRTHS[c % len(BIRTHS)]
        elif change == 2:
            person.nationality = NATIONALITIES[c % len(NATIONALITIES)]
        else:
            person.date_of_birth, person.birth_year = None, 1950 + c
        person.save()
    elif name == "merge":
        keep, remove = _get(Person, world.persons, a), _get(Person, world.persons, b)
        merge_persons(keep, remove, acting_user=user)
        world.persons.remove(remove.pk)
    elif name == "outcome":
        arrest = _get(Arrest, world.arrests, a)
        at = arrest.arrived_at + timedelta(hours=OUTCOME_HOURS[c % len(OUTCOME_HOURS)])
        kind = OUTCOME_KINDS[b % len(OUTCOME_KINDS)]
        arrests.record_outcome(arrest, kind, at, reason="Released on bail.", acting_user=user)
    elif name == "correct":
        arrest = _get(Arrest, world.arrests, a)
        at = DAYS[b % len(DAYS)] + timedelta(minutes=c)
        arrests.correct_custody_times(
            arrest,
            arrested_at=at,
            arrived_at=at + timedelta(minutes=30),
            reason="Time misread from the notebook.",
            acting_user=user,
        )
    elif name == "arrest_move":
        arrest = _get(Arrest, world.arrests, a)
        fields: dict[str, Any] = {"org_unit": world.unit(b)}
        if c % 2:
            fields = {"arresting_agency": f.agency(AGENCIES[c % len(AGENCIES)])}
        if c % 3 == 2:
            fields = {"suspect_role": ROLES[c % len(ROLES)]}
        arrests.update_arrest(arrest, acting_user=user, **fields)
    elif name == "case_new":
        arrest = _get(Arrest, world.arrests, a)
        with time_machine.travel(DAYS[b % len(DAYS)] + timedelta(hours=1), tick=False):
            case = cases.open_case(
                acting_user=user, title="Case", org_unit=world.unit(c), arrests=[arrest]
            )
        world.cases.append(case.pk)
    elif name == "refer":
        case = _get(CaseFile, world.cases, a)
        cases.refer_to_prosecutor(
            case,
            referred_on=DAYS[b % len(DAYS)].date() + timedelta(days=c % 3),
            office=f.agency(OFFICES[c % 2]),
            acting_user=user,
        )
    elif name == "case_stage":
        case = _get(CaseFile, world.cases, a)
        following = cases.next_stages(case)
        if not following:
            raise SkipStep
        cases.change_stage(case, following[b % len(following)], acting_user=user)
    elif name == "defendant_outcome":
        case = _get(CaseFile, world.cases, a)
        defendants = list(case.defendants.order_by("pk"))
        if not defendants:
            raise SkipStep
        outcome = DEFENDANT_OUTCOMES[c % len(DEFENDANT_OUTCOMES)]
        extra: dict[str, Any] = {"sentence_months": 12} if outcome == "convicted" else {}
        cases.record_defendant_outcome(
            defendants[b % len(defendants)],
            outcome=outcome,
            acting_user=user,
            outcome_on=NOW.date(),
            **extra,
        )
    elif name == "case_update":
        case = _get(CaseFile, world.cases, a)
        choice = b % 3
        if choice == 0:
            cases.update_case(case, acting_user=user, org_unit=world.unit(c))
        elif choice == 1:
            procedure = ("ordinary", "immediate")[c % 2]
            cases.update_case(case, acting_user=user, procedure=procedure)
        else:
            offence_class = ("felony", "misdemeanour")[c % 2]
            cases.update_case(case, acting_user=user, offence_class=offence_class)
    elif name == "campaign_new":
        starts = DAYS[b % len(DAYS)].date()
        campaign = Campaign.objects.create(
            title="Drug-free school talk",
            kind=CAMPAIGN_KINDS[c % len(CAMPAIGN_KINDS)],
            organiser=f.agency(("MOH", "NACD", "ADB-PP")[c % 3]),
            starts_on=starts,
            ends_on=starts + timedelta(days=1),
            org_unit=world.unit(a),
            materials_quantity=(None, 0, 250)[a % 3],
        )
        world.campaigns.append(campaign.pk)
        sync_audience(campaign, _audience(b, c), acting_user=user)
    elif name == "campaign_change":
        campaign = _get(Campaign, world.campaigns, a)
        change = b % 4
        if change == 0:
            campaign.starts_on = DAYS[c % len(DAYS)].date()
            campaign.ends_on = campaign.starts_on
        elif change == 1:
            campaign.org_unit = world.unit(c)
        elif change == 2:
            campaign.kind = CAMPAIGN_KINDS[c % len(CAMPAIGN_KINDS)]
        else:
            campaign.materials_quantity = c * 10
        campaign.save()
    elif name == "audience":
        campaign = _get(Campaign, world.campaigns, a)
        sync_audience(campaign, _audience(b, c), acting_user=user)
    elif name == "campaign_delete":
        campaign = _get(Campaign, world.campaigns, a)
        pk = campaign.pk
        campaign.delete()
        world.campaigns.remove(pk)
    elif name == "operation_new":
        status = ("planned", "active", "closed")[c % 3]
        operation = f.make_operation(
            world.unit(a),
            lead=AGENCIES[c % len(AGENCIES)],
            status=status,
            planned_start=DAYS[b % len(DAYS)],
        )
        world.operations.append(operation.pk)
    elif name == "operation_change":
        operation = _get(Operation, world.operations, a)
        change = b % 4
        if change == 0:
            operation.kind = ("raid", "checkpoint", "patrol")[c % 3]
        elif change == 1:
            operation.status, operation.actual_start = "active", DAYS[c % len(DAYS)]
        elif change == 2:
            operation.org_unit = world.unit(c)
        else:
            operation.lead_agency = f.agency(AGENCIES[c % len(AGENCIES)])
        operation.save()
    elif name == "operation_delete":
        operation = _get(Operation, world.operations, a)
        pk = operation.pk
        operation.delete()
        world.operations.remove(pk)
    elif name == "inspection_new":
        operation = _get(Operation, world.operations, a)
        venue = _get(Venue, world.venues, b)
        inspection = f.make_inspection(
            operation,
            venue,
            result=("nothing_found", "drugs_found", "venue_closed")[c % 3],
            persons_checked=(None, 0, 35)[c % 3],
            inspected_at=DAYS[c % len(DAYS)],
        )
        world.inspections.append(inspection.pk)
    elif name == "inspection_delete":
        inspection = _get(Inspection, world.inspections, a)
        pk = inspection.pk
        inspection.delete()
        world.inspections.remove(pk)
    elif name == "venue_change":
        venue = _get(Venue, world.venues, a)
        if b % 2:
            venue.kind = VENUE_KINDS[c % len(VENUE_KINDS)]
        else:
            venue.org_unit = world.unit(c)
        venue.save()
    else:  # pragma: no cover
        raise AssertionError(name)


def _new_arrest(world: World, a: int, b: int, c: int) -> None:
    if b % 2 and world.persons:
        person = _get(Person, world.persons, b)
        if person.merged_into_id is not None:
            raise SkipStep
    else:
        born, year = BIRTHS[b % len(BIRTHS)]
        person = Person(
            name_latin="Demo Person",
            sex="MF"[c % 2],
            date_of_birth=born,
            birth_year=year,
            nationality=NATIONALITIES[a % len(NATIONALITIES)],
        )
    at = DAYS[c % len(DAYS)] + timedelta(minutes=a)
    offence = ("DRUG_USE", "DRUG_TRAFFICKING")[a % 2]
    arrest = arrests.record_arrest(
        person=person,
        offences=[Offence.objects.get(code=offence)],
        acting_user=world.user,
        arrested_at=at,
        arrived_at=at + timedelta(minutes=30),
        org_unit=world.unit(a),
        place_description="Street 271",
        arresting_agency=f.agency(AGENCIES[b % len(AGENCIES)]),
        suspect_role=ROLES[c % len(ROLES)],
    )
    if person.pk not in world.persons:
        world.persons.append(person.pk)
    world.arrests.append(arrest.pk)


def _audience(b: int, c: int) -> list[dict[str, Any]]:
    groups = AUDIENCE[: 1 + b % len(AUDIENCE)]
    return [
        {"sex": sex, "age_group": age, "count": (c * 7 + i) % 60}
        for i, (sex, age) in enumerate(groups)
    ]


def assert_facts_match_records(after: str) -> None:
    assert not PendingSlice.objects.exists(), f"slices left pending after {after}"
    wrong = direct.mismatches()
    assert not wrong, f"after {after}: facts differ from the records: {wrong}"


class Rollback(Exception):
    pass


# Steps that once went wrong, or that a random draw may rarely reach: run every time.
EXAMPLES: list[list[tuple[str, int, int, int]]] = [
    [("seizure_time", 0, 2, 0), ("seizure_unit", 0, 5, 0), ("item_change", 0, 0, 1)],
    [("merge", 0, 1, 0), ("person_change", 0, 1, 0), ("outcome", 1, 1, 3)],
    [("refer", 0, 7, 0), ("case_stage", 0, 0, 0), ("defendant_outcome", 0, 0, 0)],
    [("correct", 0, 0, 0), ("arrest_move", 0, 3, 0), ("case_update", 0, 0, 4)],
    [("venue_change", 0, 0, 5), ("operation_change", 0, 1, 0), ("operation_delete", 2, 0, 0)],
    [("campaign_change", 0, 0, 0), ("audience", 0, 3, 2), ("campaign_delete", 0, 0, 0)],
    [("seizure_delete", 0, 0, 0), ("item_delete", 0, 0, 0), ("property_delete", 0, 0, 0)],
]


def with_examples(test: Any) -> Any:
    for steps in reversed(EXAMPLES):
        test = example(steps=steps)(test)
    return test


@pytest.fixture
def world() -> Iterator[World]:
    """The first records, made once; each example runs in a savepoint rolled back after it."""
    with time_machine.travel(NOW, tick=False):
        made = build_world()
        refresh_pending()
        yield made


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=4, max_size=12))
@with_examples
def test_it_keeps_every_fact_equal_to_the_records(
    world: World, steps: list[tuple[str, int, int, int]]
) -> None:
    with time_machine.travel(NOW, tick=False):
        try:
            with transaction.atomic():
                assert_facts_match_records("the first records")
                here = world.copy()
                for number, action in enumerate(steps, start=1):
                    perform(here, action)
                    refresh_pending()
                    assert_facts_match_records(f"step {number} {action}")
                incremental = direct.stored()
                rebuild()
                assert direct.stored() == incremental, "a rebuild changed the facts"
                raise Rollback
        except Rollback:
            pass


def test_it_computes_every_family_directly() -> None:
    """A family added without its direct computation would go unchecked."""
    assert set(direct.DIRECT) == set(FAMILIES)
