"""The API refuses what the page refuses: 400, errors that name the field (and the row, for
items), and nothing at all saved."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from sahakar.seizures.tests.conftest import api_item, api_payload, counts, other_pp_district
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("api:seizure-list")


def _refused(api: APIClient, payload: dict[str, Any]) -> Any:
    before = counts()
    response = api.post(LIST, payload, format="json")
    assert response.status_code == 400, response.content
    assert counts() == before
    return response.json()


@pytest.mark.parametrize(
    ("quantity", "unit", "form", "message"),
    [
        ("-5", "tablets", "tablet", "greater than or equal to 0.001"),
        ("0", "tablets", "tablet", "greater than or equal to 0.001"),
        ("200000", "kg", "crystal", "not a plausible quantity"),
        ("200000000", "tablets", "tablet", "not a plausible quantity"),
    ],
)
def test_it_refuses_a_quantity_that_is_not_positive_or_not_plausible(
    pp_api: APIClient, quantity: str, unit: str, form: str, message: str
) -> None:
    errors = _refused(pp_api, api_payload([api_item("METH", form, quantity, unit)]))
    assert list(errors) == ["items"]
    assert message in errors["items"][0]["quantity"][0]


def test_it_refuses_tablets_of_cannabis(pp_api: APIClient) -> None:
    errors = _refused(pp_api, api_payload([api_item("CANN", "tablet", "100", "tablets")]))
    assert errors == {
        "items": [{"form": ["Cannabis is not seized as tablet; choose plant material, plants."]}]
    }


def test_it_refuses_cannabis_herb_counted_in_tablets(pp_api: APIClient) -> None:
    errors = _refused(pp_api, api_payload([api_item("CANN", "plant_material", "100", "tablets")]))
    assert errors == {
        "items": [{"unit": ["tablets is not a unit for plant material; use grams, kilograms."]}]
    }


def test_it_names_the_row_that_is_wrong(pp_api: APIClient) -> None:
    rows = [api_item(), api_item("CANN", "plant_material", "3", "tablets"), api_item()]
    errors = _refused(pp_api, api_payload(rows))
    assert errors == {
        "items": [
            {},
            {"unit": ["tablets is not a unit for plant material; use grams, kilograms."]},
            {},
        ]
    }


def test_it_refuses_an_unknown_substance_code(pp_api: APIClient) -> None:
    errors = _refused(pp_api, api_payload([api_item(substance="NOPE")]))
    assert errors == {"items": [{"substance": ["Object with code=NOPE does not exist."]}]}


def test_it_refuses_an_unknown_org_unit_code(pp_api: APIClient) -> None:
    errors = _refused(pp_api, api_payload(org_unit="999"))
    assert errors == {"org_unit": ["Object with code=999 does not exist."]}


def test_it_refuses_an_org_unit_outside_the_jurisdiction(pp_api: APIClient) -> None:
    errors = _refused(pp_api, api_payload(org_unit=f.SIEM_REAP))
    assert list(errors) == ["org_unit"]
    assert "is outside the jurisdictions where you may add seizures" in errors["org_unit"][0]


def test_it_refuses_a_venue_outside_the_seizures_org_unit(pp_api: APIClient) -> None:
    district = f.first_district(f.PHNOM_PENH)
    venue = f.make_venue(other_pp_district(district))
    errors = _refused(pp_api, api_payload(org_unit=district.code, venue=venue.pk))
    assert list(errors) == ["venue"]
    assert "outside the seizure's org unit" in errors["venue"][0]


def test_it_refuses_a_time_in_the_future(pp_api: APIClient) -> None:
    later = (timezone.now() + timedelta(hours=2)).isoformat()
    errors = _refused(pp_api, api_payload(seized_at=later))
    assert errors == {"seized_at": ["The time of seizure is in the future."]}


def test_it_refuses_a_seizure_without_a_drug_item(pp_api: APIClient) -> None:
    cash = {"kind": "cash", "value": "500", "currency": "USD"}
    assert "items" in _refused(pp_api, api_payload([], property=[cash]))
    without = api_payload(property=[cash])
    del without["items"]
    assert _refused(pp_api, without) == {"items": ["This field is required."]}


def test_it_refuses_a_value_without_its_currency(pp_api: APIClient) -> None:
    errors = _refused(pp_api, api_payload(property=[{"kind": "cash", "value": "500"}]))
    assert errors == {"property": [{"currency": ["Give the currency of the value."]}]}
