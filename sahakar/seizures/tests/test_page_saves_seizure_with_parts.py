"""The seizure page records the seizure, its drug items and other property in one POST and
one transaction, and edits them (correct, add, remove) the same way."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sahakar.seizures.models import SeizedProperty, Seizure
from sahakar.seizures.tests.conftest import as_sent, counts, formset, item_row, page_data
from sahakar.substances.models import Substance
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

ADD = reverse("seizures:seizure_add")


def _edit_url(seizure: Seizure) -> str:
    return reverse("seizures:seizure_edit", args=[seizure.pk])


def test_it_offers_one_item_row_and_a_way_to_add_more(web: Client) -> None:
    response = web.get(ADD)
    assert response.status_code == 200
    assert len(formset(response, "items").forms) == 1
    assert len(formset(response, "property").forms) == 0
    html = response.content.decode()
    assert 'data-add-row="items"' in html
    assert 'data-add-row="property"' in html
    assert "items-__prefix__-substance" in html  # the row "Add another" copies
    assert "<script>" not in html  # the content security policy forbids inline script
    assert "style=" not in html


def test_it_records_a_seizure_with_three_items_in_one_post(web: Client, pp_officer: Any) -> None:
    rows = [
        item_row("METH", "tablet", "2000", "tablets", markings="WY", packaging="tea bags"),
        item_row(
            "METH",
            "crystal",
            "1.5",
            "kg",
            origin_country="MM",
            transit_countries=["LA", "TH"],
            destination_country="AU",
            transport="road",
        ),
        item_row("KET", "powder", "250", "g", concealment="speaker box"),
    ]
    cash = {"kind": "cash", "count": "1", "value": "1200", "currency": "usd"}
    response = web.post(ADD, page_data(rows, property_rows=[cash]))
    seizure = Seizure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == seizure.get_absolute_url()
    items = list(seizure.items.all())
    assert [(i.substance.code, i.quantity, i.unit) for i in items] == [
        ("METH", Decimal("2000"), "tablets"),
        ("METH", Decimal("1.5"), "kg"),
        ("KET", Decimal("250"), "g"),
    ]
    assert items[0].markings == "WY"
    assert (items[1].origin_country, items[1].destination_country) == ("MM", "AU")
    assert items[1].transit_countries == ["LA", "TH"]
    assert items[2].concealment == "speaker box"
    assert {i.created_by for i in items} == {pp_officer}
    prop = SeizedProperty.objects.get()
    assert (prop.seizure, prop.value, prop.currency) == (seizure, Decimal("1200"), "USD")


def test_it_ignores_rows_added_and_left_empty(web: Client) -> None:
    response = web.post(ADD, page_data([item_row(), {}, {}], property_rows=[{"count": "1"}]))
    assert response.status_code == 302
    assert counts()["items"] == 1
    assert counts()["property"] == 0


def test_it_removes_an_item_when_editing(web: Client) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    kept = f.make_item(seizure, "METH", "tablet", "2000", "tablets")
    f.make_item(seizure, "KET", "powder", "250", "g")
    page = web.get(_edit_url(seizure))
    assert len(formset(page, "items").forms) == 2
    assert 'value="2000"' in page.content.decode()  # as recorded, not 2000.000
    data = as_sent(page)
    data["items-1-DELETE"] = "on"
    response = web.post(_edit_url(seizure), data)
    assert response.status_code == 302
    assert list(seizure.items.all()) == [kept]


def test_it_keeps_at_least_one_item_when_editing(web: Client) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    data = as_sent(web.get(_edit_url(seizure)))
    data["items-0-DELETE"] = "on"
    before = counts()
    response = web.post(_edit_url(seizure), data)
    assert response.status_code == 400
    assert counts() == before
    assert "Record at least one drug item" in str(formset(response, "items").non_form_errors())


def test_it_corrects_an_item_in_place_and_adds_rows_when_editing(web: Client) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    item = f.make_item(seizure, "METH", "tablet", "2000", "tablets")
    data = as_sent(web.get(_edit_url(seizure)))
    data["items-0-quantity"] = "2400"
    data.update(
        {
            "items-TOTAL_FORMS": "2",
            "items-1-substance": str(Substance.objects.get(code="HER").pk),
            "items-1-form": "powder",
            "items-1-quantity": "700",
            "items-1-unit": "g",
            "property-TOTAL_FORMS": "1",
            "property-0-kind": "motorcycle",
            "property-0-count": "1",
            "property-0-description": "Honda Dream, plate PP 1A-2345",
        }
    )
    response = web.post(_edit_url(seizure), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.quantity, item.kg_equivalent) == (Decimal("2400"), Decimal("0.24"))
    assert seizure.items.count() == 2
    assert seizure.property.get().get_kind_display() == "motorcycle"


def test_it_saves_nothing_when_a_later_part_fails(
    web: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(SeizedProperty, "save", fail)
    before = counts()
    data = page_data(
        [item_row(), item_row("KET", "powder", "5", "g")], [{"kind": "phone", "count": "2"}]
    )
    with pytest.raises(RuntimeError):
        web.post(ADD, data)
    assert counts() == before
