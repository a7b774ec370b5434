"""Kilogram equivalents come from the documented conversion factors; the quantity and unit
recorded stay exactly as entered."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.seizures.tests.conftest import api_item, api_payload, item_row, page_data
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

# (substance, form, quantity, unit) -> kg equivalent, None when no factor covers the unit
CASES = [
    (("METH", "tablet", "2000", "tablets"), Decimal("0.2")),
    (("METH", "crystal", "1.5", "kg"), Decimal("1.5")),
    (("KET", "powder", "250", "g"), Decimal("0.25")),
    (("CANN", "plants", "40", "plants"), None),
]


@pytest.mark.parametrize(("entered", "kg"), CASES)
def test_it_derives_the_kg_equivalent_and_keeps_what_was_entered(
    entered: tuple[str, str, str, str], kg: Decimal | None
) -> None:
    substance, form, quantity, unit = entered
    item = f.make_item(f.make_seizure(f.unit(f.PHNOM_PENH)), substance, form, quantity, unit)
    item.refresh_from_db()
    assert item.kg_equivalent == kg
    assert (item.quantity, item.unit, item.form) == (Decimal(quantity), unit, form)


def test_it_derives_them_for_items_sent_to_the_api(pp_api: APIClient) -> None:
    rows = [api_item(*entered) for entered, _ in CASES]
    response = pp_api.post(reverse("api:seizure-list"), api_payload(rows), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert [row["kg_equivalent"] for row in body["items"]] == [
        "0.200000",
        "1.500000",
        "0.250000",
        None,
    ]
    assert [(row["quantity"], row["unit"]) for row in body["items"]] == [
        ("2000.000", "tablets"),
        ("1.500", "kg"),
        ("250.000", "g"),
        ("40.000", "plants"),
    ]
    assert body["total_kg_equivalent"] == "1.950000"


def test_it_ignores_a_kg_equivalent_sent_to_the_api(pp_api: APIClient) -> None:
    row = {**api_item(), "kg_equivalent": "99"}
    response = pp_api.post(reverse("api:seizure-list"), api_payload([row]), format="json")
    assert response.status_code == 201
    assert SeizureItem.objects.get().kg_equivalent == Decimal("0.2")


def test_it_derives_them_for_items_entered_on_the_page(web: Client) -> None:
    rows = [item_row(*entered) for entered, _ in CASES]
    response = web.post(reverse("seizures:seizure_add"), page_data(rows))
    assert response.status_code == 302
    seizure = Seizure.objects.get()
    assert [i.kg_equivalent for i in seizure.items.all()] == [kg for _, kg in CASES]
    assert seizure.total_kg_equivalent() == Decimal("1.95")
    assert seizure.items_without_factor() == 1


def test_it_derives_the_kg_equivalent_again_when_the_quantity_is_corrected() -> None:
    item = f.make_item(f.make_seizure(f.unit(f.PHNOM_PENH)), quantity="2000")
    item.quantity = Decimal("3000")
    item.save()
    item.refresh_from_db()
    assert item.kg_equivalent == Decimal("0.3")


def test_it_has_no_total_when_no_item_has_a_factor() -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure, "CANN", "plants", "40", "plants")
    assert seizure.total_kg_equivalent() is None
