"""With JavaScript, finding the person on the arrest page fetches only the persons (htmx):
everything typed in the arrest's fields stays, the person is picked from the results, and
the arrest is recorded with what was typed before the search. The round trip without
JavaScript is test_record_page_keeps_typed_fields."""

from __future__ import annotations

import re
import shutil
from typing import Any

import pytest

from sahakar.arrests.models import Arrest, Offence
from sahakar.arrests.tests.conftest import FELONY
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


def officer_and_suspect() -> tuple[Any, str, str]:
    """A Phnom Penh officer's session, a suspect already in the record, and a felony."""
    load_country("kh")  # the transactional database starts empty
    user = f.make_user("pp_officer", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    person = f.make_person(f.first_district(f.PHNOM_PENH), name_latin="Meas Vanna")
    return person, str(Offence.objects.get(code=FELONY).pk), session_of(user)


def test_it_keeps_the_typed_arrest_through_a_person_search(live_server: Any) -> None:
    person, offence, session = officer_and_suspect()

    with browser() as chromium:
        page = phone_as(chromium, session, live_server.url, "en")
        page.goto(f"{live_server.url}/arrests/add/")
        page.fill("input[name=place_description]", "Guesthouse on Street 136")
        page.fill("textarea[name=notes]", "Found with a bag of tablets")
        page.check(f"input[name=offences][value='{offence}']")
        page.select_option("select[name=suspect_role]", "dealer")
        page.fill("input[name=person_q]", "vanna")
        page.tap("button[name=find_person]")
        choice = page.locator(f"#person-results input[name=person][value='{person.pk}']")
        choice.wait_for()
        # No reload: the arrest's fields hold what was typed.
        assert page.input_value("input[name=place_description]") == "Guesthouse on Street 136"
        assert page.input_value("textarea[name=notes]") == "Found with a bag of tablets"
        assert page.is_checked(f"input[name=offences][value='{offence}']")
        assert page.input_value("select[name=suspect_role]") == "dealer"
        choice.check()
        page.tap("form.record-form button.primary[type=submit]")
        page.wait_for_url(re.compile(r"/arrests/\d+/$"))

    arrest = Arrest.objects.get()
    assert arrest.person == person
    assert arrest.place_description == "Guesthouse on Street 136"
    assert arrest.notes == "Found with a bag of tablets"


def test_it_records_the_arrest_when_enter_is_pressed_in_a_field(live_server: Any) -> None:
    """ "Find" is the form's first button: Enter in the search box searches, Enter in any
    other field records the arrest, as in every other form."""
    person, offence, session = officer_and_suspect()

    with browser() as chromium:
        page = phone_as(chromium, session, live_server.url, "en")
        page.goto(f"{live_server.url}/arrests/add/")
        page.fill("input[name=person_q]", "vanna")
        page.press("input[name=person_q]", "Enter")
        choice = page.locator(f"#person-results input[name=person][value='{person.pk}']")
        choice.wait_for()
        assert page.url.endswith("/arrests/add/")  # searched in place, no page sent
        choice.check()
        page.check(f"input[name=offences][value='{offence}']")
        page.select_option("select[name=suspect_role]", "dealer")
        page.fill("input[name=place_description]", "Guesthouse on Street 136")
        page.press("input[name=place_description]", "Enter")
        page.wait_for_url(re.compile(r"/arrests/\d+/$"))

    assert Arrest.objects.get().place_description == "Guesthouse on Street 136"
