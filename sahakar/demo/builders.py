"""Unsaved demo records, built in memory so they can be bulk-inserted.

Every record satisfies its model's clean(): venues lie in a commune, an operation's targets
and inspections lie inside its org unit and its time window, a seizure lies inside (or
contains) its operation's org unit, and nothing is dated in the future.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sahakar.agencies.choices import AgencyKind
from sahakar.agencies.models import Agency
from sahakar.demo import drugs, people, places
from sahakar.demo.gazetteer import Gazetteer, province_code
from sahakar.demo.seasons import at, festival
from sahakar.geo.models import OrgUnit
from sahakar.operations.choices import InspectionResult, OperationKind, OperationStatus
from sahakar.operations.models import Inspection, Operation
from sahakar.persons.models import Person
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem, kg_of
from sahakar.venues.choices import ENTERTAINMENT, VenueKind
from sahakar.venues.models import Venue

K = VenueKind
NIGHTLIFE = frozenset(ENTERTAINMENT | {K.GUESTHOUSE})
# Which venues each kind of operation goes to.
TARGETS: dict[str, frozenset[str]] = {
    OperationKind.INSPECTION_SWEEP: NIGHTLIFE,
    OperationKind.RAID: frozenset({K.RESIDENCE, K.GUESTHOUSE, K.WAREHOUSE, K.KARAOKE, K.NIGHTCLUB}),
    OperationKind.CHECKPOINT: frozenset({K.CHECKPOINT, K.BORDER_CROSSING, K.PORT, K.OTHER}),
    OperationKind.CONTROLLED_DELIVERY: frozenset({K.WAREHOUSE, K.RESIDENCE, K.PORT, K.GUESTHOUSE}),
    OperationKind.PATROL: frozenset(K.values),
}
CROSSINGS = frozenset({K.BORDER_CROSSING, K.PORT})
KIND_WEIGHT: dict[str, float] = {
    OperationKind.INSPECTION_SWEEP: 33,
    OperationKind.RAID: 35,
    OperationKind.CHECKPOINT: 20,
    OperationKind.PATROL: 8,
    OperationKind.CONTROLLED_DELIVERY: 4,
}
# (earliest, latest) start hour and (shortest, longest) duration in hours.
START_HOURS: dict[str, tuple[float, float]] = {
    OperationKind.INSPECTION_SWEEP: (19.5, 23.5),
    OperationKind.RAID: (3.0, 18.0),
    OperationKind.CHECKPOINT: (5.0, 20.0),
    OperationKind.PATROL: (0.0, 23.5),
    OperationKind.CONTROLLED_DELIVERY: (6.0, 20.0),
}
DURATION_HOURS: dict[str, tuple[float, float]] = {
    OperationKind.INSPECTION_SWEEP: (3.0, 7.0),
    OperationKind.RAID: (1.0, 5.0),
    OperationKind.CHECKPOINT: (6.0, 72.0),
    OperationKind.PATROL: (3.0, 10.0),
    OperationKind.CONTROLLED_DELIVERY: (12.0, 72.0),
}
# How likely a seizure is to come from an operation of each kind.
SEIZURE_WEIGHT: dict[str, float] = {
    OperationKind.INSPECTION_SWEEP: 2.0,
    OperationKind.RAID: 3.0,
    OperationKind.CHECKPOINT: 2.0,
    OperationKind.PATROL: 1.0,
    OperationKind.CONTROLLED_DELIVERY: 3.0,
}
SETTING_OF_VENUE: dict[str, str] = {
    K.BORDER_CROSSING: drugs.BORDER,
    K.PORT: drugs.PORT,
    K.CHECKPOINT: drugs.CHECKPOINT,
    K.WAREHOUSE: drugs.STORE,
}


def setting_of(venue: Venue | None) -> str:
    """Which mix of drugs and quantities a seizure at this venue draws from."""
    if venue is None:
        return drugs.STREET
    if venue.kind == K.OTHER and "Airport" in venue.name:
        return drugs.AIRPORT
    return SETTING_OF_VENUE.get(venue.kind, drugs.STREET)


ROLES = (("user", 55), ("dealer", 30), ("trafficker", 12), ("producer", 3))


@dataclass
class Plan:
    """An operation with what belongs to it until everything has a primary key."""

    operation: Operation
    province: str
    setting: str
    targets: list[Venue]
    participants: list[Agency]
    inspections: list[Inspection] = field(default_factory=list)
    seizures: int = 0

    def window(self, now: datetime) -> tuple[datetime, datetime]:
        op = self.operation
        assert op.actual_start is not None
        return op.actual_start, op.actual_end or now


@dataclass
class SeizureDraft:
    seizure: Seizure
    province: str
    setting: str
    items: list[SeizureItem]
    property: list[SeizedProperty]


class VenueIndex:
    """Venues by every org unit above them and by kind, for picking targets inside a unit."""

    def __init__(self, venues: list[Venue]) -> None:
        self.by_unit: dict[str, dict[str, list[Venue]]] = defaultdict(lambda: defaultdict(list))
        for venue in venues:
            for code in venue.org_unit.path.strip("/").split("/")[1:]:
                self.by_unit[code][venue.kind].append(venue)
                self.by_unit[code]["*"].append(venue)
        self._within: dict[tuple[str, frozenset[str]], list[Venue]] = {}

    def within(self, unit: OrgUnit, kinds: frozenset[str]) -> list[Venue]:
        key = (unit.code, kinds)
        if key not in self._within:
            found = self.by_unit.get(unit.code, {})
            self._within[key] = [v for kind in sorted(kinds) for v in found.get(kind, ())]
        return self._within[key]

    def any_within(self, unit: OrgUnit) -> list[Venue]:
        return self.by_unit.get(unit.code, {}).get("*", [])


class Builder:
    """Makes the unsaved records of one demo run; it remembers each agency's commanders and
    earlier suspects, so names recur as they would in real records."""

    def __init__(
        self,
        rng: random.Random,
        geo: Gazetteer,
        author: Any,
        now: datetime,
        substances: dict[str, int],
        factors: dict[tuple[str, str], Decimal],
    ) -> None:
        self.rng = rng
        self.geo = geo
        self.author = author
        self.now = now
        self.substances = substances  # code -> pk
        self.factors = factors  # (substance code, unit) -> kg per unit
        self.commanders: dict[str, list[str]] = {}
        self.seen: list[people.Identity] = []  # for re-arrests of the same person

    def _stamp(self, record: Any) -> Any:
        record.created_by = record.updated_by = self.author
        return record

    # Venues -------------------------------------------------------------------------------

    def venues(self, total: int) -> list[Venue]:
        rng, geo = self.rng, self.geo
        result = [self._known_venue(place) for place in places.KNOWN_PLACES]
        weights = places.PROVINCE_WEIGHT
        scale = max(total - len(result), 0) / sum(weights.values())
        for code in sorted(geo.provinces):
            count = max(3, round(weights.get(code, 1) * scale))
            kinds: list[str] = [K.CHECKPOINT, K.KARAOKE, K.RESIDENCE]  # every province has these
            kinds += rng.choices(
                list(places.KIND_WEIGHT), weights=list(places.KIND_WEIGHT.values()), k=count
            )
            for kind in kinds[:count]:
                if kind == K.CASINO and code not in places.CASINO_PROVINCES:
                    kind = K.KARAOKE
                result.append(self._venue(code, kind))
        return result

    def _known_venue(self, place: places.KnownPlace) -> Venue:
        district = self.geo.district_named(place.province, place.district)
        district = district or self.rng.choice(self.geo.districts[place.province])
        return self._venue(place.province, place.kind, place.name, district)

    def _venue(
        self, province: str, kind: str, name: str = "", district: OrgUnit | None = None
    ) -> Venue:
        rng, geo = self.rng, self.geo
        if district is None:
            named = (geo.district_named(province, n) for n in places.MAIN_TOWNS.get(province, ()))
            towns = [town for town in named if town is not None]
            if kind in NIGHTLIFE and towns and rng.random() < 0.6:
                district = rng.choice(towns)
            else:
                district = rng.choice(geo.districts[province])
        commune = geo.random_commune(rng, district)
        name = name or places.venue_name(rng, kind, commune.name_en, district.name_en, province)
        lat, lon = places.coordinates(rng, province) if rng.random() < 0.6 else (None, None)
        licensed = kind in NIGHTLIFE and rng.random() < 0.7
        short = geo.short_codes[province]
        return self._stamp(
            Venue(
                name=name[:200],
                kind=kind,
                org_unit=commune,
                address=places.address(rng, province == "12", commune.name_en, district.name_en),
                latitude=lat,
                longitude=lon,
                licence_number=(
                    f"LIC-{short}-{rng.randint(2008, self.now.year)}-{rng.randint(1, 9999):04d}"
                    if licensed
                    else ""
                ),
            )
        )

    # Operations ---------------------------------------------------------------------------

    def operation(
        self, province: str, day: date, index: VenueIndex, status: str | None = None
    ) -> Plan:
        """An operation in `province` planned for `day`; its status follows from the times,
        unless `status` asks for one still to come (planned) or under way (active)."""
        rng, geo = self.rng, self.geo
        kind = rng.choices(list(KIND_WEIGHT), weights=list(KIND_WEIGHT.values()))[0]
        province_unit = geo.provinces[province]
        candidates = index.within(province_unit, TARGETS[kind]) or index.any_within(province_unit)
        anchor = rng.choice(candidates)
        unit = self._operation_unit(kind, anchor)
        targets = self._targets(kind, unit, anchor, index)
        setting = setting_of(anchor)
        if kind == OperationKind.PATROL:
            setting = drugs.STREET
        lead, participants = self._agencies(province, kind, setting)
        start, end = self._planned_times(kind, day, status)
        op = self._stamp(
            Operation(
                title=self._title(kind, unit, anchor, day)[:200],
                kind=kind,
                lead_agency=lead,
                commander=self._commander(lead),
                legal_authority=self._authority(kind, province, day),
                org_unit=unit,
                planned_start=start,
                planned_end=end,
            )
        )
        self._set_status(op, status)
        return Plan(op, province, setting, targets, participants)

    def _operation_unit(self, kind: str, anchor: Venue) -> OrgUnit:
        rng, geo = self.rng, self.geo
        commune = anchor.org_unit
        district = geo.district_of(commune)
        province = geo.provinces[province_code(commune)]
        levels: dict[str, tuple[OrgUnit, ...]] = {
            OperationKind.INSPECTION_SWEEP: (province, district, district),
            OperationKind.RAID: (district, district, commune),
            OperationKind.CHECKPOINT: (district, district, commune),
            OperationKind.PATROL: (district, district, province),
            OperationKind.CONTROLLED_DELIVERY: (province, district, district),
        }
        return rng.choice(levels[kind])

    def _targets(self, kind: str, unit: OrgUnit, anchor: Venue, index: VenueIndex) -> list[Venue]:
        rng = self.rng
        if kind == OperationKind.PATROL:
            return []
        if kind != OperationKind.INSPECTION_SWEEP:
            return [anchor]
        nearby = index.within(unit, NIGHTLIFE)
        extra = rng.sample(nearby, k=min(len(nearby), rng.randint(1, 5)))
        return [anchor, *(v for v in extra if v is not anchor)]

    def _agencies(self, province: str, kind: str, setting: str) -> tuple[Agency, list[Agency]]:
        rng, agencies = self.rng, self.geo.agencies
        adb = self.geo.provincial_agency("ADB", province)
        add, grk, gdce, moh = agencies["ADD"], agencies["GRK"], agencies["GDCE"], agencies["MOH"]
        crossing = setting in (drugs.BORDER, drugs.PORT, drugs.AIRPORT)
        if crossing and kind == OperationKind.CHECKPOINT:
            lead = rng.choices((gdce, adb, grk, add), weights=(45, 30, 15, 10))[0]
        else:
            lead = rng.choices((adb, add, grk), weights=(64, 16, 20))[0]
        joined: list[Agency] = []
        if lead is add:
            joined = [adb]
            joined += [grk] if rng.random() < 0.4 else []
            joined += [gdce] if crossing and rng.random() < 0.5 else []
        elif lead is adb:
            joined += [grk] if rng.random() < 0.25 else []
            joined += [add] if rng.random() < 0.12 else []
            joined += [gdce] if crossing and rng.random() < 0.3 else []
            if kind == OperationKind.INSPECTION_SWEEP and rng.random() < 0.08:
                joined.append(moh)  # drug testing of customers by health staff
        elif lead is grk:
            joined += [adb] if rng.random() < 0.6 else []
        else:
            joined += [adb] if rng.random() < 0.6 else []
            joined += [grk] if rng.random() < 0.3 else []
        if kind == OperationKind.CONTROLLED_DELIVERY:  # the bureau where the shipment set out
            origin = rng.choice([code for code in places.BORDER_TOWNS if code != province])
            joined.append(self.geo.provincial_agency("ADB", origin))
        return lead, joined

    def _planned_times(self, kind: str, day: date, status: str | None) -> tuple[datetime, datetime]:
        rng = self.rng
        shortest, longest = DURATION_HOURS[kind]
        duration = timedelta(hours=rng.uniform(shortest, longest))
        if status == OperationStatus.ACTIVE:  # started within the last day, ends later
            start = self.now - timedelta(hours=rng.uniform(1, 20))
            return start, max(start + duration, self.now + timedelta(hours=rng.uniform(2, 30)))
        earliest, latest = START_HOURS[kind]
        start = at(day, rng.uniform(earliest, latest))
        return start, start + duration

    def _set_status(self, op: Operation, wanted: str | None) -> None:
        rng, now = self.rng, self.now
        if wanted == OperationStatus.PLANNED or op.planned_start > now:
            op.status = OperationStatus.PLANNED
            return
        op.actual_start = min(op.planned_start + timedelta(minutes=rng.uniform(-30, 90)), now)
        if wanted != OperationStatus.ACTIVE:
            length = (op.planned_end - op.planned_start) * rng.uniform(0.7, 1.3)
            end = op.actual_start + length
            if end <= now:
                op.actual_end = end
                op.status = OperationStatus.CLOSED
                return
        op.status = OperationStatus.ACTIVE

    def _title(self, kind: str, unit: OrgUnit, anchor: Venue, day: date) -> str:
        rng, where = self.rng, unit.name_en
        if kind == OperationKind.INSPECTION_SWEEP:
            season = festival(day)
            if season and rng.random() < 0.6:
                return f"{season} inspection of entertainment venues, {where}"
            return rng.choice(
                (
                    f"Night inspection of entertainment venues, {where}",
                    f"Inspection of karaoke and KTV venues, {where}",
                    f"Drug testing at entertainment venues, {where}",
                )
            )
        if kind == OperationKind.RAID:
            return rng.choice((f"Raid on {anchor.name}", f"Raid on a drug selling point, {where}"))
        if kind == OperationKind.CHECKPOINT:
            return f"Checkpoint at {anchor.name}"
        if kind == OperationKind.PATROL:
            return rng.choice(
                (f"Patrol, {where}", f"Night patrol, {where}", f"River patrol, {where}")
            )
        return f"Controlled delivery to {where}"

    def _commander(self, agency: Agency) -> str:
        pool = self.commanders.get(agency.code)
        if pool is None:
            pool = [people.commander(self.rng, agency.kind) for _ in range(self.rng.randint(2, 6))]
            self.commanders[agency.code] = pool
        return self.rng.choice(pool)

    def _authority(self, kind: str, province: str, day: date) -> str:
        rng, year = self.rng, day.year % 100
        if kind in (OperationKind.RAID, OperationKind.CONTROLLED_DELIVERY):
            office = self.geo.provincial_agency("PPO", province).abbreviation
            return f"Prosecutor's order No. {rng.randint(1, 999):03d}/{year:02d} {office}"
        if kind == OperationKind.INSPECTION_SWEEP and rng.random() < 0.5:
            return f"Provincial drug committee instruction No. {rng.randint(1, 40):02d}/{year:02d}"
        if kind == OperationKind.CHECKPOINT and rng.random() < 0.4:
            return f"Joint checkpoint plan No. {rng.randint(1, 12)}/{year:02d}"
        return ""

    # Inspections --------------------------------------------------------------------------

    def inspections(self, plan: Plan, index: VenueIndex) -> None:
        """Visits to the targets (a patrol stops where it likes) inside the operation's time."""
        rng, op = self.rng, plan.operation
        if op.status == OperationStatus.PLANNED:
            return
        venues = plan.targets
        if op.kind == OperationKind.PATROL:
            nearby = index.any_within(op.org_unit)
            venues = rng.sample(nearby, k=min(len(nearby), rng.choice((0, 0, 1, 2))))
        start, end = plan.window(self.now)
        step = (end - start) / (len(venues) + 1)
        for n, venue in enumerate(venues, start=1):
            if op.kind != OperationKind.INSPECTION_SWEEP and rng.random() < 0.1:
                continue
            when = start + step * n + timedelta(minutes=rng.uniform(-5, 5))
            when = min(max(when, start), end)
            result = rng.choices(list(InspectionResult), weights=(62, 18, 15, 5))[0]
            plan.inspections.append(
                self._stamp(
                    Inspection(
                        operation=op,
                        venue=venue,
                        inspected_at=when,
                        result=result,
                        persons_checked=self._checked(venue),
                    )
                )
            )

    def _checked(self, venue: Venue) -> int | None:
        if venue.kind in NIGHTLIFE:
            return self.rng.randint(3, 160)
        if venue.kind in (K.CHECKPOINT, K.BORDER_CROSSING, K.PORT, K.OTHER):
            return self.rng.randint(20, 600)
        return self.rng.choice((None, 1, 2, 3, 4, 6))

    # Seizures -----------------------------------------------------------------------------

    def seizure_in_operation(self, plan: Plan) -> SeizureDraft:
        rng, op = self.rng, plan.operation
        start, end = plan.window(self.now)
        agency = op.lead_agency
        enforcers = [a for a in plan.participants if a.kind != AgencyKind.MINISTRY]
        if enforcers and rng.random() < 0.25:
            agency = rng.choice(enforcers)
        venue: Venue | None = None
        if plan.inspections and rng.random() < 0.85:
            inspection = rng.choice(plan.inspections)
            if inspection.result == InspectionResult.NOTHING_FOUND:
                inspection.result = rng.choice(
                    (InspectionResult.DRUGS_FOUND, InspectionResult.PERSONS_ARRESTED)
                )
            venue = inspection.venue
            when = min(inspection.inspected_at + timedelta(minutes=rng.uniform(2, 60)), end)
            unit = venue.org_unit
        else:
            when = start + (end - start) * rng.random()
            unit = self.geo.random_commune(rng, op.org_unit)
        setting = setting_of(venue) if venue else plan.setting
        plan.seizures += 1
        return self._seizure(plan.province, setting, when, unit, venue, agency, op)

    def standalone_seizure(self, province: str, day: date, index: VenueIndex) -> SeizureDraft:
        """A seizure outside any operation: a stop on the road, a tip-off, a parcel."""
        rng, geo = self.rng, self.geo
        venue: Venue | None = None
        crossings = index.within(geo.provinces[province], CROSSINGS)
        roll = rng.random()
        if crossings and roll < 0.15:  # customs and border police finds
            venue = rng.choice(crossings)
            unit = venue.org_unit
        elif roll < 0.45:
            venue = rng.choice(index.any_within(geo.provinces[province]))
            unit = venue.org_unit
        else:
            unit = geo.random_commune(rng, geo.provinces[province])
        setting = setting_of(venue)
        agencies = geo.agencies
        if setting in (drugs.BORDER, drugs.PORT, drugs.AIRPORT) and rng.random() < 0.5:
            agency = agencies["GDCE"]
        else:
            agency = rng.choices(
                (geo.provincial_agency("ADB", province), agencies["GRK"], agencies["ADD"]),
                weights=(72, 17, 11),
            )[0]
        when = min(at(day, rng.uniform(0, 24)), self.now - timedelta(minutes=rng.uniform(5, 600)))
        return self._seizure(province, setting, when, unit, venue, agency, None)

    def _seizure(
        self,
        province: str,
        setting: str,
        when: datetime,
        unit: OrgUnit,
        venue: Venue | None,
        agency: Agency,
        operation: Operation | None,
    ) -> SeizureDraft:
        rng = self.rng
        place = ""
        if venue is None:
            district = self.geo.district_of(unit)
            place = places.place_description(rng, province, unit.name_en, district.name_en)
        seizure = self._stamp(
            Seizure(
                seized_at=when,
                org_unit=unit,
                venue=venue,
                place_description=place,
                seizing_agency=agency,
                operation=operation,
            )
        )
        items = [self._item(seizure, item) for item in drugs.items(rng, setting)]
        owned = [
            self._stamp(
                SeizedProperty(
                    seizure=seizure,
                    kind=p.kind,
                    description=p.description,
                    count=p.count,
                    value=p.value,
                    currency=p.currency,
                )
            )
            for p in drugs.property_lines(rng, setting)
        ]
        return SeizureDraft(seizure, province, setting, items, owned)

    def _item(self, seizure: Seizure, item: drugs.Item) -> SeizureItem:
        factor = self.factors.get((item.substance, item.unit))
        return self._stamp(
            SeizureItem(
                seizure=seizure,
                substance_id=self.substances[item.substance],
                form=item.form,
                quantity=item.quantity,
                unit=item.unit,
                packaging=item.packaging,
                markings=item.markings,
                concealment=item.concealment,
                origin_country=item.origin,
                transit_countries=list(item.transit),  # type: ignore[misc]  # a multiple CountryField
                destination_country=item.destination,
                transport=item.transport,
                kg_equivalent=kg_of(item.quantity, factor),
            )
        )

    # Persons ------------------------------------------------------------------------------

    def person(self, draft: SeizureDraft) -> Person:
        """Someone arrested with a seizure (persons stand in for arrests for now).

        About one in fifty is someone arrested before, typed again with another spelling,
        for duplicate detection to find.
        """
        rng, seizure = self.rng, draft.seizure
        when = seizure.seized_at.date()
        if self.seen and rng.random() < 0.02:
            earlier = rng.choice(self.seen)
            keeps_document = rng.random() < 0.5
            who = replace(
                earlier,
                name_latin=people.variant(rng, earlier.name_latin),
                document_type=earlier.document_type if keeps_document else "",
                document_number=earlier.document_number if keeps_document else "",
            )
        else:
            who = people.identity(rng, draft.province, when)
            if len(self.seen) < 5000:
                self.seen.append(who)
            else:
                self.seen[rng.randrange(5000)] = who
        roles = ROLES if draft.setting == drugs.STORE else ROLES[:3]
        role = rng.choices([r for r, _ in roles], weights=[w for _, w in roles])[0]
        tested = rng.choice(("positive", "positive", "negative")) if role == "user" else ""
        note = f"Arrested {when:%Y-%m-%d} with seizure {seizure.reference}; suspected {role}"
        note += f", drug test {tested}." if tested else "."
        person = self._stamp(
            Person(
                name_km=who.name_km,
                name_latin=who.name_latin,
                alias=who.alias,
                sex=who.sex,
                date_of_birth=who.date_of_birth,
                birth_year=who.birth_year,
                nationality=who.nationality,
                document_type=who.document_type,
                document_number=who.document_number,
                org_unit=seizure.org_unit,
                notes=note,
            )
        )
        person.derive_keys()  # the duplicate-finding keys Person.save() would derive
        return person
