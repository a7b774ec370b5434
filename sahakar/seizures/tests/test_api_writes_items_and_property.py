"""The API writes a seizure with its items and property in one request and one transaction;
on update, rows are matched by id (kept and updated, added, or deleted when not sent)."""

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.seizures.tests.conftest import api_item, api_payload, counts
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("api:seizure-list")


def _detail(seizure: Seizure) -> str:
    return reverse("api:seizure-detail", args=[seizure.pk])


def _read(api: APIClient, seizure: Seizure) -> dict[str, Any]:
    response = api.get(_detail(seizure))
    assert response.status_code == 200
    return response.json()


def test_it_creates_a_seizure_with_its_items_and_property(
    pp_api: APIClient, pp_officer: Any
) -> None:
    rows = [
        api_item(markings="WY", transit_countries=["LA", "TH"], origin_country="MM"),
        api_item("KET", "powder", "250", "g"),
    ]
    cash = {"kind": "cash", "value": "1200.50", "currency": "usd"}
    response = pp_api.post(LIST, api_payload(rows, property=[cash]), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    seizure = Seizure.objects.get()
    assert body["reference"] == seizure.reference
    assert [i["substance"] for i in body["items"]] == ["METH", "KET"]
    assert body["items"][0]["transit_countries"] == ["LA", "TH"]
    assert body["items"][0]["origin_country"] == "MM"
    assert body["property"] == [
        {
            "id": seizure.property.get().pk,
            "kind": "cash",
            "description": "",
            "count": 1,
            "value": "1200.50",
            "currency": "USD",
        }
    ]
    assert {i.created_by for i in seizure.items.all()} == {pp_officer}


def test_it_updates_items_matched_by_id_adds_new_ones_and_deletes_those_not_sent(
    pp_api: APIClient,
) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    corrected = f.make_item(seizure, "METH", "tablet", "2000", "tablets")
    dropped = f.make_item(seizure, "KET", "powder", "250", "g")
    body = _read(pp_api, seizure)
    body["items"] = [
        {**body["items"][0], "quantity": "2400"},
        api_item("HER", "powder", "700", "g"),
    ]
    response = pp_api.put(_detail(seizure), body, format="json")
    assert response.status_code == 200, response.content
    corrected.refresh_from_db()
    assert (corrected.quantity, corrected.kg_equivalent) == (Decimal("2400"), Decimal("0.24"))
    assert not SeizureItem.objects.filter(pk=dropped.pk).exists()
    codes = [i["substance"] for i in response.json()["items"]]
    assert codes == ["METH", "HER"]
    assert response.json()["version"] == seizure.version + 1


def test_it_leaves_the_items_alone_when_a_patch_does_not_send_them(pp_api: APIClient) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    item = f.make_item(seizure)
    patch = {"version": seizure.version, "notes": "Handed to the provincial lab."}
    response = pp_api.patch(_detail(seizure), patch, format="json")
    assert response.status_code == 200, response.content
    assert list(seizure.items.all()) == [item]
    seizure.refresh_from_db()
    assert seizure.notes == "Handed to the provincial lab."


def test_it_wants_a_whole_new_row_even_in_a_patch(pp_api: APIClient) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    before = counts()
    patch = {"version": seizure.version, "items": [{"substance": "KET", "quantity": "5"}]}
    response = pp_api.patch(_detail(seizure), patch, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "items": [{"form": ["This field is required."], "unit": ["This field is required."]}]
    }
    assert counts() == before


def test_it_refuses_a_row_id_of_another_seizure(pp_api: APIClient) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    elsewhere = f.make_item(f.make_seizure(f.unit(f.PHNOM_PENH)))
    body = _read(pp_api, seizure)
    body["items"].append({**api_item(), "id": elsewhere.pk})
    before = counts()
    response = pp_api.put(_detail(seizure), body, format="json")
    assert response.status_code == 400
    assert response.json()["items"][0] == {}
    assert list(response.json()["items"][1]) == ["id"]
    assert counts() == before


def test_it_refuses_the_same_row_sent_twice(pp_api: APIClient) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    body = _read(pp_api, seizure)
    body["items"] = [body["items"][0], body["items"][0]]
    response = pp_api.put(_detail(seizure), body, format="json")
    assert response.status_code == 400
    assert response.json() == {"items": [{}, {"id": ["This row is sent twice."]}]}


def test_it_refuses_an_update_that_removes_every_item(pp_api: APIClient) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    before = counts()
    patch = {"version": seizure.version, "items": []}
    response = pp_api.patch(_detail(seizure), patch, format="json")
    assert response.status_code == 400
    assert "Record at least one drug item" in response.json()["items"][0]
    assert counts() == before


def test_it_refuses_a_bad_item_in_an_update_and_changes_nothing(pp_api: APIClient) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    item = f.make_item(seizure)
    body = _read(pp_api, seizure)
    body["notes"] = "changed"
    body["items"][0].update(substance="CANN", form="plant_material")
    response = pp_api.put(_detail(seizure), body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "items": [{"unit": ["tablets is not a unit for plant material; use grams, kilograms."]}]
    }
    seizure.refresh_from_db()
    item.refresh_from_db()
    assert (seizure.notes, seizure.version, item.substance.code) == ("", 1, "METH")


def test_it_saves_nothing_when_a_later_part_fails(
    pp_api: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(SeizedProperty, "save", fail)
    before = counts()
    payload = api_payload([api_item(), api_item()], property=[{"kind": "phone", "count": 2}])
    with pytest.raises(RuntimeError):
        pp_api.post(LIST, payload, format="json")
    assert counts() == before
