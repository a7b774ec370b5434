"""Quantities are read as the page writes them: "2,5" kg on the Khmer pages is 2.5 kg, never
25; on the English pages "2,5" is refused with an example. A quantity far above the usual one
for its substance and form is saved only once confirmed, on the page and in the API."""

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.seizures.tests.conftest import (
    api_item,
    api_payload,
    as_sent,
    counts,
    item_row,
    page_data,
)
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

ADD = "/seizures/add/"


def in_khmer(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    return client


def usual_crystal(kg: str = "1", times: int = 5) -> None:
    """Earlier seizures of METH crystal of `kg` kg each: the usual quantity."""
    for _ in range(times):
        f.make_item(f.make_seizure(f.unit(f.PHNOM_PENH)), "METH", "crystal", kg, "kg")


def test_it_saves_a_khmer_decimal_comma_as_the_decimal_point(web: Client) -> None:
    in_khmer(web)
    response = web.post(ADD, page_data([item_row("METH", "crystal", "2,5", "kg")]))
    assert response.status_code == 302
    assert SeizureItem.objects.get().quantity == Decimal("2.5")


def test_it_shows_the_quantity_with_the_khmer_comma_in_a_text_input(web: Client) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure, "METH", "crystal", "2.5", "kg")
    page = in_khmer(web).get(f"/seizures/{seizure.pk}/edit/")
    html = page.content.decode()
    assert '<input type="text" name="items-0-quantity" value="2,5" inputmode="decimal"' in html
    assert as_sent(page)["items-0-quantity"] == "2,5"


def test_it_refuses_a_comma_on_the_english_page_with_an_example(web: Client) -> None:
    before = counts()
    response = web.post(ADD, page_data([item_row("METH", "crystal", "2,5", "kg")]))
    assert response.status_code == 400
    assert "for example 1,250.5" in response.content.decode()
    assert counts() == before


def test_it_asks_to_confirm_a_quantity_ten_times_the_usual(web: Client) -> None:
    usual_crystal("1")
    before = counts()
    data = page_data([item_row("METH", "crystal", "25", "kg")])
    asked = web.post(ADD, data)
    assert asked.status_code == 400
    html = asked.content.decode()
    assert "more than ten times the usual quantity" in html
    assert 'type="checkbox" name="items-0-confirm_large_quantity"' in html
    assert counts() == before
    confirmed = web.post(ADD, {**data, "items-0-confirm_large_quantity": "on"})
    assert confirmed.status_code == 302
    assert Seizure.objects.latest("pk").items.get().quantity == Decimal("25")


def test_it_does_not_ask_for_usual_quantities(web: Client) -> None:
    assert web.post(ADD, page_data([item_row("METH", "crystal", "25", "kg")])).status_code == 302
    usual_crystal("1")
    assert web.post(ADD, page_data([item_row("METH", "crystal", "9", "kg")])).status_code == 302


def test_it_asks_about_a_huge_first_record_of_a_substance_and_form(web: Client) -> None:
    before = counts()
    data = page_data([item_row("AMPH", "powder", "5000", "kg")])
    asked = web.post(ADD, data)
    assert asked.status_code == 400
    assert "more than ten times the usual quantity" in asked.content.decode()
    assert counts() == before
    confirmed = web.post(ADD, {**data, "items-0-confirm_large_quantity": "on"})
    assert confirmed.status_code == 302


def test_it_wants_the_api_to_confirm_a_quantity_ten_times_the_usual(pp_api: APIClient) -> None:
    usual_crystal("1")
    before = counts()
    body = api_payload([api_item("METH", "crystal", "25", "kg")])
    refused = pp_api.post("/api/v1/seizures/", body, format="json")
    assert refused.status_code == 400
    message = refused.json()["items"][0]["quantity"][0]
    assert "more than ten times the usual quantity" in message
    assert '"confirm_large_quantity": true' in message
    assert counts() == before
    body["items"][0]["confirm_large_quantity"] = True
    assert pp_api.post("/api/v1/seizures/", body, format="json").status_code == 201


def test_it_reads_khmer_coordinates_and_shows_them_unambiguously(
    client: Client, pp_officer: Any
) -> None:
    client.force_login(pp_officer)
    in_khmer(client)
    data = {
        "name": "Sky KTV",
        "kind": "karaoke",
        "org_unit": f.unit(f.PHNOM_PENH).pk,
        "latitude": "11,678376",
        "longitude": "105,006077",
    }
    response = client.post("/venues/add/", data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "11.678376° N, 105.006077° E" in page
    assert "11,678376, 105,006077" not in page
