"""Legal clocks of a case, computed from the rules kept as data (LegalClockRule).

A case-level clock starts when the case reaches a stage (the charge, the appearance before the
trial court) and stops at another (the judgment). A detention clock runs per defendant from the
detention order, lengthened by the extensions ordered, and stops at release, at the
defendant's final outcome or at the judgment. Closing the case stops every clock.

Deadlines are instants: hours and days are added as elapsed time, months on the local calendar
(31 January + 1 month is 28 or 29 February). A clock is overdue only after its deadline, due
soon from `warn_hours` before it, and met when it stopped at or before the deadline.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sahakar.cases.choices import ClockEvent, ClockState, DurationUnit, Outcome, Stage, stage_index
from sahakar.cases.models import CaseFile, Defendant, LegalClockRule, StageChange

FINAL_OUTCOMES = frozenset({Outcome.CONVICTED, Outcome.ACQUITTED, Outcome.DISMISSED})


@dataclass(frozen=True)
class Clock:
    rule: LegalClockRule
    defendant: Defendant | None
    started_at: datetime
    deadline: datetime
    warn_from: datetime
    ended_at: datetime | None
    extensions: int
    state: str

    @property
    def state_label(self) -> str:
        return str(ClockState(self.state).label)

    @property
    def running(self) -> bool:
        return self.ended_at is None


def add_duration(start: datetime, value: int, unit: str) -> datetime:
    if unit == DurationUnit.HOURS:
        return start + timedelta(hours=value)
    if unit == DurationUnit.DAYS:
        return start + timedelta(days=value)
    local = timezone.localtime(start)
    months = local.month - 1 + value
    year, month = local.year + months // 12, months % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def stage_events(changes: Iterable[StageChange]) -> dict[str, datetime]:
    """When the case last entered each stage it still stands on. A corrective move back
    undoes the stages after the one it returns to."""
    reached: dict[str, datetime] = {}
    for change in sorted(changes, key=lambda c: (c.at, c.pk or 0)):
        if change.corrective:
            back_to = stage_index(change.to_stage)
            reached = {s: at for s, at in reached.items() if stage_index(s) <= back_to}
        else:
            reached[change.to_stage] = change.at
    return reached


def state_at(
    deadline: datetime, warn_from: datetime, ended_at: datetime | None, now: datetime
) -> str:
    if ended_at is not None:
        return ClockState.MET if ended_at <= deadline else ClockState.MISSED
    if now > deadline:
        return ClockState.OVERDUE
    if warn_from < deadline and now >= warn_from:
        return ClockState.DUE_SOON
    return ClockState.RUNNING


def _earliest(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return min(known) if known else None


def _clock(
    rule: LegalClockRule,
    started_at: datetime,
    ended_at: datetime | None,
    now: datetime,
    defendant: Defendant | None = None,
    extensions: int = 0,
) -> Clock:
    granted = min(extensions, rule.max_extensions)
    deadline = add_duration(
        started_at, rule.duration_value + granted * rule.extension_value, rule.duration_unit
    )
    warn_from = deadline - timedelta(hours=rule.warn_hours)
    if ended_at is not None and ended_at < started_at:
        ended_at = started_at
    return Clock(
        rule=rule,
        defendant=defendant,
        started_at=started_at,
        deadline=deadline,
        warn_from=warn_from,
        ended_at=ended_at,
        extensions=granted,
        state=state_at(deadline, warn_from, ended_at, now),
    )


def compute_clocks(
    case: CaseFile,
    *,
    changes: Iterable[StageChange],
    defendants: Iterable[Defendant],
    rules: Iterable[LegalClockRule],
    now: datetime | None = None,
) -> list[Clock]:
    """Every clock of the case that has started, earliest deadline first."""
    now = now or timezone.now()
    events = stage_events(changes)
    closed_at = events.get(Stage.CLOSED)
    clocks: list[Clock] = []
    for rule in rules:
        if not rule.active or not rule.applies_to(case):
            continue
        if rule.starts_at == ClockEvent.DETENTION_ORDER:
            clocks.extend(_detention_clocks(rule, defendants, events, closed_at, now))
            continue
        started_at = events.get(rule.starts_at)
        if started_at is None:
            continue
        ended_at = _earliest(events.get(rule.ends_at), closed_at)
        clocks.append(_clock(rule, started_at, ended_at, now))
    return sorted(clocks, key=lambda c: (c.deadline, c.rule.code))


def _detention_clocks(
    rule: LegalClockRule,
    defendants: Iterable[Defendant],
    events: dict[str, datetime],
    closed_at: datetime | None,
    now: datetime,
) -> Iterable[Clock]:
    for defendant in defendants:
        if defendant.detained_since is None:
            continue
        decided = (
            start_of_day(defendant.outcome_on)
            if defendant.outcome in FINAL_OUTCOMES and defendant.outcome_on
            else None
        )
        ended_at = _earliest(defendant.released_at, decided, events.get(rule.ends_at), closed_at)
        yield _clock(
            rule,
            defendant.detained_since,
            ended_at,
            now,
            defendant=defendant,
            extensions=defendant.detention_extensions,
        )


def next_deadline(clocks: Iterable[Clock]) -> tuple[datetime | None, datetime | None]:
    """The earliest deadline among running clocks, and the earliest time one is due soon."""
    running = [c for c in clocks if c.running]
    if not running:
        return None, None
    return min(c.deadline for c in running), min(c.warn_from for c in running)
