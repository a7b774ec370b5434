"""Finding the person on the arrest page never loses what was typed. Without JavaScript,
"Find" sends the whole form and the page comes back with the persons found and every field
as typed, with no error shown and nothing saved; with it, only the persons are fetched
(the fragment endpoint) and the page stays as it is (test_browser_arrest_person_search)."""

import pytest
from django.test import Client

from sahakar.arrests.models import Arrest
from sahakar.arrests.tests.test_record_page import form_data
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_keeps_every_typed_field_through_a_search_without_javascript(web: Client) -> None:
    person = f.make_person(f.first_district(f.PHNOM_PENH), name_latin="Meas Vanna")
    data = form_data(
        "",
        person_q="vanna",
        find_person="1",
        arrested_at="2026-03-01T23:10",
        place_description="Guesthouse on Street 136",
        notes="Found with a bag of tablets",
        **{"new_person-name_latin": "Typed Name"},
    )
    response = web.post("/arrests/add/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert Arrest.objects.count() == 0
    assert f'value="{person.pk}"' in html  # the person found is offered
    assert 'value="2026-03-01T23:10"' in html
    assert "Guesthouse on Street 136" in html
    assert "Found with a bag of tablets" in html
    assert 'value="Typed Name"' in html
    assert 'value="vanna"' in html
    assert "data-error-summary" not in html and 'class="error"' not in html


def test_it_offers_the_persons_found_as_a_fragment(web: Client) -> None:
    person = f.make_person(f.first_district(f.PHNOM_PENH), name_latin="Meas Vanna")
    f.make_person(f.first_district(f.SIEM_REAP), name_latin="Meas Vanna")
    response = web.get("/arrests/add/persons/", {"person_q": "vanna"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('name="person"') == 1 and f'value="{person.pk}"' in html
    assert "<form" not in html and "<html" not in html


def test_it_refuses_the_fragment_to_one_who_may_not_record_arrests(signed_in, auditor) -> None:
    assert signed_in("auditor").get("/arrests/add/persons/", {"person_q": "a"}).status_code == 403
