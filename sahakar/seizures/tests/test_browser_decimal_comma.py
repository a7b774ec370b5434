"""In a real browser, on the Khmer pages: "2,5" typed as a quantity in kilograms is saved as
2.5 kg (a number input would have dropped the comma and sent 25).

Uses the system's Chromium through Playwright, like the other browser tests (see
arrests/tests/test_browser_overdue_banner.py for why the data is set up first)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from sahakar.agencies.models import Agency
from sahakar.arrests.tests.test_browser_overdue_banner import CHROMIUM, chromium_page
from sahakar.reference.loader import load_country
from sahakar.seizures.models import SeizureItem
from sahakar.substances.models import Substance
from sahakar.testing import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]


def test_it_saves_a_quantity_typed_with_the_khmer_decimal_comma(live_server: Any) -> None:
    load_country("kh")  # the transactional database starts empty
    f.make_user("pp_officer", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    org_unit = str(f.unit(f.PHNOM_PENH).pk)
    agency = str(Agency.objects.get(code="ADB-PP").pk)
    meth = str(Substance.objects.get(code="METH").pk)
    seized_at = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")

    with chromium_page() as page:
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", "pp_officer")
        page.fill("input[name=password]", f.PASSWORD)
        page.click("button[type=submit], main button.primary")
        page.wait_for_url(f"{live_server.url}/")
        page.click("button[name=language][value=km]")
        page.wait_for_selector("html[lang=km]")

        page.goto(f"{live_server.url}/seizures/add/")
        page.fill("input[name=seized_at]", seized_at)
        page.select_option("select[name=org_unit]", org_unit)
        page.fill("input[name=place_description]", "ផ្លូវជាតិលេខ ៥")
        page.select_option("select[name=seizing_agency]", agency)
        page.select_option("select[name=items-0-substance]", meth)
        page.select_option("select[name=items-0-form]", "crystal")
        page.locator("input[name=items-0-quantity]").press_sequentially("2,5")
        page.select_option("select[name=items-0-unit]", "kg")
        page.click("form.record-form button.primary[type=submit]")
        page.wait_for_url(f"{live_server.url}/seizures/*/")
        shown = page.content()

    assert SeizureItem.objects.get().quantity == Decimal("2.5")
    assert "2,5" in shown
