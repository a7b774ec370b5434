"""In a real browser, the layout's mechanisms on a phone (360 and 390 px), on a desktop
(1366 px) and on paper:

- no page scrolls sideways on a phone, in English or Khmer: home, a list, a record, a form and
  an audit entry whose hashes and JSON are long;
- a list's rows read as cards of label and value pairs, its page links are 44 px targets;
- a record's facts stack, label above value;
- the navigation is a "Menu" that opens without JavaScript; on a desktop it is a plain row of
  links and lists stay tables;
- printed, a record shows no navigation, its tables in full, and a mark with its reference and
  when and by whom it was printed.

Runs the system's Chromium through Playwright like the other browser tests; the users are
signed in by their session cookie. Set SAHAKAR_SCREENSHOTS=/some/folder to keep screenshots.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings

from sahakar.audit.models import AuditEntry
from sahakar.reference.loader import load_country
from sahakar.testing import factories as f
from sahakar.testing.browser import CHROMIUM, browser, session_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]
BUILT_AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 in Phnom Penh
# A note with no space to break at, as scanned codes and hashes are.
UNBROKEN = "SCAN-" + "0123456789ABCDEF" * 8


@dataclass
class Site:
    officer_session: str
    auditor_session: str
    seizure: str
    audit_entry: str


def build() -> Site:
    """A Phnom Penh officer's records: 30 venues (two pages of them), an operation, a seizure
    with an item and an unbroken note; an auditor; the audit entry of the seizure's creation."""
    load_country("kh")  # the transactional database starts empty
    with time_machine.travel(BUILT_AT, tick=False):
        pp = f.unit(f.PHNOM_PENH)
        officer = f.make_user("pp_officer", "field_officer", pp, "ADB-PP")
        auditor = f.make_user("auditor", "auditor", f.nation(), "NACD")
        for n in range(30):
            f.make_venue(pp, name=f"Karaoke Golden Star {n}, Street 51, Boeng Keng Kang")
        f.make_operation(pp, lead="ADB-PP")
        seizure = f.make_seizure(pp, "ADB-PP", notes=UNBROKEN)
        f.make_item(seizure, markings="WY, red, round tablets with a score line on one side")
        entry = AuditEntry.objects.exclude(after=None).order_by("-seq").first()
        assert entry is not None
    return Site(
        session_of(officer),
        session_of(auditor),
        seizure.get_absolute_url(),
        f"/audit/{entry.pk}/",
    )


def page_of(
    chromium: Any, session: str, url: str, width: int, language: str = "en", script: bool = True
) -> Any:
    """A page `width` px wide, signed in with `session`, in `language`."""
    phone = width < 800
    context = chromium.new_context(
        viewport={"width": width, "height": 800 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
        java_script_enabled=script,
    )
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def open_(page: Any, url: str, name: str) -> int:
    """Open `url` (answering 200); how wide the document is."""
    response = page.goto(url)
    assert response.status == 200, url
    keep = os.environ.get("SAHAKAR_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(keep) / f"{name}.png"), full_page=True)
    return int(page.evaluate("document.documentElement.scrollWidth"))


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return dict(found)


def facts_stack(page: Any) -> bool:
    """Whether the first fact shows its value under its label."""
    label, value = box(page, "dl.facts dt"), box(page, "dl.facts dd")
    return abs(label["x"] - value["x"]) < 2 and value["y"] >= label["y"] + label["height"] - 1


def cell_label(page: Any, selector: str) -> str:
    """The label a card shows before a cell (its ::before content), quotes removed."""
    return str(
        page.eval_on_selector(selector, "td => getComputedStyle(td, '::before').content")
    ).strip('"')


@pytest.mark.parametrize("language", ["en", "km"])
def test_it_fits_a_phone_and_turns_lists_into_cards(live_server: Any, language: str) -> None:
    site = build()
    url = live_server.url
    officer_pages = {
        "home": "/",
        "venues": "/venues/",
        "seizure": site.seizure,
        "seizure-form": "/seizures/add/",
        "arrest-form": "/arrests/add/",
    }
    too_wide: dict[str, int] = {}
    with browser() as chromium:
        for width in (360, 390):
            page = page_of(chromium, site.officer_session, url, width, language)
            for name, path in officer_pages.items():
                wide = open_(page, url + path, f"{language}-{width}-{name}")
                if wide > width:
                    too_wide[f"{name}@{width}"] = wide
                if name == "venues":
                    # Each row a card: cells stacked, each led by its column's name.
                    first_cell = "table tbody tr:first-child td:nth-child(2)"
                    row = "table tbody tr:first-child"
                    assert page.eval_on_selector(row, "tr => getComputedStyle(tr).display") == (
                        "block"
                    )
                    assert page.eval_on_selector(
                        first_cell, "td => getComputedStyle(td).display"
                    ) in ("block", "flow-root")
                    header = page.locator("table thead th:nth-child(2)").inner_text().strip()
                    assert cell_label(page, first_cell) == header
                    assert page.locator("table tbody tr").count() == 25
                    links = page.locator(".pagination a")
                    assert links.count() >= 2
                    for n in range(links.count()):
                        target = links.nth(n).bounding_box()
                        assert target["width"] >= 44 and target["height"] >= 44
                    assert page.locator(".pagination a[aria-current=page]").inner_text() == "1"
                if name == "seizure":
                    assert facts_stack(page), "a record's facts should stack on a phone"
                    assert page.get_by_text(UNBROKEN).is_visible()
                    assert cell_label(page, ".cards tbody td:nth-child(5)") != ""
            page = page_of(chromium, site.auditor_session, url, width, language)
            wide = open_(page, url + site.audit_entry, f"{language}-{width}-audit-entry")
            if wide > width:
                too_wide[f"audit-entry@{width}"] = wide
            # Detail, before and after read as rows of labelled values; the hashes wrap.
            assert page.locator("dl.facts dd").count() >= 10
            assert page.locator("dl.facts code").first.is_visible()
    assert too_wide == {}


def test_it_folds_the_navigation_into_a_menu_that_needs_no_script(live_server: Any) -> None:
    site = build()
    url = live_server.url
    with browser() as chromium:
        page = page_of(chromium, site.officer_session, url, 390, script=False)
        open_(page, url + "/venues/", "menu-closed")
        menu = page.locator(".topbar .menu > summary")
        venues = page.locator(".topbar nav a[href='/venues/']")
        assert menu.is_visible() and not venues.is_visible()
        # Closed, the menu leaves three short rows: the brand and the menu, the search box,
        # the user and the language.
        assert box(page, ".topbar")["height"] < 160
        menu.click()
        assert venues.is_visible()
        nav_link = venues.bounding_box()
        assert nav_link is not None and nav_link["height"] >= 44
        venues.click()
        assert page.url == url + "/venues/"

        # On a desktop: no Menu button, the links in a row, the list a table.
        page = page_of(chromium, site.officer_session, url, 1366)
        assert open_(page, url + "/venues/", "menu-desktop") <= 1366
        assert not page.locator(".topbar .menu > summary").is_visible()
        links = page.locator(".topbar nav a")
        assert links.first.is_visible()
        tops = {round(links.nth(n).bounding_box()["y"]) for n in range(links.count())}
        assert len(tops) == 1, "the navigation should be one row on a desktop"
        assert (
            page.eval_on_selector("table tbody td", "td => getComputedStyle(td).display")
            == "table-cell"
        )
        assert page.locator("table thead th").first.is_visible()


def test_it_prints_a_record_with_its_reference_and_without_the_navigation(
    live_server: Any,
) -> None:
    site = build()
    url = live_server.url
    with browser() as chromium:
        page = page_of(chromium, site.officer_session, url, 390)
        open_(page, url + site.seizure, "print-screen")
        mark = page.locator(".print-mark")
        assert not mark.is_visible()  # on screen, the print mark is not shown
        reference = page.locator("h1").inner_text().strip()

        page.emulate_media(media="print")
        assert mark.is_visible()
        assert reference in mark.inner_text()
        assert "pp_officer" in mark.inner_text()
        assert mark.evaluate("e => getComputedStyle(e).position") == "fixed"
        for hidden in (".topbar", "footer", ".page-head .actions", ".history form"):
            assert all(not el.is_visible() for el in page.locator(hidden).all()), hidden
        # Tables in full: a table again (no cards), nothing scrolled out of sight.
        table = page.locator(".table-wrap").first
        assert table.evaluate("e => getComputedStyle(e).overflowX") == "visible"
        assert (
            page.eval_on_selector(".cards tbody td", "td => getComputedStyle(td).display")
            == "table-cell"
        )
        assert page.locator("table thead th").first.is_visible()
        pdf = page.pdf(prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF")
