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
    """One daemon thread per process, woken by commits."""

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._start = threading.Lock()
        self._thread: threading.Thread | None = None
        self._using: set[str] = set()
        self._idle = threading.Event()

    def poke(self, using: str) -> None:
        self._using.add(using)
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="statistics-refresh", daemon=True
                )
                self._thread.start()
        self._wake.set()

    def wait_idle(self, timeout: float) -> bool:
        """Whether the thread is (or becomes, within `timeout` seconds) idle: for tests."""
        return self._thread is None or self._idle.wait(timeout)

    def _run(self) -> None:
        from sahakar.statistics import refresh

        while True:
            self._idle.set()
            self._wake.wait()
            self._idle.clear()
            self._wake.clear()
            try:  # a connection the database dropped is opened anew
                close_old_connections()
            except Exception:
                logger.exception("statistics refresh: could not recycle the connections")
            for using in sorted(self._using):
                refresh.refresh_after_commit(using)  # logs its own failures, never raises


REFRESHER = Refresher()


def after_commit(using: str) -> None:
    """Called once a transaction that marked slices has committed."""
    if getattr(settings, "SAHAKAR_STATISTICS_REFRESH", "background") == "inline":
        from sahakar.statistics.refresh import refresh_after_commit

        refresh_after_commit(using)
    else:
        REFRESHER.poke(using)
