"""On a phone (390 px wide), in a real browser, in English and in Khmer: the evidence room's
main pages fit the screen. Wide tables scroll inside their own frame; nothing makes the page
itself scroll sideways. A custodian sees the exhibit list, an exhibit, the store, the
laboratory requests, the weight discrepancies and an inventory; a prosecutor sees the
disposal queue with its approve buttons (whose hidden column label once pushed the page to
twice the screen's width).

Runs the system's Chromium through Playwright like the other browser tests; the users are
signed in by their session cookie. Set SAHAKAR_SCREENSHOTS=/some/folder to keep the
screenshots.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings

from sahakar.evidence import services
from sahakar.evidence.inventories import start_inventory
from sahakar.evidence.tests.disposal_setup import eligible_exhibit
from sahakar.reference.loader import load_country
from sahakar.testing import factories as f
from sahakar.testing.browser import CHROMIUM, browser, session_of
from sahakar.testing.evidence import EvidenceRoom, evidence_room, take_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]
PHONE = {"width": 390, "height": 844}
BUILT_AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 in Phnom Penh


def build(room: EvidenceRoom) -> dict[str, int]:
    """Exhibits held, on their way to the laboratory, weighed short, and eligible for
    disposal; an open inventory of the vault."""
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    held = take_in(room, seizure)
    services.weigh(  # far below the 2,000 tablets counted: a discrepancy opens
        held, net_quantity=Decimal("1500"), net_unit="tablets", acting_user=room.custodian
    )
    to_lab = take_in(room, seizure)
    services.move(to_lab, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    eligible_exhibit(room)
    take_in(room)
    inventory = start_inventory(room.vault, reason="Quarterly count", acting_user=room.custodian)
    return {"held": held.pk, "to_lab": to_lab.pk, "inventory": inventory.pk}


def phone_as(chromium: Any, session: str, url: str, language: str) -> Any:
    """A phone-sized page in `session`, in `language`."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def overflow(page: Any, url: str, name: str) -> tuple[int, int]:
    """Open `url`; the page's status and how wide its document is."""
    response = page.goto(url)
    keep = os.environ.get("SAHAKAR_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(keep) / f"{name}.png"), full_page=True)
    return response.status, page.evaluate("document.documentElement.scrollWidth")


def facts_stack(page: Any) -> bool:
    """Whether the page's first fact shows its value under its label (phone layout)."""
    return bool(
        page.evaluate(
            """() => {
              const dt = document.querySelector('dl.facts dt');
              const dd = dt && dt.nextElementSibling;
              if (!dd) return false;
              const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
              return Math.abs(a.left - b.left) < 2 && b.top >= a.bottom - 1;
            }"""
        )
    )


@pytest.mark.parametrize("language", ["en", "km"])
def test_the_main_evidence_pages_fit_a_phone_screen(live_server: Any, language: str) -> None:
    load_country("kh")  # the transactional database starts empty
    with time_machine.travel(BUILT_AT, tick=False):
        room = evidence_room()
        made = build(room)
        prosecutor = f.make_user("pp_prosecutor", "prosecutor", f.unit(f.PHNOM_PENH), "PPO-PP")
    url = live_server.url
    custodian_pages = {
        "exhibit-list": "/evidence/exhibits/",
        "exhibit-held": f"/evidence/exhibits/{made['held']}/",
        "exhibit-in-transit": f"/evidence/exhibits/{made['to_lab']}/",
        "store": f"/evidence/stores/{room.vault.pk}/",
        "lab-requests": "/evidence/lab-requests/",
        "discrepancies": "/evidence/weight-discrepancies/",
        "inventory": f"/evidence/inventories/{made['inventory']}/",
    }
    custodian_session, prosecutor_session = session_of(room.custodian), session_of(prosecutor)
    widths: dict[str, tuple[int, int]] = {}
    with browser() as chromium:
        page = phone_as(chromium, custodian_session, url, language)
        for name, path in custodian_pages.items():
            widths[name] = overflow(page, url + path, f"{language}-{name}")
            if name == "exhibit-held":
                assert facts_stack(page), "the exhibit's facts should stack on a phone"
                assert page.locator(".weight-line tbody tr").count() >= 2
            if name == "discrepancies":
                assert page.locator("table tbody tr").count() == 1
        page = phone_as(chromium, prosecutor_session, url, language)
        widths["disposal-queue"] = overflow(
            page, url + "/evidence/disposal/", f"{language}-disposal"
        )
        assert page.locator("a[href*='approve-disposal']").count() == 1

    assert {name: status for name, (status, _) in widths.items()} == dict.fromkeys(widths, 200)
    too_wide = {name: width for name, (_, width) in widths.items() if width > PHONE["width"]}
    assert too_wide == {}
