"""A drug item's substance is offered by its Khmer, English and street names; the page
carries what forms each substance is seized in and what units fit each form (for the
script that narrows the choices), and without the script the refusal names what fits."""

import json

import pytest
from django.test import Client

from sahakar.seizures.tests.conftest import item_row, page_data
from sahakar.substances.models import Substance

pytestmark = pytest.mark.django_db


def test_it_names_substances_in_both_scripts_with_their_street_names(web: Client) -> None:
    html = web.get("/seizures/add/").content.decode()
    assert "មេតំហ្វេតាមីន / Methamphetamine (ice, crystal, yaba, WY tablets)" in html
    assert "កេតាមីន / Ketamine (K, ke)" in html


def test_it_tells_the_page_what_fits_each_substance(web: Client) -> None:
    response = web.get("/seizures/add/")
    attrs = response.context["extra_forms"]["drug_items"].forms[0].fields["substance"].widget.attrs
    forms = json.loads(attrs["data-substance-forms"])
    units = json.loads(attrs["data-form-units"])
    assert forms[str(Substance.objects.get(code="CANN").pk)] == ["plant_material", "plants"]
    assert units["tablet"] == ["tablets", "g", "kg"]  # the count first: it is suggested
    assert units["liquid"][0] == "ml"


def test_it_refuses_an_unfit_unit_and_says_which_fit(web: Client) -> None:
    data = page_data([item_row("KET", "powder", "20", "tablets")])
    response = web.post("/seizures/add/", data)
    assert response.status_code == 400
    assert "tablets is not a unit for powder; use grams, kilograms." in response.content.decode()


def test_it_refuses_an_unfit_form_and_says_which_fit(web: Client) -> None:
    data = page_data([item_row("HER", "tablet", "20", "tablets")])
    html = web.post("/seizures/add/", data).content.decode()
    assert "Heroin is not seized as tablet; choose powder." in html
