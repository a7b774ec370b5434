"""The tiny demo, loaded once per test module on a fixed day.

The demo's history ends "today", so what it holds (which cases have reached a verdict, which
operations are under way) depends on the day it is generated: the module's clock is set to
DEMO_DAY, ticking on from there, for the load and for the tests that read it. The load runs
inside a transaction rolled back at the end of the module, so the other apps' tests never see
it; each test runs in a savepoint inside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

DEMO_DAY = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--size", "tiny", "--seed", "7", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    with (
        time_machine.travel(DEMO_DAY, tick=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield run_demo()
        transaction.set_rollback(True)
