"""The list says in one line what each seizure took, without a query per row; the detail page
shows every item as recorded, its kg equivalent (or that there is no factor) and the total."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.seizures.models import SeizedProperty, Seizure
from sahakar.testing import factories as f
from sahakar.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _seizure_with_items(**fields: Any) -> Seizure:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), **fields)
    f.make_item(seizure, "METH", "tablet", "2000", "tablets")
    f.make_item(seizure, "KET", "powder", "1.2", "kg")
    return seizure


def test_it_summarises_the_items_of_each_seizure_in_the_list(web: Client) -> None:
    _seizure_with_items()
    html = web.get(reverse("seizures:seizure_list")).content.decode()
    assert "2,000 tablets METH; 1.200 kg KET" in html
    assert "1.4" in html  # kg equivalent: 0.2 + 1.2


def test_it_lists_seizures_without_a_query_per_row(web: Client, pp_api: APIClient) -> None:
    _seizure_with_items()
    page = reverse("seizures:seizure_list")
    api = reverse("api:seizure-list")

    def grow() -> None:
        for _ in range(5):
            _seizure_with_items(venue=f.make_venue(f.unit(f.PHNOM_PENH)))

    assert_constant_queries(grow, lambda: web.get(page), lambda: pp_api.get(api))


def test_it_shows_each_item_as_recorded_with_its_kg_equivalent(web: Client) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    venue = f.make_venue(f.first_district(f.PHNOM_PENH), name="Golden KTV")
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), operation=operation, venue=venue)
    f.make_item(
        seizure,
        markings="WY",
        packaging="tea bags",
        concealment="fuel tank",
        origin_country="MM",
        transit_countries=["LA"],
        destination_country="TH",
        transport="motorcycle",
    )
    f.make_item(seizure, "CANN", "plants", "40", "plants")
    SeizedProperty.objects.create(seizure=seizure, kind="cash", value="1500", currency="USD")
    html = web.get(seizure.get_absolute_url()).content.decode()
    for text in (
        "2,000 tablets",
        "WY",
        "tea bags",
        "fuel tank",
        "Myanmar",
        "Laos",
        "Thailand",
        "motorcycle",
        "0.200",
        "40 plants",
        "no factor",
        "1,500 USD",
        "0.200 kg",
        "(1 item without a conversion factor is not counted)",
        operation.get_absolute_url(),
        venue.get_absolute_url(),
    ):
        assert text in html, text


def test_it_says_when_no_item_has_a_conversion_factor(web: Client) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure, "CANN", "plants", "40", "plants")
    html = web.get(seizure.get_absolute_url()).content.decode()
    assert "no conversion factor" in html
