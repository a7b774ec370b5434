"""The demo's figures: the analytics tables it rebuilds equal the records, and its case files
are spread over the time of their arrests (not all opened the day the demo was loaded).

Loaded once for the module on a fixed day (the `demo` fixture, conftest.py).
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from sahakar.cases.models import CaseFile
from sahakar.statistics import figures
from sahakar.statistics.figures import EVERYTHING, Period
from sahakar.statistics.models import Fact, PendingSlice
from sahakar.statistics.tests import direct

pytestmark = pytest.mark.django_db


def test_its_figures_equal_the_records(demo: str) -> None:
    assert Fact.objects.exists()
    assert not PendingSlice.objects.exists()
    assert direct.mismatches() == {}


def test_its_case_files_were_opened_at_their_first_arrest(demo: str) -> None:
    cases = CaseFile.objects.prefetch_related("defendants__arrest", "stage_changes")
    assert cases
    for case in cases:
        first_arrest = min(d.arrest.arrested_at for d in case.defendants.all())
        referred = min(change.at for change in case.stage_changes.all())
        assert case.created == min(first_arrest, referred), case
        year = timezone.localtime(case.created).year
        assert case.reference.split("-")[2] == str(year), case


def test_its_case_figures_spread_over_the_months(demo: str) -> None:
    today = timezone.localdate()
    period = Period.months(today.replace(year=today.year - 1), today)
    months = figures.breakdown(EVERYTHING, "case", period, by=("month",))
    assert len(months) > 3, months
    assert sum(row["cases"] for row in months) == CaseFile.objects.count()
