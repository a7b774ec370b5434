"""Case files for the demo: referred arrests grouped with their seizures, at every stage.

Built after the arrests and bulk-inserted. Each case moves as cases.services allows: the
referral first (a StageChange with its Referral, at the start of the referral day as
services._referral_time sets it), then charged, at trial, judgment and closed, one stage at a
time, with an early close only when the charges against every defendant were dismissed.
Hearings are recorded at trial; outcomes (convicted with a sentence or fine, acquitted,
dismissed, appealed) at the stages OUTCOME_STAGES allows; the rest are pending. The clocks
(clock_deadline, clock_warning) are left to cases.services.refresh_open_cases(), which the
generator calls after the insert.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from sahakar.arrests.choices import OffenceClass
from sahakar.cases.choices import Outcome, Stage
from sahakar.cases.clocks import start_of_day
from sahakar.cases.models import CaseFile, Defendant, Hearing, Referral, StageChange
from sahakar.demo.arrests import Referred
from sahakar.demo.gazetteer import Gazetteer

CASE_SHARE = 0.6  # of the groups of referred arrests (one group per seizure), made a case
# Days from one stage to the next: (low, high).
STEP_DAYS: dict[str, tuple[int, int]] = {
    Stage.CHARGED: (5, 45),
    Stage.AT_TRIAL: (60, 300),
    Stage.JUDGMENT: (60, 240),
    Stage.CLOSED: (30, 120),
}
EARLY_CLOSE_SHARE = 0.1  # of cases with the prosecutor: every charge dismissed
HEARING_OUTCOMES = (
    "Adjourned: witnesses summoned for the next hearing.",
    "Evidence examined and the laboratory report read; defendants heard.",
    "Defence counsel heard; verdict set for the next hearing.",
    "Adjourned at the defence's request.",
)


@dataclass
class CaseDraft:
    case: CaseFile
    province: str
    opened: datetime  # when the case file was opened: at its first arrest
    defendants: list[Defendant] = field(default_factory=list)
    changes: list[StageChange] = field(default_factory=list)
    referral: Referral | None = None
    hearings: list[Hearing] = field(default_factory=list)
    seizure_ids: set[int] = field(default_factory=set)


@dataclass
class CaseMaker:
    rng: random.Random
    geo: Gazetteer
    author: Any
    now: datetime
    numbers: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def cases(self, referred: Sequence[Referred]) -> list[CaseDraft]:
        return [draft for batch in self.batches(referred) for draft in batch]

    def batches(
        self, referred: Sequence[Referred], size: int = 20_000
    ) -> Iterator[list[CaseDraft]]:
        """The cases in order of referral, `size` at a time, so that a large demo never holds
        them all with their defendants, stage changes and hearings."""
        groups: dict[Any, list[Referred]] = defaultdict(list)
        for one in referred:
            groups[one.seizure_id or ("arrest", one.arrest_id)].append(one)
        batch: list[CaseDraft] = []
        for _, group in sorted(groups.items(), key=lambda kv: kv[1][0].referred_at):
            if self.rng.random() < CASE_SHARE:
                draft = self._case(group)
                if draft is not None:
                    batch.append(draft)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _case(self, group: list[Referred]) -> CaseDraft | None:
        rng, today = self.rng, timezone.localdate(self.now)
        first = group[0]
        referred_on = timezone.localdate(max(r.referred_at for r in group)) + timedelta(
            days=rng.randint(0, 3)
        )
        if referred_on > today:
            return None
        felony = any(r.offence_class == OffenceClass.FELONY for r in group)
        case = self._stamp(
            CaseFile(
                title="",  # made from the offence and defendants in the reader's language
                org_unit=self.geo.district_of(first.org_unit),
                offence_class=OffenceClass.FELONY if felony else OffenceClass.MISDEMEANOUR,
                # Investigators write their summaries in Khmer, as the demo does.
                summary=f"ចាប់ខ្លួនជាមួយការរឹបអូស {first.seizure_reference}; "
                "បញ្ជូនទៅព្រះរាជអាជ្ញានៅពេលផុតរយៈពេលឃាត់ខ្លួន។"
                if first.seizure_reference
                else "បញ្ជូនទៅព្រះរាជអាជ្ញានៅពេលផុតរយៈពេលឃាត់ខ្លួន។",
                prosecution_office=self.geo.provincial_agency("PPO", first.province),
            )
        )
        # The referral: services._referral_time puts it at the start of the day (now if today).
        at = self.now if referred_on == today else start_of_day(referred_on)
        opened = min(min(r.arrested_at for r in group), at)
        draft = CaseDraft(
            case,
            first.province,
            opened,
            seizure_ids={r.seizure_id for r in group if r.seizure_id},
        )
        draft.defendants = [self._stamp(Defendant(case=case, arrest_id=r.arrest_id)) for r in group]
        change = self._change(draft, Stage.REFERRED, at)
        short = self.geo.short_codes[first.province]
        draft.referral = self._stamp(
            Referral(
                case=case,
                referred_on=referred_on,
                prosecution_office=case.prosecution_office,
                receipt_reference=f"PPO-{short}/R/{referred_on.year}/{self._next(short):05d}",
                stage_change=change,
            )
        )
        self._proceed(draft, at, felony, short)
        return draft

    def _proceed(self, draft: CaseDraft, at: datetime, felony: bool, short: str) -> None:
        rng, case = self.rng, draft.case
        for stage in (Stage.CHARGED, Stage.AT_TRIAL, Stage.JUDGMENT, Stage.CLOSED):
            if case.stage in (Stage.REFERRED, Stage.CHARGED) and rng.random() < EARLY_CLOSE_SHARE:
                when = self._after(at, STEP_DAYS[Stage.CHARGED])
                if when is None:
                    return
                for defendant in draft.defendants:
                    self._decide(defendant, Outcome.DISMISSED, when, felony)
                self._change(draft, Stage.CLOSED, when, "Charges dismissed by the prosecutor.")
                return
            when = self._after(at, STEP_DAYS[stage])
            if when is None:
                if case.stage == Stage.AT_TRIAL:
                    self._hearings(draft, at, None)
                return
            if stage == Stage.CHARGED:
                case.court = self.geo.provincial_agency("CFI", draft.province)
                self._detain(draft, when, felony)
            if stage == Stage.AT_TRIAL:
                case.court_case_number = f"{when.year}/{self._next('CFI' + short):04d}"
            if stage == Stage.JUDGMENT:
                self._hearings(draft, at, timezone.localdate(when))
                self._judge(draft, when, felony)
            self._change(draft, stage, when)
            at = when

    def _after(self, at: datetime, days: tuple[int, int]) -> datetime | None:
        rng = self.rng
        day = timezone.localdate(at) + timedelta(days=rng.randint(*days))
        when = start_of_day(day) + timedelta(hours=rng.randint(8, 16), minutes=rng.randint(0, 59))
        when = max(when, at + timedelta(minutes=1))
        return when if when < self.now - timedelta(hours=1) else None

    def _change(self, draft: CaseDraft, to: str, at: datetime, note: str = "") -> StageChange:
        case = draft.case
        change = self._stamp(
            StageChange(case=case, from_stage=case.stage, to_stage=to, at=at, by=self.author)
        )
        change.note = note
        draft.changes.append(change)
        case.stage, case.stage_changed_at = to, at
        return change

    def _detain(self, draft: CaseDraft, at: datetime, felony: bool) -> None:
        if not felony:
            return
        for defendant in draft.defendants:
            if self.rng.random() < 0.7:
                defendant.detained_since = at

    def _hearings(self, draft: CaseDraft, since: datetime, until: date | None) -> None:
        rng, today = self.rng, timezone.localdate(self.now)
        first = timezone.localdate(since) + timedelta(days=rng.randint(7, 30))
        last = until or today
        days: list[date] = []
        day = first
        while day < last and len(days) < 4:
            days.append(day)
            day += timedelta(days=rng.randint(14, 45))
        for i, held in enumerate(days):
            following = days[i + 1] if i + 1 < len(days) else until
            if following is None:
                following = max(today, held) + timedelta(days=rng.randint(7, 40))
            draft.hearings.append(
                self._stamp(
                    Hearing(
                        case=draft.case,
                        held_on=held,
                        outcome=rng.choice(HEARING_OUTCOMES),
                        next_hearing_on=following if following > held else None,
                    )
                )
            )

    def _judge(self, draft: CaseDraft, at: datetime, felony: bool) -> None:
        for defendant in draft.defendants:
            roll = self.rng.random()
            if roll < 0.8:
                self._decide(defendant, Outcome.CONVICTED, at, felony)
            elif roll < 0.92:
                self._decide(defendant, Outcome.ACQUITTED, at, felony)
            else:
                self._decide(defendant, Outcome.DISMISSED, at, felony)

    def _decide(self, defendant: Defendant, outcome: str, at: datetime, felony: bool) -> None:
        rng = self.rng
        defendant.outcome = outcome
        defendant.outcome_on = timezone.localdate(at)
        if outcome == Outcome.CONVICTED:
            if felony:
                defendant.sentence_months = rng.choice((24, 36, 60, 84, 120, 180, 240))
                if rng.random() < 0.6:
                    defendant.fine_amount = Decimal(rng.choice((4, 10, 20, 50, 100))) * 1_000_000
            else:
                if rng.random() < 0.5:
                    defendant.sentence_months = rng.choice((1, 3, 6, 12))
                defendant.fine_amount = Decimal(rng.choice((500_000, 1_000_000, 2_000_000)))
            if defendant.fine_amount is not None:
                defendant.fine_currency = "KHR"
            defendant.outcome_note = "Judgment of the court of first instance."
        elif defendant.detained_since is not None:
            defendant.released_at = max(at, defendant.detained_since)

    def _next(self, key: str) -> int:
        self.numbers[key] += 1
        return self.numbers[key]

    def _stamp(self, record: Any) -> Any:
        record.created_by = record.updated_by = self.author
        return record
