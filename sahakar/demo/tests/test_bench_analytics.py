"""bench/analytics.py: its direct computations from the records give the dashboard's figures
exactly as the analytics tables do, so the speed-up it reports compares equal answers.

Runs on the tiny demo loaded once for the module on a fixed day (conftest.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from sahakar.core.context import acting
from sahakar.demo.tests.conftest import DEMO_DAY
from sahakar.statistics.figures import Period, total
from sahakar.statistics.models import PendingSlice
from sahakar.statistics.refresh import refresh_pending

pytestmark = pytest.mark.django_db
BENCH = Path(__file__).resolve().parents[3] / "bench" / "analytics.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_analytics", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


analytics = _load()


@pytest.mark.parametrize("username", ["analyst", "pp.officer"])
def test_it_computes_the_dashboard_from_the_records_as_the_facts_give_it(
    demo: str, username: str
) -> None:
    user = get_user_model().objects.get(username=username)
    scope = analytics.scope_of(user, DEMO_DAY.date())
    assert (scope.paths is None) == (username == "analyst")
    with acting(user=user, source="web"):
        for figure in analytics.DASHBOARD:
            facts = analytics.from_facts(user, figure, scope)
            direct = analytics.from_records(figure, scope)
            assert facts, figure.name  # the tiny demo has something in every figure
            assert analytics.differences(figure, facts, direct) == [], figure.name


def test_it_tells_where_the_two_computations_differ(demo: str) -> None:
    figure = analytics.DASHBOARD[0]
    found = analytics.differences(figure, {(): {"seizures": 3}}, {(): {"seizures": 4}})
    assert found == ["seizures (): facts {'seizures': 3}, records {'seizures': 4}"]


def test_it_writes_seizures_that_reach_the_figures_and_can_write_untracked(demo: str) -> None:
    writer = analytics.Writer.for_user("pp.officer")
    now = timezone.now()
    day = Period(timezone.localdate(now), timezone.localdate(now))
    before = total(writer.user, "seizure", day, "seizures")
    writer.write(1, now)
    refresh_pending()  # on commit, outside this test's transaction
    assert total(writer.user, "seizure", day, "seizures") == before + 1
    with analytics.untracked():
        writer.write(2, now)
    assert not PendingSlice.objects.exists()
    assert total(writer.user, "seizure", day, "seizures") == before + 1
    writer.clean_up()
    refresh_pending()
    assert total(writer.user, "seizure", day, "seizures") == before
