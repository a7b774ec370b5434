"""Months as people type them ("2026-10"), and which months a report may cover: one that has
started; a month not yet ended is provisional."""

from __future__ import annotations

import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from sahakar.statistics.figures import Period

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
FIRST_YEAR, LAST_YEAR = 1990, 2100


class MonthError(ValueError):
    """A month no report can cover: not a month, or one still to come."""


def parse_month(text: str) -> date:
    """ "2026-10" as the first day of that month; MonthError when it is not a month."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match[2]) <= 12 or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise MonthError(_("Give a month as YYYY-MM, for example 2026-10."))
    return date(int(match[1]), int(match[2]), 1)


def today() -> date:
    return timezone.localdate()


def check_month(month: date, on: date | None = None) -> Period:
    """The month's period; MonthError for a month that has not started on `on` (today)."""
    on = on or today()
    if month.replace(day=1) > on.replace(day=1):
        raise MonthError(
            _("%(month)s has not started yet: a report covers a past or the current month.")
            % {"month": month.strftime("%Y-%m")}
        )
    return Period.month(month.year, month.month)


def is_provisional(period: Period, on: date | None = None) -> bool:
    """A month not yet ended: its figures will still grow."""
    return period.last >= (on or today())


def last_whole_month(on: date | None = None) -> date:
    on = on or today()
    return Period.month(on.year, on.month).previous_month().first
