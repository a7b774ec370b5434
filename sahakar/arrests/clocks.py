"""The custody clock: which rule governs a custody, its deadline, and where it stands now.

Pure reading; arrests.services is the only writer of custody state. Times are compared as
moments (stored in UTC); they are shown in the deployment's time zone (settings.TIME_ZONE).

The states, for a custody without an outcome, with `remaining` = deadline - now:
  in custody      remaining > 6 h
  due soon        0 <= remaining <= 6 h (the deadline itself is still lawful)
  overdue         remaining < 0
and, once an outcome is recorded, "ended on time" (at or before the deadline) or "ended late".
A deadline once missed (`Arrest.missed_deadline_at`, kept by arrests.services) governs for
good: the custody is overdue until its outcome is recorded, and then it ended late, whatever
correction moved the deadline since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sahakar.arrests.choices import DUE_WINDOW, GRAVITY, CustodyState, OffenceClass
from sahakar.arrests.models import CustodyRule

if TYPE_CHECKING:
    from sahakar.arrests.models import Arrest, CustodyOutcome


def duration_text(delta: timedelta) -> str:
    """A length of time in hours and minutes (custody is counted in hours), e.g. "47 h 05 min"."""
    minutes = int(abs(delta).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


def gravest_class(classes: Iterable[str]) -> str | None:
    present = set(classes)
    return next((value for value in GRAVITY if value in present), None)


def governing_rule(classes: Iterable[str]) -> CustodyRule:
    """The custody rule of the gravest offence class among `classes`.

    Refused (ValidationError on `offences`) without any offence, or when the country's
    reference data has no rule for that class.
    """
    gravest = gravest_class(classes)
    if gravest is None:
        raise ValidationError({"offences": _("Name at least one suspected offence.")})
    rule = CustodyRule.objects.filter(offence_class=gravest).first()
    if rule is None:
        raise ValidationError(
            {
                "offences": _(
                    "There is no custody rule for a %(class)s in this country's reference "
                    "data, so police custody cannot be counted for it."
                )
                % {"class": OffenceClass(gravest).label}
            }
        )
    return rule


def rule_for(arrest: Arrest) -> CustodyRule:
    """The rule governing this arrest's custody, from its recorded offences."""
    return governing_rule(offence.offence_class for offence in arrest.offences.all())


def deadline_for(
    arrived_at: datetime, rule: CustodyRule, extension_hours: Iterable[int]
) -> datetime:
    """Arrival at the unit, plus the rule's custody hours, plus every granted extension."""
    return arrived_at + timedelta(hours=rule.base_hours + sum(extension_hours))


def state_at(
    deadline: datetime,
    now: datetime,
    ended_at: datetime | None = None,
    missed_at: datetime | None = None,
) -> CustodyState:
    if ended_at is not None:
        if missed_at is not None or ended_at > deadline:
            return CustodyState.ENDED_LATE
        return CustodyState.ENDED_ON_TIME
    if missed_at is not None or now > deadline:
        return CustodyState.OVERDUE
    if deadline - now <= DUE_WINDOW:
        return CustodyState.DUE_SOON
    return CustodyState.IN_CUSTODY


@dataclass(frozen=True)
class CustodyStatus:
    """Where one custody stands. `remaining` is deadline - now (negative when overdue); for
    an ended custody, deadline - end (negative when it ended late). Once a deadline was
    missed (`missed_at`), it is the one `remaining` counts from."""

    deadline: datetime
    remaining: timedelta
    state: CustodyState
    ended_at: datetime | None
    missed_at: datetime | None = None

    @property
    def missed(self) -> bool:
        """The deadline passed without an outcome: overdue now, ended late, or recorded as
        missed before a correction."""
        return self.state in (CustodyState.OVERDUE, CustodyState.ENDED_LATE)

    @property
    def in_custody(self) -> bool:
        """No outcome yet: the person is (or should still be) held."""
        return self.ended_at is None

    @property
    def overdue(self) -> bool:
        return self.state == CustodyState.OVERDUE

    @property
    def state_label(self) -> str:
        return str(self.state.label)

    @property
    def remaining_text(self) -> str:
        """What the remaining time means, in words: "5 h 10 min left", "overdue by 12 min"."""
        span = duration_text(self.remaining)
        if self.state == CustodyState.OVERDUE:
            return _("overdue by %(time)s") % {"time": span}
        if self.state == CustodyState.ENDED_ON_TIME:
            return _("ended %(time)s before the deadline") % {"time": span}
        if self.state == CustodyState.ENDED_LATE:
            return _("ended %(time)s after the deadline") % {"time": span}
        return _("%(time)s left") % {"time": span}


def outcome_of(arrest: Arrest) -> CustodyOutcome | None:
    """The recorded outcome, or None (lists select it with the arrest: no extra query)."""
    try:
        outcome: Any = arrest.outcome
    except ObjectDoesNotExist:
        return None
    return outcome


def custody_status(arrest: Arrest, now: datetime | None = None) -> CustodyStatus:
    """Deadline, remaining time and state of `arrest`'s custody at `now` (default: now)."""
    now = now or timezone.now()
    outcome = outcome_of(arrest)
    ended_at = outcome.decided_at if outcome is not None else None
    deadline, missed_at = arrest.custody_deadline, arrest.missed_deadline_at
    governing = min(deadline, missed_at) if missed_at is not None else deadline
    return CustodyStatus(
        deadline=deadline,
        remaining=governing - (ended_at or now),
        state=state_at(deadline, now, ended_at, missed_at),
        ended_at=ended_at,
        missed_at=missed_at,
    )


def missed_at(arrest: Arrest, now: datetime) -> datetime | None:
    """The deadline this custody missed as its record stands at `now`: the one recorded, else
    the current deadline when it passed without an outcome (or the outcome came after it)."""
    if arrest.missed_deadline_at is not None:
        return arrest.missed_deadline_at
    outcome = outcome_of(arrest)
    ended_at = outcome.decided_at if outcome is not None else now
    return arrest.custody_deadline if ended_at > arrest.custody_deadline else None
