"""In a real browser: an officer signs in, sees the home page's warning of an overdue custody,
follows it to the due list and finds the overdue custody there.

Runs the system's Chromium through Playwright (no download) against pytest-django's live
server. The live server needs a transactional database, which starts empty and is flushed
afterwards, so the test loads the reference data itself (as core's concurrency test does);
pytest-django runs transactional tests after all others, so the flush disturbs none of them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from sahakar.arrests.tests.conftest import hours_ago, record
from sahakar.reference.loader import load_country
from sahakar.testing import factories as f
from sahakar.testing.browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]


@contextmanager
def chromium_page() -> Iterator[Any]:
    """A page in the system's Chromium. Playwright's sync API runs an event loop in this
    thread, where Django refuses database calls: open it only once the data is in place."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


def test_it_leads_an_officer_from_the_banner_to_the_overdue_custody(live_server: Any) -> None:
    load_country("kh")  # the transactional database starts empty
    f.make_user("pp_officer", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    unit = f.first_district(f.PHNOM_PENH)
    overdue = record(
        unit, arrived_at=hours_ago(50), person=f.make_person(unit, name_latin="Late Lim")
    )
    on_time = record(unit, arrived_at=hours_ago(2))

    with chromium_page() as page:
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", "pp_officer")
        page.fill("input[name=password]", f.PASSWORD)
        page.click("button[type=submit], main button.primary")
        page.wait_for_url(f"{live_server.url}/")

        banner = page.locator(".custody-banner")
        assert "1 custody in your jurisdiction is past its legal deadline" in banner.inner_text()
        banner.get_by_role("link").click()
        page.wait_for_url(f"{live_server.url}/arrests/due/")

        row = page.locator("tbody tr", has_text=overdue.reference)
        assert row.count() == 1
        assert "overdue" in row.inner_text() and "Late Lim" in row.inner_text()
        assert on_time.reference not in page.content()
