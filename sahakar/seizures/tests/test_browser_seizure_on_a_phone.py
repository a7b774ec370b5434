"""A field officer records a seizure of three drug items on a 390 px phone, in a real
browser, in under two minutes at human pace.

The page fills in the time, the org unit (the officer's one jurisdiction) and the agency;
each item needs its substance and its quantity, the form and unit being narrowed to the
substance and the first that fits suggested. The script does what the officer does, with
as few steps as the page allows, and counts them: each field filled or picked is taken at
3 s, each tap at 1 s. The total must stay under two minutes and the seizure is saved with
its three items."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from sahakar.arrests.tests.test_browser_overdue_banner import CHROMIUM
from sahakar.evidence.tests.test_browser_evidence_pages import browser, phone_as, session_of
from sahakar.reference.loader import load_country
from sahakar.seizures.models import Seizure
from sahakar.substances.models import Substance
from sahakar.testing import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]
SECONDS_PER_FIELD = 3
SECONDS_PER_TAP = 1


@dataclass
class Officer:
    """Drives the page and counts what a person would do."""

    page: Any
    fields: int = 0
    taps: int = 0

    def fill(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self.fields += 1

    def pick(self, selector: str, value: str) -> None:
        self.page.select_option(selector, value)
        self.fields += 1

    def tap(self, selector: str) -> None:
        self.page.tap(selector)
        self.taps += 1

    @property
    def seconds(self) -> int:
        return self.fields * SECONDS_PER_FIELD + self.taps * SECONDS_PER_TAP


def test_it_records_three_items_on_a_phone_in_under_two_minutes(live_server: Any) -> None:
    load_country("kh")  # the transactional database starts empty
    officer_user = f.make_user("pp_officer", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    session = session_of(officer_user)
    substances = {
        code: str(Substance.objects.get(code=code).pk) for code in ("METH", "KET", "CANN")
    }
    items = [("METH", "2000"), ("KET", "15"), ("CANN", "300")]

    with browser() as chromium:
        page = phone_as(chromium, session, live_server.url, "en")
        page.goto(f"{live_server.url}/seizures/add/")
        officer = Officer(page)
        officer.fill("input[name=place_description]", "Street 271, near the market")
        for index, (code, quantity) in enumerate(items):
            if index:
                officer.tap("button[data-add-row=items]")
            officer.pick(f"select[name=items-{index}-substance]", substances[code])
            officer.fill(f"input[name=items-{index}-quantity]", quantity)
        officer.tap("form.record-form button.primary[type=submit]")
        page.wait_for_url(re.compile(r"/seizures/\d+/$"))
        width = page.evaluate("document.documentElement.scrollWidth")

    assert officer.fields == 7  # the place, then substance and quantity per item
    assert officer.taps == 3  # "Add another" twice, then Save
    assert officer.seconds < 120, officer.seconds
    assert width <= 390
    seizure = Seizure.objects.get()
    assert seizure.org_unit == f.unit(f.PHNOM_PENH)
    assert seizure.seizing_agency.code == "ADB-PP"
    recorded = sorted((i.substance.code, i.form, i.unit, i.quantity) for i in seizure.items.all())
    assert recorded == [
        ("CANN", "plant_material", "g", Decimal(300)),
        ("KET", "powder", "g", Decimal(15)),
        ("METH", "tablet", "tablets", Decimal(2000)),
    ]
