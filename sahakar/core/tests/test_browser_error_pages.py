"""In a real browser: the 404 page wears the header with the logo and the menu's icons, all
loaded from the app's own static files with no Content-Security-Policy complaint.

Set SAHAKAR_SCREENSHOTS=<folder> to keep a picture of the page at phone and desktop width.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sahakar.arrests.tests.test_browser_overdue_banner import chromium_page, pytestmark
from sahakar.reference.loader import load_country
from sahakar.testing import factories as f

__all__ = ["pytestmark"]


def test_it_draws_the_404_page_with_the_logo_and_icons(live_server: Any) -> None:
    load_country("kh")  # the transactional database starts empty
    f.make_user("pp_officer", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    shots = os.environ.get("SAHAKAR_SCREENSHOTS")

    with chromium_page() as page:
        complaints: list[str] = []
        page.on("console", lambda message: complaints.append(message.text))
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", "pp_officer")
        page.fill("input[name=password]", f.PASSWORD)
        page.click("button[type=submit], main button.primary")
        page.wait_for_url(f"{live_server.url}/")

        response = page.goto(f"{live_server.url}/venues/999999/")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        logo = page.locator(".brand img.logo")
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
        icons = page.locator("header nav svg.icon")
        assert icons.count() >= 5
        box = icons.first.bounding_box()
        assert box is not None and box["width"] > 0
        assert not [c for c in complaints if "Content Security Policy" in c]
        if shots:
            for width in (390, 1366):
                page.set_viewport_size({"width": width, "height": 800})
                page.screenshot(path=str(Path(shots) / f"404-{width}.png"), full_page=True)
