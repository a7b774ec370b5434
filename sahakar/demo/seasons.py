"""When things happen: a day-by-day weight with festivals, weekends and a rising trend.

Enforcement in Cambodia peaks around Khmer New Year (mid-April, with crackdowns in the weeks
before), Pchum Ben (late September to mid-October, lunar), the Water Festival (November) and
the year end; seizures also rose year on year over the last decade. The figures are shaped
to look plausible on a chart, not fitted to real statistics.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from django.utils import timezone

# Month factor: 1.0 is an ordinary month.
MONTH_FACTOR = {
    1: 1.10,
    2: 1.00,
    3: 1.10,
    4: 1.45,  # Khmer New Year
    5: 0.95,
    6: 0.90,
    7: 0.90,
    8: 0.95,
    9: 1.15,  # Pchum Ben usually starts in late September
    10: 1.20,  # ... or falls in early October
    11: 1.05,  # Water Festival
    12: 1.35,  # year end
}
YEARLY_GROWTH = 1.07
WEEKEND_FACTOR = 1.2
# (name, first (month, day), last (month, day)): windows around the festivals, wide enough to
# cover the lunar ones' usual dates and the crackdowns announced before them.
FESTIVALS = (
    ("Year-end", (1, 1), (1, 3)),
    ("Khmer New Year", (3, 25), (4, 20)),
    ("Pchum Ben", (9, 15), (10, 20)),
    ("Water Festival", (11, 1), (11, 20)),
    ("Year-end", (12, 15), (12, 31)),
)  # Friday and Saturday nights


def festival(day: date) -> str | None:
    """The festival a date falls near, used in operation titles."""
    for name, first, last in FESTIVALS:
        if first <= (day.month, day.day) <= last:
            return name
    return None


def day_weight(day: date, first_year: int) -> float:
    weight = MONTH_FACTOR[day.month] * YEARLY_GROWTH ** (day.year - first_year)
    if festival(day) is not None:
        weight *= 1.3
    if day.weekday() in (4, 5):
        weight *= WEEKEND_FACTOR
    return weight


class Calendar:
    """Draws days between `start` and `end` (inclusive) in proportion to their weight."""

    def __init__(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        self.days = [start + timedelta(n) for n in range((end - start).days + 1)]
        weights = [day_weight(d, start.year) for d in self.days]
        self.cum_weights = list(accumulate(weights))
        total = self.cum_weights[-1]
        self.by_year: dict[int, tuple[list[date], list[float]]] = {}
        self.year_share: dict[int, float] = {}
        for day, weight in zip(self.days, weights, strict=True):
            days, cum = self.by_year.setdefault(day.year, ([], []))
            days.append(day)
            cum.append((cum[-1] if cum else 0.0) + weight)
            self.year_share[day.year] = self.year_share.get(day.year, 0.0) + weight / total

    @property
    def years(self) -> list[int]:
        return sorted(self.by_year)

    def draw(self, rng: random.Random, k: int) -> list[date]:
        return rng.choices(self.days, cum_weights=self.cum_weights, k=k)

    def draw_in_year(self, rng: random.Random, year: int, k: int) -> list[date]:
        days, cum = self.by_year[year]
        return rng.choices(days, cum_weights=cum, k=k)

    def split(self, total: int) -> dict[int, int]:
        """`total` spread over the years by weight, summing exactly to `total`."""
        counts = {year: int(total * share) for year, share in self.year_share.items()}
        shortfall = total - sum(counts.values())
        for year in sorted(self.year_share, key=self.year_share.__getitem__, reverse=True):
            if shortfall <= 0:
                break
            counts[year] += 1
            shortfall -= 1
        return counts


def at(day: date, hour: float) -> datetime:
    """An aware local datetime `hour` hours after midnight of `day` (may roll into the next day)."""
    midnight = timezone.make_aware(datetime.combine(day, time()))
    return midnight + timedelta(hours=hour)
