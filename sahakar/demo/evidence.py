"""The demo's evidence room: stores of several agencies, their custodians, and realistic
chains of custody for recent seizures in Phnom Penh and Siem Reap.

Unlike the bulk-loaded records, every exhibit and event goes through the custody service
(evidence/services.py), as custodians would record them, so the demo chains obey every rule
the service enforces: intake, hand-overs between agencies (a few still in transit), laboratory
results with purity (some beyond the weight tolerance, some overdue), court visits, disposal
approvals and destruction batches.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from sahakar.agencies.models import Agency
from sahakar.evidence import destruction, disposal, eligibility, services
from sahakar.evidence.choices import (
    DisposalBasis,
    EventKind,
    ExhibitStatus,
    OrderAuthority,
    StoreKind,
)
from sahakar.evidence.models import EvidenceStore, Exhibit, StoreCustodian, StoreLocation
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import Seizure

# code, name, Khmer name, kind, agency, org unit, holds drugs, locations
STORES = (
    (
        "ADB-PP-VAULT",
        "Drug vault, Phnom Penh anti-drug bureau",
        "ឃ្លាំងគ្រឿងញៀន ការិយាល័យប្រឆាំងគ្រឿងញៀន ភ្នំពេញ",
        StoreKind.DRUG_VAULT,
        "ADB-PP",
        "12",
        True,
        ("A1", "A2", "B1", "SAFE"),
    ),
    (
        "ADB-PP-PROP",
        "Property room, Phnom Penh anti-drug bureau",
        "បន្ទប់វត្ថុតាង ការិយាល័យប្រឆាំងគ្រឿងញៀន ភ្នំពេញ",
        StoreKind.PROPERTY_ROOM,
        "ADB-PP",
        "12",
        False,
        ("P1", "P2"),
    ),
    (
        "ADB-SR-VAULT",
        "Drug vault, Siem Reap anti-drug bureau",
        "ឃ្លាំងគ្រឿងញៀន ការិយាល័យប្រឆាំងគ្រឿងញៀន សៀមរាប",
        StoreKind.DRUG_VAULT,
        "ADB-SR",
        "17",
        True,
        ("S1", "S2"),
    ),
    (
        "NACD-LAB",
        "National drug laboratory",
        "មន្ទីរពិសោធន៍គ្រឿងញៀនជាតិ",
        StoreKind.LABORATORY,
        "NACD",
        "12",
        True,
        ("INTAKE", "BENCH", "RETAINED"),
    ),
    (
        "CFI-PP-REG",
        "Evidence registry, Phnom Penh court of first instance",
        "បញ្ជីវត្ថុតាង សាលាដំបូងរាជធានីភ្នំពេញ",
        StoreKind.COURT_REGISTRY,
        "CFI-PP",
        "12",
        True,
        ("R1",),
    ),
    (
        "NACD-DEST",
        "Destruction site, national authority",
        "ទីតាំងបំផ្លាញ អាជ្ញាធរជាតិ",
        StoreKind.DESTRUCTION_SITE,
        "NACD",
        "12",
        True,
        ("YARD",),
    ),
)

# Demo user -> the stores they keep (demo/users.py makes the users).
CUSTODIANS = {
    "custodian": ("ADB-PP-VAULT", "ADB-PP-PROP"),
    "sr.custodian": ("ADB-SR-VAULT",),
    "lab.analyst": ("NACD-LAB",),
    "court.clerk": ("CFI-PP-REG",),
    "destruction.keeper": ("NACD-DEST",),
}

# Who keeps each store, by its code (the keeper moves what the store holds).
_KEEPERS = {code: user for user, codes in CUSTODIANS.items() for code in codes}

# Exhibits per demo size: recent seizures of Phnom Penh and Siem Reap get sealed packages.
# Each goes through the custody service, one save at a time: `large` keeps national's count.
EXHIBITS = {"tiny": 14, "small": 60, "national": 400, "large": 400}


@dataclass
class Room:
    stores: dict[str, EvidenceStore]
    locations: dict[str, list[StoreLocation]]
    users: dict[str, Any]


class DemoEvidence:
    def __init__(self, rng: random.Random, author: Any, now: datetime, size: str) -> None:
        self.rng, self.author, self.now = rng, author, now
        self.wanted = EXHIBITS.get(size, EXHIBITS["small"])
        self.counts = {"exhibits": 0, "custody events": 0}
        self.in_transit = self.batches = 0
        self.seal = 0

    def run(self) -> dict[str, int]:
        room = self._room()
        for seizure in self._seizures():
            if self.counts["exhibits"] >= self.wanted:
                break
            self._chain(room, seizure)
        self._disposals(room)
        self.counts["custody events"] = sum(
            Exhibit.objects.filter(seizure__created_by=self.author).values_list(
                "event_count", flat=True
            )
        )
        return self.counts

    def _disposals(self, room: Room) -> None:
        """Approvals by the Phnom Penh prosecutor (after verdicts, and two before, on sampled
        exhibits), then two witnessed destructions at the national site; a few approved
        exhibits are left awaiting the next one."""
        prosecutor = get_user_model().objects.get(username="prosecutor.pp")
        quiet_since = self.now - timedelta(days=25)
        mine = Exhibit.objects.filter(
            seizure__created_by=self.author,
            status=ExhibitStatus.HELD,
            last_event_at__lt=quiet_since,
            seizure__org_unit__path__startswith=_path("12"),
        ).exclude(store__kind=StoreKind.COURT_REGISTRY)
        approved: list[Exhibit] = []
        when = self.now - timedelta(days=24)
        for number, exhibit in enumerate(eligibility.awaiting_approval(mine)[:8], start=1):
            disposal.approve_disposal(
                exhibit,
                basis=DisposalBasis.VERDICT,
                authority=OrderAuthority.COURT,
                order_reference=f"CFI-PP judgment {100 + number}/{when.year}",
                ordered_on=timezone.localdate(when),
                acting_user=prosecutor,
                occurred_at=when,
            )
            approved.append(exhibit)
        sampled = (
            mine.filter(events__kind=EventKind.LAB_RESULT, events__sample_retained=True)
            .exclude(pk__in=[e.pk for e in approved])
            .exclude(disposal_approval__isnull=False)
        )
        for number, exhibit in enumerate(sampled.distinct()[:2], start=1):
            disposal.approve_disposal(
                exhibit,
                basis=DisposalBasis.PRE_VERDICT_ORDER,
                authority=OrderAuthority.PROSECUTOR,
                order_reference=f"PPO-PP order {40 + number}/{when.year}",
                ordered_on=timezone.localdate(when),
                acting_user=prosecutor,
                occurred_at=when,
            )
            approved.append(exhibit)
        if len(approved) < 3:
            return
        # The last approved waits for the next destruction.
        first, second = approved[: len(approved) // 2], approved[len(approved) // 2 : -1]
        for batch, days_ago in ((first, 16), (second, 6)):
            if batch:
                self._destroy(room, batch, self.now - timedelta(days=days_ago))

    def _destroy(self, room: Room, exhibits: list[Exhibit], at: datetime) -> None:
        site, keeper = room.stores["NACD-DEST"], room.users["destruction.keeper"]
        for exhibit in exhibits:
            exhibit.refresh_from_db()
            holder = room.users[_KEEPERS[exhibit.store.code if exhibit.store else ""]]
            services.move(
                exhibit,
                EventKind.TRANSFER,
                to_store=site,
                to_location=room.locations["NACD-DEST"][0],
                occurred_at=at - timedelta(days=2),
                carrier="Escort of the destruction committee (synthetic)",
                acting_user=holder,
            )
            exhibit.refresh_from_db()
            if exhibit.status == ExhibitStatus.IN_TRANSIT:
                services.receive(
                    exhibit, occurred_at=at - timedelta(days=2, hours=-3), acting_user=keeper
                )
        agencies = {a.code: a for a in Agency.objects.filter(code__in=["MOH", "MOINF"])}
        destruction.destroy_batch(
            exhibits=exhibits,
            destroyed_at=at,
            org_unit=site.org_unit,
            site=site,
            place="Incinerator yard, national destruction site, Phnom Penh",
            method="Incineration",
            order_references="; ".join(e.disposal_approval.order_reference for e in exhibits),
            committee_members="Chair, national authority (synthetic)\n"
            "Prosecutor's representative (synthetic)\nCourt clerk (synthetic)",
            witnesses=[
                {
                    "name": "Health inspector (synthetic)",
                    "position": "Inspector",
                    "agency": agencies["MOH"],
                },
                {
                    "name": "Information officer (synthetic)",
                    "position": "Officer",
                    "agency": agencies["MOINF"],
                },
            ],
            acting_user=keeper,
        )
        self.batches += 1

    def _room(self) -> Room:
        stores: dict[str, EvidenceStore] = {}
        locations: dict[str, list[StoreLocation]] = {}
        for code, name, name_km, kind, agency, unit, drugs, shelves in STORES:
            store = EvidenceStore(
                code=code,
                name=name,
                name_km=name_km,
                kind=kind,
                agency=Agency.objects.get(code=agency),
                org_unit=OrgUnit.objects.get(code=unit),
                holds_drugs=drugs,
                created_by=self.author,
            )
            store.save()
            stores[code] = store
            locations[code] = [
                StoreLocation.objects.create(
                    store=store, code=shelf, description=f"Shelf {shelf}", created_by=self.author
                )
                for shelf in shelves
            ]
        users = {u.username: u for u in get_user_model().objects.filter(username__in=CUSTODIANS)}
        for username, codes in CUSTODIANS.items():
            for code in codes:
                StoreCustodian.objects.create(
                    store=stores[code],
                    user=users[username],
                    assigned_at=self.now - timedelta(days=800),
                    created_by=self.author,
                )
        return Room(stores, locations, users)

    def _seizures(self) -> list[Seizure]:
        recent = (
            Seizure.objects.filter(created_by=self.author, items__isnull=False)
            .filter(seized_at__lt=self.now - timedelta(days=3))
            .select_related("org_unit")
            .prefetch_related("items__substance", "property")
            .distinct()
            .order_by("-seized_at")
        )
        # Two thirds from Phnom Penh, a third from Siem Reap (packages per seizure vary),
        # after a few Phnom Penh seizures whose cases were judged: their exhibits can be
        # approved for disposal and destroyed.
        in_pp = recent.filter(org_unit__path__startswith=_path("12"))
        judged = list(
            in_pp.filter(case_files__defendants__outcome__in=eligibility.FINAL_OUTCOMES)
            .exclude(case_files__defendants__outcome__in=["pending", "appealed"])
            .filter(seized_at__lt=self.now - timedelta(days=120))[: max(3, self.wanted // 6)]
        )
        pp = list(in_pp.exclude(pk__in=[s.pk for s in judged])[: self.wanted * 2 // 3])
        sr = list(recent.filter(org_unit__path__startswith=_path("17"))[: self.wanted // 3])
        return judged + sorted(pp + sr, key=lambda s: s.seized_at)

    def _next_seal(self) -> str:
        self.seal += 1
        return f"DEMO-SEAL-{self.seal:05d}"

    def _chain(self, room: Room, seizure: Seizure) -> None:
        rng = self.rng
        province = "PP" if seizure.org_unit.path.startswith(_path("12")) else "SR"
        vault_code = "ADB-PP-VAULT" if province == "PP" else "ADB-SR-VAULT"
        keeper = room.users["custodian" if province == "PP" else "sr.custodian"]
        vault = room.stores[vault_code]
        at = seizure.seized_at + timedelta(hours=rng.randint(2, 20))
        for item in seizure.items.all():
            split = item.quantity >= 100 and rng.random() < 0.15
            half = (item.quantity / 2).to_integral_value() if split else item.quantity
            parts = [half, item.quantity - half] if split else [item.quantity]
            for portion in parts:
                net = portion.quantize(Decimal("0.001"))
                if self.counts["exhibits"] % 9 == 4:  # counted in the field, weighed short
                    net = (net * Decimal("0.9")).quantize(Decimal("0.001"))
                exhibit = services.create_exhibit(
                    seizure,
                    items=[item],
                    seal_number=self._next_seal(),
                    description=f"Sealed bag: {item.summary()}",
                    store=vault,
                    location=rng.choice(room.locations[vault_code]),
                    gross_weight_g=_gross(net, item.unit),
                    net_quantity=net,
                    net_unit=item.unit,
                    received_at=at,
                    holds_part=split,
                    acting_user=keeper,
                )
                self.counts["exhibits"] += 1
                self._after_intake(room, exhibit, keeper, vault_code, at)
        for prop in seizure.property.all()[:1]:
            if province != "PP":
                break
            exhibit = services.create_exhibit(
                seizure,
                property_items=[prop],
                seal_number=self._next_seal(),
                description=f"Sealed property: {prop}",
                store=room.stores["ADB-PP-PROP"],
                location=rng.choice(room.locations["ADB-PP-PROP"]),
                received_at=at,
                acting_user=keeper,
            )
            self.counts["exhibits"] += 1
            if rng.random() < 0.3:
                services.release_to_owner(
                    exhibit,
                    released_to="Registered owner (synthetic)",
                    order_reference=f"PPO-PP release {rng.randint(100, 999)}/{at.year}",
                    occurred_at=self._later(at, 20, 60),
                    acting_user=keeper,
                )

    def _later(self, at: datetime, low: int, high: int) -> datetime:
        """A time `low`-`high` days after `at`, never later than an hour ago."""
        moment = at + timedelta(days=self.rng.randint(low, high), hours=self.rng.randint(0, 8))
        return min(moment, self.now - timedelta(hours=1))

    def _after_intake(
        self, room: Room, exhibit: Exhibit, keeper: Any, vault_code: str, at: datetime
    ) -> None:
        rng, lab = self.rng, room.stores["NACD-LAB"]
        analyst = room.users["lab.analyst"]
        if rng.random() > 0.8:
            return  # still on the shelf, awaiting the laboratory
        sent = self._later(at, 1, 4)
        services.move(
            exhibit,
            EventKind.LAB_SUBMISSION,
            to_store=lab,
            occurred_at=sent,
            carrier="Officer of the bureau (synthetic)",
            question="Identify and measure purity",
            acting_user=keeper,
        )
        last_ones = self.counts["exhibits"] > self.wanted - 3
        if sent >= self.now - timedelta(days=2) or last_ones or rng.random() < 0.05:
            self.in_transit += 1
            return  # handed over, not yet received by the laboratory
        received = self._later(sent, 0, 1)
        services.receive(
            exhibit,
            to_location=room.locations["NACD-LAB"][0],
            occurred_at=received,
            acting_user=analyst,
        )
        answered = self._later(received, 4, 30)
        if answered >= self.now - timedelta(hours=2):
            return  # still at the laboratory
        assert exhibit.net_quantity is not None
        drift = Decimal(1) - Decimal(rng.choice([0] * 9 + [1, 3, 12])) / Decimal(100)
        measured = (exhibit.net_quantity * drift).quantize(Decimal("0.001"))
        sample = max((measured * Decimal("0.01")).quantize(Decimal("0.001")), Decimal("0.001"))
        services.record_lab_result(
            exhibit,
            substance_confirmed=rng.random() > 0.03,
            purity_percent=Decimal(rng.randint(80, 780)) / 10,
            net_quantity=measured,
            net_unit=exhibit.net_unit,
            sample_retained=True,
            sample_quantity=sample,
            lab_reference=f"NDL-{answered.year}-{rng.randint(1000, 9999)}",
            occurred_at=answered,
            acting_user=analyst,
        )
        back = self._later(answered, 1, 10)
        if back >= self.now - timedelta(hours=2):
            return
        services.move(
            exhibit,
            EventKind.TRANSFER,
            to_store=room.stores[vault_code],
            to_location=room.locations[vault_code][-1],
            occurred_at=back,
            carrier="Laboratory courier (synthetic)",
            acting_user=analyst,
        )
        if back >= self.now - timedelta(days=1) or rng.random() < 0.04:
            self.in_transit += 1
            return
        keeper_back = room.users["custodian" if vault_code.startswith("ADB-PP") else "sr.custodian"]
        services.receive(exhibit, occurred_at=self._later(back, 0, 1), acting_user=keeper_back)


def _path(code: str) -> str:
    return str(OrgUnit.objects.get(code=code).path)


def _gross(net: Decimal, unit: str) -> Decimal | None:
    """A plausible sealed weight in grams: the drugs (when weighed in grams) plus the bag."""
    if unit == "g":
        return (net + Decimal("18.5")).quantize(Decimal("0.001"))
    if unit == "kg":
        return (net * 1000 + Decimal("45")).quantize(Decimal("0.001"))
    if unit == "tablets":
        return (net * Decimal("0.1") + Decimal("18.5")).quantize(Decimal("0.001"))
    return None
