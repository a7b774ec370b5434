"""The pickers' search endpoints answer JSON with the records the user may see and nothing
else, searched by reference or name, and never more than a handful at a time."""

from typing import Any

import pytest
from django.test import Client

from sahakar.core.views.lookup import LIMIT
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def results(client: Client, url: str, query: str) -> list[dict[str, Any]]:
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return list(response.json()["results"])


def test_it_finds_seizures_by_reference_within_the_users_scope(web: Client) -> None:
    mine = f.make_seizure(f.first_district(f.PHNOM_PENH), "ADB-PP")
    theirs = f.make_seizure(f.first_district(f.SIEM_REAP))
    found = results(web, "/seizures/lookup/", mine.reference[-5:])
    assert [r["value"] for r in found] == [mine.reference]
    assert mine.reference in found[0]["label"]
    assert results(web, "/seizures/lookup/", theirs.reference) == []


def test_it_finds_persons_by_name_or_document_within_scope(web: Client) -> None:
    person = f.make_person(f.first_district(f.PHNOM_PENH), name_latin="Chea Vibol")
    f.make_person(f.first_district(f.SIEM_REAP), name_latin="Chea Vibol")
    found = results(web, "/persons/lookup/", "vibol")
    assert [r["value"] for r in found] == [str(person.pk)]


def test_it_finds_persons_in_any_word_order_and_spelling(web: Client) -> None:
    person = f.make_person(f.first_district(f.PHNOM_PENH), name_latin="Chea Vibol")
    assert [r["value"] for r in results(web, "/persons/lookup/", "Vibol Chea")] == [str(person.pk)]
    assert [r["value"] for r in results(web, "/persons/lookup/", "Chea Vibul")] == [str(person.pk)]


def test_it_finds_venues_by_name(web: Client) -> None:
    venue = f.make_venue(f.first_district(f.PHNOM_PENH), name="Golden Karaoke")
    f.make_venue(f.first_district(f.SIEM_REAP), name="Golden Guesthouse")
    assert [r["value"] for r in results(web, "/venues/lookup/", "golden")] == [str(venue.pk)]


def test_it_answers_a_handful_not_a_table(web: Client) -> None:
    district = f.first_district(f.PHNOM_PENH)
    for _ in range(LIMIT + 5):
        f.make_venue(district, name="Riverside bar")
    assert len(results(web, "/venues/lookup/", "riverside")) == LIMIT


def test_it_answers_only_signed_in_users(client: Client) -> None:
    assert client.get("/seizures/lookup/", {"q": "SZ"}).status_code == 302
