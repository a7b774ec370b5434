"""A tiny demo loaded once per module on a fixed day, its analytics tables rebuilt, and
October 2026 published. Rolled back at the end of the module."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from sahakar.public.models import Snapshot
from sahakar.public.services import publish_month
from sahakar.statistics.refresh import rebuild

DAY = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
MONTH = date(2026, 10, 1)


@pytest.fixture(scope="module")
def published(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Snapshot]:
    with (
        time_machine.travel(DAY, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("demo", "--size", "tiny", "--seed", "7", stdout=StringIO())
        # The demo publishes its last months; these tests publish their own, from nothing.
        Snapshot.objects.all()._raw_delete(Snapshot.objects.db)
        rebuild()
        yield publish_month(MONTH, acting_user=None).snapshot
        transaction.set_rollback(True)


@pytest.fixture
def clock() -> Iterator[None]:
    with time_machine.travel(DAY, tick=False):
        yield
