"""The main pages in Khmer show none of the known English phrases
(sahakar/testing/english_phrases.py): labels, Django's messages, law names, countries, record
types, dates. The browser suite checks the same list on every page as the demo personas."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from sahakar.arrests.tests.conftest import record
from sahakar.cases.tests.conftest import make_case
from sahakar.testing import factories as f
from sahakar.testing.english_phrases import english_phrases_in

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


class VisibleText(HTMLParser):
    """The text a reader sees: no scripts, styles or attribute values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture
def khmer(signed_in: Any, pp_investigator: Any) -> Any:
    client = signed_in("pp_investigator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    return client


def test_it_shows_no_english_on_the_main_pages_in_khmer(khmer: Any, pp_investigator: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        unit = f.first_district(f.PHNOM_PENH)
        person = f.make_person(unit, nationality="TH", name_latin="Sok Dara")
        seizure = f.make_seizure(unit, agency_code="ADB-PP")
        f.make_item(seizure, origin_country="LA")
        arrest = record(unit, person=person, seizures=[seizure])
        case = make_case(pp_investigator)
        venue = f.make_venue(unit, name="Phsar Thmei guesthouse")
        operation = f.make_operation(f.unit(f.PHNOM_PENH), lead="ADB-PP")
        pages = [
            "/",
            "/venues/",
            "/venues/add/",
            venue.get_absolute_url(),
            "/operations/",
            operation.get_absolute_url(),
            "/seizures/",
            "/seizures/add/",
            seizure.get_absolute_url(),
            "/persons/",
            person.get_absolute_url(),
            "/arrests/",
            "/arrests/add/",
            arrest.get_absolute_url(),
            "/cases/",
            case.get_absolute_url(),
        ]
        found = {}
        for url in pages:
            response = khmer.get(url)
            assert response.status_code == 200, url
            phrases = english_phrases_in(visible_text(response.content.decode()))
            if phrases:
                found[url] = phrases
    assert found == {}
