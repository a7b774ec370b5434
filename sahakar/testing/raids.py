"""A raid on a fixed morning, for tests of what falls inside an operation's actual time.

The clock stands at NOW (10:00 in Phnom Penh on 10 March 2026) while `raid_day()` is entered,
so the tests never depend on the day they run.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from sahakar.operations.models import Operation
from sahakar.testing import factories as f

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


def raid_day() -> Any:
    """The clock stopped at NOW, as a context manager."""
    return time_machine.travel(NOW, tick=False)


def raid(status: str = "closed") -> Operation:
    """A Phnom Penh raid from 04:00 to 10:00 on NOW's day (planned so; it ran so unless it
    is still planned)."""
    return f.make_operation(
        f.unit(f.PHNOM_PENH), status=status, planned_start=NOW - timedelta(hours=6)
    )
