"""Every main page, in a real browser, as the demo persona whose work it is, on a phone
(390 px) and on a laptop (1366 px), in English and in Khmer: the page opens, nothing makes
it scroll sideways, no known English phrase shows in Khmer (testing/english_phrases.py),
and axe-core finds no serious or critical accessibility violation.

The tiny demo is loaded on a fixed day, its clock ticking on from there while the pages are
visited. One browser and one live server; each persona's pages are visited in a loop, each
loaded once and checked at each width (the viewport is resized: the layout follows it as on
a phone). Every failure is collected, so that one run lists every page, width and language
that fails and why. Set SAHAKAR_SCREENSHOTS=/some/folder to keep a screenshot of each page.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from datetime import datetime
from io import StringIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sahakar.conftest import VerifiedClient, login
from sahakar.evidence.inventories import start_inventory
from sahakar.evidence.models import EvidenceStore
from sahakar.reference.loader import load_country
from sahakar.testing import page_checks
from sahakar.testing.browser import CHROMIUM, browser
from sahakar.testing.main_pages import ANONYMOUS, MainPage, main_pages

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]
DEMO_DAY = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
# The browser's own locale too, as on an officer's phone (date pickers, number inputs).
LOCALES = {"en": "en-GB", "km": "km-KH"}
WIDTHS = {390: {"width": 390, "height": 844}, 1366: {"width": 1366, "height": 768}}


def load_demo() -> tuple[list[MainPage], list[str], dict[str, str]]:
    """The tiny demo; the pages to visit, the detail pages lacking a record, and a signed-in
    session (second factor passed) for each persona. Made before the browser's event loop
    runs: the database is not to be touched from inside it."""
    load_country("kh")  # the transactional database starts empty
    call_command("demo", "--size", "tiny", "--seed", "7", stdout=StringIO())
    custodian = get_user_model().objects.get(username="custodian")
    vault = EvidenceStore.objects.get(code="ADB-PP-VAULT")
    start_inventory(vault, reason="Quarterly count", acting_user=custodian)
    pages, missing = main_pages()
    users = get_user_model().objects
    sessions = {
        persona: str(
            login(VerifiedClient(), users.get(username=persona))
            .cookies[settings.SESSION_COOKIE_NAME]
            .value
        )
        for persona in {page.persona for page in pages} - {ANONYMOUS}
    }
    return pages, missing, sessions


def open_as(browser: Any, url: str, session: str | None, language: str) -> Any:
    """A tab in `session` (none: anonymous), in `language`. Its viewport is set per check:
    the layout follows the width as on a phone, and each page is loaded once."""
    context = browser.new_context(viewport=WIDTHS[max(WIDTHS)], locale=LOCALES[language])
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url}]
    if session:
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url})
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def check_page(tab: Any, where: str, language: str, failures: dict[str, list[str]]) -> None:
    """Every check on the open page, at each width; English phrases once (all text, hidden
    or not, is read whatever the width)."""
    keep = os.environ.get("SAHAKAR_SCREENSHOTS")
    if language == "km":
        failures["english"].extend(f"{where}: {why}" for why in page_checks.english(tab))
    for width, viewport in WIDTHS.items():
        tab.set_viewport_size(viewport)
        here = f"{where} {width}px"
        failures["overflow"].extend(f"{here}: {why}" for why in page_checks.overflow(tab))
        failures["accessibility"].extend(f"{here}: {why}" for why in page_checks.accessibility(tab))
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            name = where.split(" /")[0].replace(" ", "-")
            tab.screenshot(path=str(Path(keep) / f"{name}-{width}.png"), full_page=True)


def visit_all(
    url: str, pages: list[MainPage], sessions: dict[str, str], language: str
) -> dict[str, list[str]]:
    """Open every page as its persona; what fails, by check: 'where: why' lines."""
    failures: dict[str, list[str]] = defaultdict(list)
    by_persona: dict[str, list[MainPage]] = defaultdict(list)
    for main_page in pages:
        by_persona[main_page.persona].append(main_page)
    with browser() as chromium:
        for persona, visits in by_persona.items():
            tab = open_as(chromium, url, sessions.get(persona), language)
            for visit in visits:
                where = f"{language} {visit.name} {visit.path} ({persona or 'anonymous'})"
                tab.set_viewport_size(WIDTHS[min(WIDTHS)])
                response = tab.goto(url + visit.path)
                if response is None or response.status != 200 or tab.url != url + visit.path:
                    status = response.status if response else "no answer"
                    failures["opens"].append(f"{where}: {status}, at {tab.url}")
                    continue
                check_page(tab, where, language, failures)
            tab.context.close()
    return failures


@pytest.mark.parametrize("language", ["en", "km"])
def test_every_main_page_fits_reads_in_its_language_and_is_accessible(
    live_server: Any, language: str
) -> None:
    with time_machine.travel(DEMO_DAY, tick=True):
        pages, missing, sessions = load_demo()
        failures = visit_all(live_server.url, pages, sessions, language)
    failures["missing"] = [f"the demo holds no record for the {name} page" for name in missing]
    report = "\n".join(
        f"{check} ({len(lines)}):\n  " + "\n  ".join(lines)
        for check, lines in sorted(failures.items())
        if lines
    )
    assert not report, f"{len(pages)} pages x {len(WIDTHS)} widths in {language}:\n{report}"
