"""Who runs the refresh after a write commits: a thread of the app's own process, so that the
person who saved does not wait for the figures (the default), or the committing thread itself
(`SAHAKAR_STATISTICS_REFRESH=inline`: the test suite, and scripts that read figures straight
after writing).

The thread is started by the first write of each process (a gunicorn worker, runserver), wakes
on every commit and refreshes everything pending, its own slices and any a crash left behind.
Nothing is lost if the process dies: the pending slices stay in the database for the next
refresh, or for `manage.py rebuild_statistics --pending`. No broker, no separate worker.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Refresher:
    """One daemon thread per process, woken by commits. Every wake-up asks for one refresh
    that starts after it; several asked for while one runs are served by the next."""

    def __init__(self) -> None:
        self._state = threading.Condition()
        self._asked = 0  # refreshes asked for
        self._served = 0  # of those, the ones a finished refresh started after
        self._using: set[str] = set()
        self._thread: threading.Thread | None = None

    def poke(self, using: str) -> None:
        with self._state:
            self._using.add(using)
            self._asked += 1
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="statistics-refresh", daemon=True
                )
                self._thread.start()
            self._state.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Whether every refresh asked for so far is done (waiting up to `timeout` seconds)."""
        with self._state:
            asked = self._asked
            return self._state.wait_for(lambda: self._served >= asked, timeout)

    def _run(self) -> None:
        from sahakar.statistics import refresh

        while True:
            with self._state:
                self._state.wait_for(lambda: self._asked > self._served)
                asked, using = self._asked, sorted(self._using)
            try:  # a connection the database dropped is opened anew
                close_old_connections()
            except Exception:
                logger.exception("statistics refresh: could not recycle the connections")
            for alias in using:
                refresh.refresh_after_commit(alias)  # logs its own failures, never raises
            with self._state:
                self._served = asked
                self._state.notify_all()


REFRESHER = Refresher()


def after_commit(using: str) -> None:
    """Called once a transaction that marked slices has committed."""
    if getattr(settings, "SAHAKAR_STATISTICS_REFRESH", "background") == "inline":
        from sahakar.statistics.refresh import refresh_after_commit

        refresh_after_commit(using)
    else:
        REFRESHER.poke(using)
