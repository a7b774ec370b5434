"""In a real browser, without signing in: the public figures of the demo's last published
month, in English and Khmer, on a desktop and a 390-pixel phone screen. The tables show the
published cells and fit the screen (wide tables scroll inside their own box, the page never
scrolls sideways).

Uses the system's Chromium through Playwright like the other browser tests."""

from __future__ import annotations

import shutil
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from sahakar.arrests.tests.test_browser_overdue_banner import CHROMIUM, chromium_page
from sahakar.demo.tests.conftest import DEMO_DAY
from sahakar.public.models import Snapshot
from sahakar.reference.loader import load_country

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]

WIDTHS = (390, 1366)
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_it_shows_the_published_figures_on_any_screen(live_server: Any) -> None:
    with time_machine.travel(DEMO_DAY, tick=True):
        load_country("kh")  # the transactional database starts empty
        call_command("demo", "--size", "tiny", "--seed", "7", stdout=StringIO())
    latest = Snapshot.objects.order_by("-month", "-revision").first()
    assert latest is not None
    first_table = latest.content["tables"][0]

    with chromium_page() as page:
        for language, heading in (("en", "Drug crime figures for"), ("km", "តួលេខបទល្មើសគ្រឿងញៀន")):
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                response = page.goto(f"{live_server.url}/public/?lang={language}")
                assert response is not None and response.status == 200
                assert heading in page.locator("h1").inner_text()
                assert page.evaluate(OVERFLOW) <= 0, f"{language} at {width} px scrolls sideways"
                table = page.locator(f"table#{first_table['name']}")
                assert table.locator("tbody tr").count() == len(first_table["rows"])
                assert latest.sha256 in page.locator(".provenance").first.inner_text()
        assert page.context.cookies() == []  # no session, no CSRF cookie
