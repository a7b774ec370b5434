"""Generate the demo data: venues once, then operations, seizures and persons year by year.

Records are built in memory (builders.py) and bulk-inserted, one year at a time, inside one
transaction: a failed or interrupted run leaves nothing behind. Bulk inserts skip save(), so
this module does what save() would: it sets created_by/updated_by (the demo author account),
draws reference numbers (in blocks, references.py), derives kg equivalents (from the
conversion factors, read once) and persons' duplicate-finding keys. The per-record change
history in the audit trail is not written for demo records: it would double the rows written
and say only "created by the demo"; the command records the load as one audit entry.
"""

from __future__ import annotations

import random
import time
from bisect import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from itertools import accumulate
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.utils import timezone

from sahakar.arrests.choices import CustodyOutcomeKind
from sahakar.arrests.models import Arrest, CustodyCorrection, CustodyExtension, CustodyOutcome
from sahakar.cases.models import CaseFile, Defendant, Hearing, Referral, StageChange
from sahakar.cases.services import refresh_open_cases
from sahakar.demo import references
from sahakar.demo.arrests import ArrestDraft, ArrestMaker, clear_rules
from sahakar.demo.builders import SEIZURE_WEIGHT, Builder, Plan, SeizureDraft, VenueIndex
from sahakar.demo.campaigns import CampaignMaker
from sahakar.demo.cases import CaseMaker
from sahakar.demo.evidence import DemoEvidence
from sahakar.demo.gazetteer import Gazetteer, ProvincePicker, province_code
from sahakar.demo.places import PROVINCE_WEIGHT
from sahakar.demo.seasons import Calendar
from sahakar.demo.sizes import Size
from sahakar.demo.users import ensure_users
from sahakar.operations.choices import InspectionResult, OperationStatus
from sahakar.operations.models import Inspection, Operation
from sahakar.persons.models import Person
from sahakar.prevention.models import AudienceCount, Campaign
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.substances.choices import Unit
from sahakar.substances.models import ConversionFactor, Substance
from sahakar.venues.models import Venue

M = TypeVar("M", bound=models.Model)
BATCH = 2000
LINKED_SHARE = 0.87  # of seizures, where the province had an operation under way or done


def conversion_factors() -> dict[tuple[str, str], Decimal]:
    """kg per unit for every (substance code, unit) that has one, as Substance.kg_per_unit()
    decides it: the substance's own factor first, else the generic one for the unit."""
    generic = {f.unit: f.kg_per_unit for f in ConversionFactor.objects.filter(substance=None)}
    own = {
        (code, unit): factor
        for code, unit, factor in ConversionFactor.objects.exclude(substance=None).values_list(
            "substance__code", "unit", "kg_per_unit"
        )
    }
    factors = {}
    for code in Substance.objects.values_list("code", flat=True):
        for unit in Unit.values:
            factor = own.get((code, unit), generic.get(unit))
            if factor is not None:
                factors[(code, unit)] = factor
    return factors


class DemoGenerator:
    """Builds and inserts one size of demo data; `run()` returns the counts per record type."""

    def __init__(
        self,
        size: Size,
        seed: int,
        author: Any,
        write: Callable[[str], None] = print,
        now: datetime | None = None,
    ) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.write = write
        self.now = now or timezone.now()
        self.geo = Gazetteer.load()
        self.builder = Builder(
            self.rng,
            self.geo,
            author,
            self.now,
            substances=dict(Substance.objects.values_list("code", "pk")),
            factors=conversion_factors(),
        )
        today = timezone.localdate(self.now)
        self.calendar = Calendar(_years_before(today, size.years), today)
        weights = {code: PROVINCE_WEIGHT.get(code, 1.0) for code in self.geo.provinces}
        self.pick_operation = ProvincePicker(self.rng, weights).pick
        self.pick_seizure = ProvincePicker(self.rng, weights).pick
        self.persons_in: set[str] = set()  # provinces that have persons so far
        self.counts: dict[str, int] = defaultdict(int)
        clear_rules()
        self.arrests = ArrestMaker(self.rng, self.geo, author, self.now)
        self.author = author

    def run(self) -> dict[str, int]:
        started = time.monotonic()
        with transaction.atomic(), _large_sqlite_cache():
            venues = self._insert(Venue, self.builder.venues(self.size.venues))
            self.write(f"venues: {len(venues):,} [{time.monotonic() - started:.1f} s]")
            index = VenueIndex(venues)
            days = self._operation_days()
            seizures = self.calendar.split(self.size.seizures)
            persons = self.calendar.split(self.size.persons)
            last = max((y for y in days if persons.get(y, 0)), default=None)
            for year in sorted(days):
                done = self._year(
                    year,
                    days[year],
                    seizures.get(year, 0),
                    persons.get(year, 0),
                    index,
                    year == last,
                )
                self.write(f"{year}: {done} [{time.monotonic() - started:.1f} s]")
            self.write(f"{self._cases()} [{time.monotonic() - started:.1f} s]")
            self.write(f"{self._campaigns()} [{time.monotonic() - started:.1f} s]")
            self.write(f"{self._evidence()} [{time.monotonic() - started:.1f} s]")
        return dict(self.counts)

    def _evidence(self) -> str:
        """Chains of custody recorded through the custody service by the demo custodians."""
        ensure_users()
        evidence = DemoEvidence(self.rng, self.author, self.now, self.size.name)
        made = evidence.run()
        for name, count in made.items():
            self.counts[name] += count
        return (
            f"exhibits: {made['exhibits']:,}, custody events: {made['custody events']:,}, "
            f"in transit: {evidence.in_transit}, destructions: {evidence.batches}"
        )

    def _operation_days(self) -> dict[int, list[tuple[date, str | None]]]:
        """Days of operations by year; those to come or under way carry that status."""
        rng, today = self.rng, self.calendar.end
        wanted: list[tuple[date, str | None]] = [
            (day, None) for day in self.calendar.draw(rng, self.size.operations)
        ]
        wanted += [
            (today + timedelta(days=rng.randint(1, 21)), OperationStatus.PLANNED)
            for _ in range(self.size.planned)
        ]
        wanted += [(today, OperationStatus.ACTIVE) for _ in range(self.size.active)]
        by_year: dict[int, list[tuple[date, str | None]]] = defaultdict(list)
        for day, status in sorted(wanted, key=lambda pair: pair[0]):
            by_year[day.year].append((day, status))
        return by_year

    def _year(
        self,
        year: int,
        days: list[tuple[date, str | None]],
        seizures: int,
        persons: int,
        index: VenueIndex,
        last: bool = False,
    ) -> str:
        builder = self.builder
        plans = [builder.operation(self.pick_operation(), day, index, s) for day, s in days]
        for plan in plans:
            builder.inspections(plan, index)
        drafts = self._seizures(year, seizures, plans, index)
        short = self.geo.short_codes
        references.assign(
            [p.operation for p in plans],
            "OP",
            lambda op: short[province_code(op.org_unit)],
            lambda op: op.planned_start,
        )
        references.assign(
            [d.seizure for d in drafts],
            "SZ",
            lambda seizure: short[province_code(seizure.org_unit)],
            lambda seizure: seizure.seized_at,
        )
        for plan in plans:
            plan.operation.summary = _summary(plan)
        people = self._persons(persons, drafts)
        return self._save_year(plans, drafts, people, last)

    def _seizures(
        self, year: int, count: int, plans: list[Plan], index: VenueIndex
    ) -> list[SeizureDraft]:
        rng = self.rng
        under_way: dict[str, list[Plan]] = defaultdict(list)
        for plan in plans:
            if plan.operation.status != OperationStatus.PLANNED:
                under_way[plan.province].append(plan)
        cum_weights = {
            province: list(accumulate(SEIZURE_WEIGHT[p.operation.kind] for p in group))
            for province, group in under_way.items()
        }
        drafts = []
        for _ in range(count):
            province = self.pick_seizure()
            group = under_way.get(province)
            if group and rng.random() < LINKED_SHARE:
                cum = cum_weights[province]
                plan = group[bisect(cum, rng.random() * cum[-1])]
                drafts.append(self.builder.seizure_in_operation(plan))
            else:
                day = self.calendar.draw_in_year(rng, year, 1)[0]
                drafts.append(self.builder.standalone_seizure(province, day, index))
        return drafts

    def _persons(self, count: int, drafts: list[SeizureDraft]) -> list[tuple[Person, SeizureDraft]]:
        """Persons arrested with the seizures: first one in each province that has none yet."""
        if not drafts:
            return []
        by_province: dict[str, list[SeizureDraft]] = defaultdict(list)
        for draft in drafts:
            by_province[draft.province].append(draft)
        chosen = [
            self.rng.choice(group)
            for province, group in sorted(by_province.items())
            if province not in self.persons_in
        ][:count]
        chosen += self.rng.choices(drafts, k=count - len(chosen))
        self.persons_in.update(d.province for d in chosen)
        return [(self.builder.person(draft), draft) for draft in chosen]

    def _save_year(
        self,
        plans: list[Plan],
        drafts: list[SeizureDraft],
        people: list[tuple[Person, SeizureDraft]],
        last: bool = False,
    ) -> str:
        """Insert one year's records, parents first; returns what was inserted, for progress."""
        operations = self._insert(Operation, (p.operation for p in plans))
        joined = Operation.participating_agencies.through
        self._insert(
            joined,
            (
                joined(operation_id=p.operation.pk, agency_id=a.pk)
                for p in plans
                for a in p.participants
            ),
            counted=False,
        )
        targeted = Operation.target_venues.through
        self._insert(
            targeted,
            (
                targeted(operation_id=p.operation.pk, venue_id=v.pk)
                for p in plans
                for v in p.targets
            ),
            counted=False,
        )
        inspections = self._insert(Inspection, (i for p in plans for i in p.inspections))
        seizures = self._insert(Seizure, (d.seizure for d in drafts))
        items = self._insert(SeizureItem, (i for d in drafts for i in d.items))
        owned = self._insert(SeizedProperty, (p for d in drafts for p in d.property))
        persons = self._insert(Person, (person for person, _ in people))
        arrests = self._save_arrests(self.arrests.year(people, last))
        return (
            f"{len(operations):,} operations, {len(inspections):,} inspections, "
            f"{len(seizures):,} seizures ({len(items):,} items, {len(owned):,} property), "
            f"{len(persons):,} persons, {arrests:,} arrests"
        )

    def _save_arrests(self, drafts: list[ArrestDraft]) -> int:
        short = self.geo.short_codes
        references.assign(
            [d.arrest for d in drafts],
            "AR",
            lambda arrest: short[province_code(arrest.org_unit)],
            lambda arrest: arrest.arrested_at,
        )
        arrests = self._insert(Arrest, (d.arrest for d in drafts))
        charged = Arrest.offences.through
        self._insert(
            charged,
            (charged(arrest_id=d.arrest.pk, offence_id=o.pk) for d in drafts for o in d.offences),
            counted=False,
        )
        linked = Arrest.seizures.through
        self._insert(
            linked,
            (
                linked(arrest_id=d.arrest.pk, seizure_id=d.seizure_id)
                for d in drafts
                if d.seizure_id is not None
            ),
            counted=False,
        )
        self._insert(CustodyExtension, (d.extension for d in drafts if d.extension))
        self._insert(CustodyOutcome, (d.outcome for d in drafts if d.outcome))
        made = self.arrests.corrections(drafts)
        self._insert(CustodyCorrection, (correction for correction, _ in made))
        # bulk_create stamps created and updated with the present: then when each was made.
        for correction, when in made:
            correction.created = correction.updated = when
        CustodyCorrection.objects.bulk_update(
            [correction for correction, _ in made], ["created", "updated"], batch_size=BATCH
        )
        self.arrests.saved(drafts)
        return len(arrests)

    def _cases(self) -> str:
        """Case files in batches (CaseMaker.batches), each inserted before the next is built."""
        maker = CaseMaker(self.rng, self.geo, self.author, self.now)
        short = self.geo.short_codes
        made = 0
        for drafts in maker.batches(self.arrests.referred):
            # A case file is opened at its first arrest, and numbered by the year it was opened.
            opened = {id(d.case): d.opened for d in drafts}
            references.assign(
                [d.case for d in drafts],
                "CF",
                lambda case: short[province_code(case.org_unit)],
                partial(_opened_at, opened),
            )
            cases = self._insert(CaseFile, (d.case for d in drafts))
            made += len(cases)
            # bulk_create stamps created with the present: then when each was opened.
            for draft in drafts:
                draft.case.created = draft.opened
            CaseFile.objects.bulk_update([d.case for d in drafts], ["created"], batch_size=BATCH)
            linked = CaseFile.seizures.through
            self._insert(
                linked,
                (
                    linked(casefile_id=d.case.pk, seizure_id=s)
                    for d in drafts
                    for s in d.seizure_ids
                ),
                counted=False,
            )
            self._insert(Defendant, (x for d in drafts for x in d.defendants))
            self._insert(StageChange, (x for d in drafts for x in d.changes))
            self._insert(Referral, (d.referral for d in drafts if d.referral))
            self._insert(Hearing, (x for d in drafts for x in d.hearings))
        self._link_referred_custodies()
        refresh_open_cases()
        return f"{made:,} case files"

    def _link_referred_custodies(self) -> None:
        """Each custody that ended by referral points to its case's referral, as
        cases.services.refer_to_prosecutor records the two together.

        One read of the referrals' defendants and batched updates: an UPDATE with a subquery
        per custody is planned as a scan per row on freshly loaded, unanalysed tables."""
        first: dict[int, int] = {}  # arrest -> its case's referral (the first, if several)
        pairs = (
            Referral.objects.filter(case__created_by=self.author)
            .order_by("-pk")
            .values_list("case__defendants__arrest_id", "pk")
        )
        for arrest_id, referral_id in pairs.iterator(chunk_size=BATCH):
            if arrest_id is not None:
                first[arrest_id] = referral_id
        outcomes = list(
            CustodyOutcome.objects.filter(
                created_by=self.author, kind=CustodyOutcomeKind.REFERRED, referral=None
            ).only("pk", "arrest_id")
        )
        linked = []
        for outcome in outcomes:
            if outcome.arrest_id in first:
                outcome.referral_id = first[outcome.arrest_id]
                linked.append(outcome)
        CustodyOutcome.objects.bulk_update(linked, ["referral"], batch_size=BATCH)

    def _campaigns(self) -> str:
        rng = self.rng
        maker = CampaignMaker(
            rng,
            self.geo,
            self.author,
            lambda: self.calendar.draw(rng, 1)[0],
            self.calendar.end,
        )
        weights = {code: PROVINCE_WEIGHT.get(code, 1.0) for code in self.geo.provinces}
        drafts = maker.campaigns(self.size.campaigns, ProvincePicker(rng, weights).pick)
        short = self.geo.short_codes
        references.assign(
            [d.campaign for d in drafts],
            "PC",
            lambda campaign: short[province_code(campaign.org_unit)],
            lambda campaign: campaign.reference_time(),
        )
        campaigns = self._insert(Campaign, (d.campaign for d in drafts))
        partnered = Campaign.partners.through
        self._insert(
            partnered,
            (
                partnered(campaign_id=d.campaign.pk, agency_id=a.pk)
                for d in drafts
                for a in d.partners
            ),
            counted=False,
        )
        self._insert(AudienceCount, (x for d in drafts for x in d.audience))
        return f"{len(campaigns):,} campaigns"

    def _insert(self, model: type[M], records: Iterable[M], counted: bool = True) -> list[M]:
        saved = model._default_manager.bulk_create(list(records), batch_size=BATCH)
        if counted:
            self.counts[str(model._meta.verbose_name_plural)] += len(saved)
        return saved


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _opened_at(opened: dict[int, datetime], case: CaseFile) -> datetime:
    """When a case file drafted in this batch was opened (its first arrest)."""
    return opened[id(case)]


def analyze_tables() -> None:
    """Tell PostgreSQL's planner about the rows just loaded.

    Until autovacuum gets round to it, freshly bulk-loaded tables look empty to the planner,
    and the plans it makes then (nested loops over "1 row") are many times slower. The whole
    database, so that the reference tables the record queries join are counted too. Run after
    the load has committed.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@contextmanager
def _large_sqlite_cache() -> Iterator[None]:
    """SQLite's default 2 MB page cache makes index inserts re-read pages; 256 MB saves a third
    of a national run. Other databases size their caches themselves."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _summary(plan: Plan) -> str:
    op = plan.operation
    if op.status == OperationStatus.PLANNED:
        return ""
    if op.status == OperationStatus.ACTIVE:
        return "Under way."
    found = sum(
        1
        for i in plan.inspections
        if i.result in (InspectionResult.DRUGS_FOUND, InspectionResult.PERSONS_ARRESTED)
    )
    parts = [f"{len(plan.inspections)} venue(s) inspected"]
    if plan.inspections:
        parts.append(f"drugs found at {found}")
    parts.append(f"{plan.seizures} seizure(s) recorded")
    return "; ".join(parts) + "."
