"""In a real browser, after a refused save, focus is on the error summary at the top of the
form (static/sahakar/error-summary.js), and its link takes the user to the wrong field."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from sahakar.arrests.tests.test_browser_overdue_banner import CHROMIUM
from sahakar.evidence.tests.test_browser_evidence_pages import browser, phone_as, session_of
from sahakar.reference.loader import load_country
from sahakar.testing import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]


def test_it_moves_focus_to_the_summary_and_links_to_the_field(live_server: Any) -> None:
    load_country("kh")  # the transactional database starts empty
    user = f.make_user("pp_officer", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    session = session_of(user)

    with browser() as chromium:
        page = phone_as(chromium, session, live_server.url, "en")
        page.goto(f"{live_server.url}/seizures/add/")
        page.tap("form.record-form button.primary[type=submit]")
        page.wait_for_selector("[data-error-summary]")
        page.wait_for_function("document.activeElement.matches('[data-error-summary]')")
        page.click("[data-error-summary] a[href='#id_place_description']")
        focused = page.evaluate("document.activeElement.id")

    assert focused == "id_place_description"
