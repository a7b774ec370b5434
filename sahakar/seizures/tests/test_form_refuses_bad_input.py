"""The seizure page refuses bad input anywhere: the error is next to the field, what was typed
is kept, the page answers 400 and nothing at all is saved."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sahakar.seizures.tests.conftest import (
    counts,
    formset,
    item_row,
    local_minute,
    other_pp_district,
    page_data,
)
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

ADD = reverse("seizures:seizure_add")


def _bound_field(response: Any, html_name: str) -> Any:
    """The field called `html_name` ("venue", "items-1-unit") on the page as re-rendered."""
    if "-" not in html_name:
        return response.context["form"][html_name]
    prefix, index, name = html_name.split("-", 2)
    return formset(response, prefix).forms[int(index)][name]


def _refused(web: Client, data: dict[str, Any], html_name: str, message: str) -> Any:
    before = counts()
    response = web.post(ADD, data)
    assert response.status_code == 400
    assert counts() == before
    field = _bound_field(response, html_name)
    assert any(message in str(error) for error in field.errors), field.errors
    html = response.content.decode()
    assert f'id="{field.auto_id}_error"' in html  # rendered next to its field
    assert "Nothing was saved" in html
    return response


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
    web: Client, quantity: str, unit: str, form: str, message: str
) -> None:
    data = page_data([item_row("METH", form, quantity, unit)])
    response = _refused(web, data, "items-0-quantity", message)
    assert formset(response, "items").forms[0]["quantity"].value() == quantity


def test_it_refuses_tablets_of_cannabis(web: Client) -> None:
    data = page_data([item_row("CANN", "tablet", "100", "tablets")])
    _refused(web, data, "items-0-form", "is not seized as tablet")


def test_it_refuses_cannabis_herb_counted_in_tablets(web: Client) -> None:
    data = page_data([item_row("CANN", "plant_material", "100", "tablets")])
    _refused(web, data, "items-0-unit", "is not a unit for plant material")


def test_it_refuses_an_unknown_substance(web: Client) -> None:
    data = page_data([{**item_row(), "substance": "999999"}])
    _refused(web, data, "items-0-substance", "Select a valid choice")


def test_it_refuses_an_unknown_org_unit(web: Client) -> None:
    data = page_data([item_row()], org_unit="999999")
    _refused(web, data, "org_unit", "Select a valid choice")


def test_it_refuses_an_org_unit_outside_the_jurisdiction(web: Client) -> None:
    data = page_data([item_row()], org_unit=f.unit(f.SIEM_REAP).pk)
    _refused(web, data, "org_unit", "Select a valid choice")


def test_it_refuses_a_venue_outside_the_seizures_org_unit(web: Client) -> None:
    district = f.first_district(f.PHNOM_PENH)
    venue = f.make_venue(other_pp_district(district))
    data = page_data([item_row()], org_unit=district.pk, venue=venue.pk)
    _refused(web, data, "venue", "outside the seizure's org unit")


def test_it_refuses_a_time_in_the_future(web: Client) -> None:
    data = page_data([item_row()], seized_at=local_minute(hours_ago=-2))
    _refused(web, data, "seized_at", "in the future")


def test_it_refuses_the_whole_seizure_when_one_item_row_is_wrong(web: Client) -> None:
    good, bad = item_row(), item_row("CANN", "plant_material", "3", "tablets")
    cash = {"kind": "cash", "count": "1", "value": "500", "currency": "USD"}
    data = page_data([good, bad], property_rows=[cash])
    response = _refused(web, data, "items-1-unit", "is not a unit for plant material")
    assert formset(response, "items").forms[0].errors == {}
    # The top of the page says where to look, and the rows come back as typed.
    assert "Please correct: Drug items." in response.content.decode()
    assert formset(response, "property").forms[0]["value"].value() == "500"
    assert response.context["form"]["place_description"].value() == "Street 271, near the market"


def test_it_refuses_a_value_without_its_currency(web: Client) -> None:
    data = page_data([item_row()], property_rows=[{"kind": "cash", "count": "1", "value": "500"}])
    _refused(web, data, "property-0-currency", "Give the currency")


def test_it_refuses_a_seizure_without_a_drug_item(web: Client) -> None:
    """The one item row of a new seizure must be filled; property alone is not a seizure."""
    data = page_data([{}], property_rows=[{"kind": "phone", "count": "2"}])
    _refused(web, data, "items-0-substance", "This field is required")
