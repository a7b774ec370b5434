"""The refresh after commit runs in a thread of the app's process by default: the writer does
not wait, and the figures count the write a moment later."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from sahakar.statistics import figures
from sahakar.statistics.models import PendingSlice
from sahakar.statistics.refresher import REFRESHER
from sahakar.testing import factories as f


def _counted(period: figures.Period) -> int:
    return int(figures.total(figures.EVERYTHING, "seizure", period, "seizures"))


@pytest.mark.django_db(transaction=True)
def test_it_counts_a_write_soon_after_it_commits_without_the_writer_waiting() -> None:
    from sahakar.reference.loader import load_country

    load_country("kh")  # the transactional database starts empty
    with override_settings(SAHAKAR_STATISTICS_REFRESH="background"):
        seizure = f.make_seizure(f.first_district(f.PHNOM_PENH))
        day = timezone.localdate(seizure.seized_at)
        month = figures.Period.months(day, day)
        deadline = time.monotonic() + 10
        while _counted(month) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _counted(month) == 1
        assert not PendingSlice.objects.exists()
        assert REFRESHER.wait_idle(10)


def test_it_starts_one_thread_however_often_it_is_woken(monkeypatch: Any) -> None:
    runs: list[str] = []
    monkeypatch.setattr(
        "sahakar.statistics.refresh.refresh_after_commit", lambda using: runs.append(using)
    )
    REFRESHER.poke("default")
    first = REFRESHER._thread
    REFRESHER.poke("default")
    assert REFRESHER._thread is first and first is not None and first.daemon
    deadline = time.monotonic() + 5
    while not runs and time.monotonic() < deadline:
        time.sleep(0.01)
    assert runs and set(runs) == {"default"}
