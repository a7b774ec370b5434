"""figures.total() and breakdown() without grouping: one sum over every fact read."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sahakar.statistics import figures
from sahakar.statistics.figures import Period
from sahakar.statistics.refresh import refresh_pending
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 20, 15, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@time_machine.travel(NOW, tick=False)
def test_it_sums_every_fact_of_the_period_and_places() -> None:
    # Three days, two provinces, two agencies: facts in several rows at every grain.
    for day, province, agency in ((3, "12", "ADD"), (9, "17", "ADD"), (14, "12", "ADB-PP")):
        seizure = f.make_seizure(
            f.first_district(province),
            agency,
            seized_at=NOW.replace(day=day),
        )
        f.make_item(seizure, quantity="100", unit_="g", form="crystal")
    refresh_pending()
    may, everything = Period.month(2026, 5), figures.EVERYTHING

    assert figures.total(everything, "seizure", may, "seizures") == 3
    assert figures.total(everything, "drug", may, "kg") == Decimal("0.3")
    assert figures.total(everything, "drug", Period(NOW.date(), NOW.date()), "kg") == 0
    assert figures.breakdown(everything, "drug", may, measures=("items", "kg")) == [
        {"items": 3, "kg": Decimal("0.3")}
    ]
    assert figures.breakdown(everything, "drug", Period.month(2026, 4)) == []


@time_machine.travel(NOW, tick=False)
def test_it_groups_by_month_alike_from_monthly_and_from_daily_facts() -> None:
    for month, day in ((4, 30), (5, 1), (5, 19)):
        seizure = f.make_seizure(
            f.first_district("12"), seized_at=NOW.replace(month=month, day=day)
        )
        f.make_item(seizure, quantity="250", unit_="g", form="crystal")
    refresh_pending()
    expected = [
        {"month": date(2026, 4, 1), "items": 1, "kg": Decimal("0.25")},
        {"month": date(2026, 5, 1), "items": 2, "kg": Decimal("0.5")},
    ]
    whole_months = Period.months(date(2026, 4, 1), date(2026, 5, 1))  # read from month facts
    some_days = Period(date(2026, 4, 2), date(2026, 5, 20))  # read from day facts
    assert (
        figures.breakdown(
            figures.EVERYTHING, "drug", whole_months, by=("month",), measures=("items", "kg")
        )
        == expected
    )
    assert (
        figures.breakdown(
            figures.EVERYTHING, "drug", some_days, by=("month",), measures=("items", "kg")
        )
        == expected
    )
