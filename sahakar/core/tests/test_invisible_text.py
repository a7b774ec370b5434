"""A value made only of invisible characters is empty, in the pages, the API and the
services alike; names are stored without hidden characters; free text has a maximum length."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sahakar.arrests import services
from sahakar.arrests.models import CustodyOutcome
from sahakar.arrests.tests.conftest import local, record
from sahakar.core.text import DEFAULT_TEXT_LIMIT
from sahakar.persons.models import Person
from sahakar.testing import factories as f
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db

ZWSP = "\u200b"


def test_it_refuses_a_person_whose_only_name_is_invisible(
    client: Any, api: Any, pp_officer: Any
) -> None:
    client.force_login(pp_officer)
    data = {"name_latin": ZWSP, "sex": "M", "org_unit": f.unit(f.PHNOM_PENH).pk}
    page = client.post(reverse("persons:person_add"), data)
    assert page.status_code == 400
    assert "name_latin" in page.context["form"].errors
    api.force_authenticate(pp_officer)
    answer = api.post(
        "/api/v1/persons/", {"name_km": ZWSP, "sex": "M", "org_unit": "12"}, format="json"
    )
    assert answer.status_code == 400
    assert "name_latin" in answer.json()
    assert not Person.objects.exists()


def test_it_stores_names_without_hidden_characters(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    body = {"name_latin": f"\u202eSok{ZWSP} Dara\u200e", "sex": "M", "org_unit": "12"}
    answer = api.post("/api/v1/persons/", body, format="json")
    assert answer.status_code == 201, answer.json()
    assert Person.objects.get().name_latin == "Sok Dara"
    assert api.get("/api/v1/persons/", {"q": "Sok Dara"}).json()["count"] == 1


def test_it_refuses_an_arrest_place_that_is_invisible() -> None:
    with pytest.raises(ValidationError) as caught:
        record(place_description=ZWSP)
    assert "place_description" in caught.value.message_dict


def test_it_refuses_a_release_whose_reason_is_invisible() -> None:
    arrival = local(2025, 8, 4, 21, 15)
    arrest = record(arrived_at=arrival)
    with pytest.raises(ValidationError) as caught:
        services.record_outcome(
            arrest, "released", arrival + timedelta(hours=5), ZWSP, acting_user=None
        )
    assert "reason" in caught.value.message_dict
    assert not CustodyOutcome.objects.exists()


def test_it_keeps_khmer_word_separators_in_notes(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    note = f"ហាង{ZWSP}ខារ៉ាអូខេ{ZWSP}បើក{ZWSP}យប់"
    body = {"name": "Sky KTV", "kind": "karaoke", "org_unit": "12", "notes": f"{note}{ZWSP} "}
    assert api.post("/api/v1/venues/", body, format="json").status_code == 201
    assert Venue.objects.get().notes == note


def test_it_refuses_an_overlong_note_in_the_page_and_the_api(
    client: Any, api: Any, pp_officer: Any
) -> None:
    huge = "x" * (DEFAULT_TEXT_LIMIT + 1)
    client.force_login(pp_officer)
    data = {"name": "Sky KTV", "kind": "karaoke", "org_unit": f.unit(f.PHNOM_PENH).pk}
    page = client.post(reverse("venues:venue_add"), {**data, "notes": huge})
    assert page.status_code == 400
    assert "notes" in page.context["form"].errors
    api.force_authenticate(pp_officer)
    body = {"name": "Sky KTV", "kind": "karaoke", "org_unit": "12", "notes": huge}
    answer = api.post("/api/v1/venues/", body, format="json")
    assert answer.status_code == 400
    assert "At most 5000 characters" in str(answer.json()["notes"])
    assert not Venue.objects.exists()
