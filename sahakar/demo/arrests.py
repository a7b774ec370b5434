"""Arrests of the demo persons: custody clocks, extensions and how each custody ended.

Built in memory and bulk-inserted with the persons of the same year (generate.py). The custody
deadline is what arrests.services would write: the rule is chosen by arrests.clocks's
governing_rule (the gravest suspected offence) and the deadline is its deadline_for(), with
the extension's hours. Outcomes keep to the services' checks: never before the arrival or a
granted extension, never in the future; extensions only for felonies, once, before the
deadline.

Most custodies ended on time (referred with a receipt, released with a reason, or sent to
treatment); about one in twenty ended late, its missed deadline kept as arrests.services
keeps it; a quarter of felony custodies were extended once; a few arrivals at the unit were
corrected afterwards, each with its reason, as a correction record.
A few custodies in the large provinces are still open now: some with hours left, some due
within 6 hours, two or three overdue, so the home banner and the due list show something.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sahakar.arrests.choices import (
    CorrectedTime,
    CustodyOutcomeKind,
    DrugTest,
    OffenceClass,
    SuspectRole,
)
from sahakar.arrests.clocks import deadline_for, governing_rule, gravest_class
from sahakar.arrests.models import (
    Arrest,
    CustodyCorrection,
    CustodyExtension,
    CustodyOutcome,
    CustodyRule,
    Offence,
)
from sahakar.demo.builders import SeizureDraft
from sahakar.demo.gazetteer import Gazetteer
from sahakar.persons.models import Person

ARREST_SHARE = 0.7  # of demo persons, recorded as arrests
LATE_SHARE = 0.05  # of ended custodies, ended after the deadline
EXTENDED_SHARE = 0.25  # of felony custodies, extended once
CORRECTED_SHARE = 0.03  # of ended custodies, the arrival at the unit corrected afterwards
# Custodies still open now, in the large provinces: hours left on the clock.
OPEN_NOW: tuple[tuple[str, float, float], ...] = (
    ("in custody", 8.0, 40.0),
    ("in custody", 8.0, 40.0),
    ("in custody", 8.0, 40.0),
    ("in custody", 8.0, 40.0),
    ("due soon", 0.5, 5.5),
    ("due soon", 0.5, 5.5),
    ("due soon", 0.5, 5.5),
    ("overdue", -9.0, -0.5),
    ("overdue", -9.0, -0.5),
    ("overdue", -9.0, -0.5),
)
LARGE_PROVINCES = ("12", "17", "18", "01", "02")

# Suspected offences by role: (offence codes, weight). Mostly trafficking and use.
OFFENCES_BY_ROLE: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = {
    SuspectRole.USER: ((("DRUG_USE",), 80), (("DRUG_USE", "DRUG_POSSESSION"), 20)),
    SuspectRole.DEALER: (
        (("DRUG_TRAFFICKING",), 70),
        (("DRUG_TRAFFICKING", "DRUG_POSSESSION"), 30),
    ),
    SuspectRole.TRAFFICKER: (
        (("DRUG_TRAFFICKING",), 50),
        (("DRUG_TRANSPORT",), 25),
        (("DRUG_IMPORT_EXPORT", "DRUG_TRAFFICKING"), 25),
    ),
    SuspectRole.PRODUCER: (
        (("DRUG_PRODUCTION",), 50),
        (("DRUG_CULTIVATION",), 35),
        (("DRUG_PRECURSORS",), 15),
    ),
}
RELEASE_REASONS = (
    "Released on the prosecutor's instruction: evidence insufficient to refer.",
    "Released on the prosecutor's instruction; to appear when summoned.",
    "Quantity for personal use; released with a warning and referred to community-based treatment.",
    "Not the person sought: identity checked and released.",
)
CORRECTION_REASONS = (
    "The arrival was entered from the patrol log; the unit's custody register shows the "
    "earlier time.",
    "Typing error in the hour of arrival, checked against the custody register.",
    "Arrival time entered at the end of the shift; corrected from the duty officer's book.",
)
EXTENSION_REASONS = (
    "Laboratory analysis of the seized substance not yet received.",
    "Further suspects to be identified from the phone seized.",
    "Statements of witnesses at the border post still to be taken.",
    "Interpreter needed for the suspect's statement.",
)
ROLE = re.compile(r"suspected (\w+)")
TEST = re.compile(r"drug test (\w+)")


@dataclass
class ArrestDraft:
    """An arrest and what belongs to it until it has a primary key."""

    arrest: Arrest
    offences: list[Offence]
    seizure_id: int | None
    province: str
    seizure_reference: str
    extension: CustodyExtension | None = None
    outcome: CustodyOutcome | None = None


@dataclass(frozen=True)
class Referred:
    """An arrest referred to the prosecutor, as much as case files need of it."""

    arrest_id: int
    seizure_id: int | None
    seizure_reference: str
    province: str
    org_unit: Any
    arrested_at: datetime
    referred_at: datetime
    offence_class: str


@dataclass
class ArrestMaker:
    rng: random.Random
    geo: Gazetteer
    author: Any
    now: datetime
    offences: dict[str, Offence] = field(default_factory=dict)
    referred: list[Referred] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self) -> None:
        self.offences = {o.code: o for o in Offence.objects.all()}

    def year(self, pairs: Sequence[tuple[Person, SeizureDraft]], last: bool) -> list[ArrestDraft]:
        """Arrests for a share of one year's persons; in the last year, the open custodies."""
        if not self.offences or not CustodyRule.objects.exists():
            return []
        rng = self.rng
        chosen = [pair for pair in pairs if rng.random() < ARREST_SHARE]
        open_now: dict[int, float] = {}
        if last:
            open_now = self._open_now(chosen)
        return [self._draft(person, draft, open_now.get(id(person))) for person, draft in chosen]

    def _open_now(self, chosen: list[tuple[Person, SeizureDraft]]) -> dict[int, float]:
        """Hours left on the clock, by id(person), for the custodies still open now."""
        rng = self.rng
        large = [pair for pair in chosen if pair[1].province in LARGE_PROVINCES]
        pool = large if len(large) >= len(OPEN_NOW) else chosen
        pool = sorted(pool, key=lambda pair: pair[1].seizure.seized_at)[-3 * len(OPEN_NOW) :]
        picked = rng.sample(pool, min(len(OPEN_NOW), len(pool)))
        return {
            id(person): rng.uniform(low, high)
            for (person, _), (_, low, high) in zip(picked, OPEN_NOW, strict=False)
        }

    def _draft(self, person: Person, draft: SeizureDraft, hours_left: float | None) -> ArrestDraft:
        rng, seizure = self.rng, draft.seizure
        role = _role(person.notes)
        offences = self._offences(role)
        rule = _rule(tuple(sorted({o.offence_class for o in offences})))
        delay = timedelta(minutes=rng.randint(60, 240))
        arrested = seizure.seized_at + timedelta(minutes=rng.randint(0, 45))
        linked = True
        if hours_left is not None:  # an open custody: the clock set to leave these hours
            arrived = self.now - timedelta(hours=rule.base_hours - hours_left)
            arrested = arrived - delay
            linked = abs(arrested - seizure.seized_at) < timedelta(days=3)
        else:
            arrested = min(arrested, self.now - delay)  # a seizure of the last hours
            arrived = arrested + delay
        operation = seizure.operation if linked else None
        if operation is not None and operation.linked_time_errors(arrested, "", "arrested_at"):
            operation = None  # made after the operation ended: linked to the seizure only
        arrest = self._stamp(
            Arrest(
                person=person,
                arrested_at=arrested,
                arrived_at=arrived,
                org_unit=seizure.org_unit,
                venue=seizure.venue,
                place_description=seizure.place_description
                or ("" if seizure.venue else "Place of the seizure"),
                arresting_agency=seizure.seizing_agency,
                operation=operation,
                suspect_role=role,
                drug_test=_drug_test(rng, person.notes, role),
            )
        )
        result = ArrestDraft(
            arrest, offences, seizure.pk if linked else None, draft.province, seizure.reference
        )
        extension_hours: list[int] = []
        if (
            hours_left is None
            and rule.max_extensions
            and rule.extension_hours
            and rng.random() < EXTENDED_SHARE
        ):
            result.extension = self._extension(arrest, rule, draft.province)
            extension_hours.append(result.extension.hours)
        arrest.custody_deadline = deadline_for(arrived, rule, extension_hours)
        if hours_left is None:
            result.outcome = self._outcome(result, rule, draft.province)
        informed = arrived + timedelta(minutes=rng.randint(15, 360))
        ended = result.outcome.decided_at if result.outcome else self.now
        if result.extension or rng.random() < 0.8:
            arrest.prosecutor_informed_at = min(informed, ended, self.now)
            if result.extension is not None:
                arrest.prosecutor_informed_at = min(
                    arrest.prosecutor_informed_at, result.extension.granted_at
                )
        return result

    def _offences(self, role: str) -> list[Offence]:
        options = OFFENCES_BY_ROLE.get(role, OFFENCES_BY_ROLE[SuspectRole.DEALER])
        codes = self.rng.choices([c for c, _ in options], weights=[w for _, w in options])[0]
        found = [self.offences[code] for code in codes if code in self.offences]
        return found or [self.rng.choice(list(self.offences.values()))]

    def _extension(self, arrest: Arrest, rule: CustodyRule, province: str) -> CustodyExtension:
        rng = self.rng
        granted = arrest.arrived_at + timedelta(hours=rng.uniform(20, rule.base_hours - 1))
        granted = min(granted, self.now)
        short = self.geo.short_codes[province]
        return self._stamp(
            CustodyExtension(
                arrest=arrest,
                granted_at=granted,
                hours=rule.extension_hours,
                order_reference=f"PPO-{short}/EXT/{granted.year}/{self._next('EXT' + short):04d}",
                reason=rng.choice(EXTENSION_REASONS),
            )
        )

    def _outcome(
        self, draft: ArrestDraft, rule: CustodyRule, province: str
    ) -> CustodyOutcome | None:
        """How the custody ended; None when it is recent and still running."""
        rng, arrest, now = self.rng, draft.arrest, self.now
        deadline = arrest.custody_deadline
        start = draft.extension.granted_at if draft.extension else arrest.arrived_at
        start += timedelta(minutes=rng.randint(30, 120))
        late = rng.random() < LATE_SHARE and deadline + timedelta(hours=30) < now
        if late:
            decided = deadline + timedelta(minutes=rng.randint(20, 30 * 60))
            arrest.missed_deadline_at = deadline
        else:
            latest = deadline - timedelta(minutes=5)
            decided = start + (latest - start) * rng.betavariate(1.5, 2.5)
            if decided > now:
                if deadline > now:
                    return None  # still in custody
                decided = min(max(start, now - timedelta(hours=1)), latest)
        kind = self._kind(arrest, rule)
        short = self.geo.short_codes[province]
        reason, reference = "", ""
        if kind == CustodyOutcomeKind.RELEASED:
            reason = rng.choice(RELEASE_REASONS)
            reference = f"REL-{short}-{decided.year}-{self._next('REL' + short):04d}"
        elif kind == CustodyOutcomeKind.TREATMENT:
            reason = "Drug test positive; admitted for treatment."
            reference = f"TC-{short}-{decided.year}-{self._next('TC' + short):04d}"
        else:
            reference = f"PPO-{short}/{decided.year}/{self._next('PPO' + short):05d}"
        return self._stamp(
            CustodyOutcome(
                arrest=arrest, kind=kind, decided_at=decided, reason=reason, reference=reference
            )
        )

    def _kind(self, arrest: Arrest, rule: CustodyRule) -> str:
        roll = self.rng.random()
        if rule.offence_class == OffenceClass.FELONY:
            return CustodyOutcomeKind.REFERRED if roll < 0.86 else CustodyOutcomeKind.RELEASED
        if arrest.drug_test == DrugTest.POSITIVE and roll < 0.55:
            return CustodyOutcomeKind.TREATMENT
        return CustodyOutcomeKind.REFERRED if roll < 0.8 else CustodyOutcomeKind.RELEASED

    def corrections(
        self, drafts: Sequence[ArrestDraft]
    ) -> list[tuple[CustodyCorrection, datetime]]:
        """Arrivals at the unit first entered too late and corrected within the custody, as
        arrests.services.correct_custody_times records them: the arrest holds the corrected
        time, the record the one entered before it. Each with the moment it was made."""
        rng, made = self.rng, []
        ended = [draft for draft in drafts if draft.outcome is not None]
        picked = rng.sample(ended, max(1, round(len(ended) * CORRECTED_SHARE))) if ended else []
        for draft in picked:
            outcome, arrest = draft.outcome, draft.arrest
            assert outcome is not None
            entered = arrest.arrived_at + timedelta(minutes=rng.randint(20, 90))
            corrected = entered + timedelta(minutes=rng.randint(10, 180))
            correction = self._stamp(
                CustodyCorrection(
                    arrest=arrest,
                    field=CorrectedTime.ARRIVED_AT,
                    old_value=entered,
                    new_value=arrest.arrived_at,
                    reason=rng.choice(CORRECTION_REASONS),
                    corrected_by=self.author,
                )
            )
            made.append((correction, min(corrected, outcome.decided_at)))
        return made

    def saved(self, drafts: Sequence[ArrestDraft]) -> None:
        """Note the arrests referred to the prosecutor, once inserted, for the case files."""
        for draft in drafts:
            outcome, arrest = draft.outcome, draft.arrest
            if outcome is None or outcome.kind != CustodyOutcomeKind.REFERRED:
                continue
            classes = [o.offence_class for o in draft.offences]
            gravest = gravest_class(classes) or OffenceClass.FELONY
            self.referred.append(
                Referred(
                    arrest_id=arrest.pk,
                    seizure_id=draft.seizure_id,
                    seizure_reference=draft.seizure_reference,
                    province=draft.province,
                    org_unit=arrest.org_unit,
                    arrested_at=arrest.arrested_at,
                    referred_at=outcome.decided_at,
                    offence_class=gravest,
                )
            )

    def _next(self, key: str) -> int:
        self.numbers[key] += 1
        return self.numbers[key]

    def _stamp(self, record: Any) -> Any:
        record.created_by = record.updated_by = self.author
        return record


@cache
def _rule(classes: tuple[str, ...]) -> CustodyRule:
    """The custody rule arrests.services would apply (cached: a handful of combinations)."""
    return governing_rule(classes)


def clear_rules() -> None:
    _rule.cache_clear()


def _role(notes: str) -> str:
    match = ROLE.search(notes)
    return match[1] if match and match[1] in SuspectRole.values else SuspectRole.DEALER


def _drug_test(rng: random.Random, notes: str, role: str) -> str:
    match = TEST.search(notes)
    if match and match[1] in DrugTest.values:
        return match[1]
    if role == SuspectRole.USER:
        return DrugTest.POSITIVE
    return rng.choice((DrugTest.NOT_TESTED, DrugTest.NOT_TESTED, DrugTest.NEGATIVE))
