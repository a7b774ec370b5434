"""In a real browser: the national dashboard over the tiny demo draws its charts and the
province map with 25 provinces, shows the numbers the figures API answers, and fits a
390-pixel phone screen without scrolling sideways.

Uses the system's Chromium through Playwright like the other browser tests (see
arrests/tests/test_browser_overdue_banner.py). The session cookie of a signed-in test client
(second factor passed) is handed to the browser."""

from __future__ import annotations

import shutil
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sahakar.arrests.tests.test_browser_overdue_banner import CHROMIUM, chromium_page
from sahakar.conftest import VerifiedClient
from sahakar.demo.tests.conftest import DEMO_DAY
from sahakar.reference.loader import load_country

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]

QUERY = "start=2025-12&end=2026-11"


def test_it_draws_the_national_dashboard(live_server: Any) -> None:
    with time_machine.travel(DEMO_DAY, tick=True):
        load_country("kh")  # the transactional database starts empty
        call_command("demo", "--size", "tiny", "--seed", "7", stdout=StringIO())
        client = VerifiedClient()
        client.force_login(get_user_model().objects.get(username="analyst"))
        session = client.cookies["sessionid"].value
        api = client.get(
            "/api/v1/statistics/figures/",
            {"family": "seizure", "measures": "seizures", "from": "2025-12", "to": "2026-11"},
        ).json()
        kg = client.get(
            "/api/v1/statistics/figures/",
            {"family": "drug", "measures": "kg", "from": "2025-12", "to": "2026-11"},
        ).json()

        with chromium_page() as page:
            host = live_server.url.split("//", 1)[1].split(":")[0]
            page.context.add_cookies(
                [{"name": "sessionid", "value": session, "domain": host, "path": "/"}]
            )
            page.goto(f"{live_server.url}/statistics/?{QUERY}")
            page.wait_for_selector(".stats-map .chart[data-rendered=true]")
            drawn = page.evaluate(
                """() => Object.fromEntries(Object.entries(window.sahakarCharts).map(
                    ([key, chart]) => [key, chart.getOption().series[0].data.length]))"""
            )
            canvases = page.locator(".chart canvas").count()
            shown = {
                key: page.get_attribute(f'[data-figure="{key}"]', "data-value")
                for key in ("seizures", "kg")
            }
            attribution = page.inner_text(".stats-map .attribution")

            page.set_viewport_size({"width": 390, "height": 844})
            page.wait_for_timeout(400)  # the charts redraw on resize
            overflow = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )

    assert drawn["map"] == 25
    assert {"trend", "substance", "agency", "venue", "custody", "outcome", "reach"} <= set(drawn)
    assert canvases >= len(drawn)
    assert shown["seizures"] == str(api["rows"][0]["seizures"])
    assert shown["kg"] == kg["rows"][0]["kg"]
    assert "OpenStreetMap contributors" in attribution
    assert overflow[0] <= overflow[1]
