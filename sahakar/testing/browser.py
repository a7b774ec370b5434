"""What the browser tests share: Debian's Chromium driven by Playwright, and signed-in sessions.

Sessions are made before the browser's event loop runs: the database is not to be touched
from inside it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from sahakar.conftest import VerifiedClient, login

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def browser() -> Iterator[Any]:
    """The system's Chromium, closed afterwards."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def session_of(user: Any) -> str:
    """A signed-in session (second factor passed) of `user`, as its cookie value."""
    client = login(VerifiedClient(), user)
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)
