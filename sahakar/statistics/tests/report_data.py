"""The tiny demo on a fixed day, with its analytics tables built, for the monthly report tests.

The demo's history ends "today": the clock is set to DEMO_DAY (ticking on) for the load and for
the tests that read it. The load runs in a transaction rolled back at the end of the module.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.db import transaction

from sahakar.statistics.refresh import rebuild

DEMO_DAY = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
WHOLE_MONTH = date(2026, 10, 1)  # the last whole month on DEMO_DAY
CURRENT_MONTH = date(2026, 11, 1)


@contextmanager
def demo_with_statistics(django_db_blocker: Any) -> Iterator[None]:
    with (
        time_machine.travel(DEMO_DAY, tick=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("demo", "--size", "tiny", "--seed", "7", stdout=StringIO())
        rebuild()
        yield
        transaction.set_rollback(True)
