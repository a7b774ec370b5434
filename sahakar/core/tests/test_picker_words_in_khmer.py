"""The pickers' own words (nothing found, searching, remove) come from the server in the
page's language: Tom Select would otherwise say them in English on Khmer pages."""

import pytest
from django.test import Client
from django.utils import translation

from sahakar.core.pickers import Picker, ReferencePicker, RemotePicker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "widget",
    [Picker(), RemotePicker("venues:lookup"), ReferencePicker("seizures:lookup")],
    ids=["local", "remote", "references"],
)
def test_it_says_its_words_in_the_language_of_the_page(widget: object) -> None:
    with translation.override("km"):
        html = widget.render("field", None)  # type: ignore[attr-defined]
    assert 'data-picker-empty="រកមិនឃើញ' in html
    assert "Nothing found" not in html
    with translation.override("en"):
        assert 'data-picker-empty="Nothing found"' in widget.render("field", None)  # type: ignore[attr-defined]


def test_a_form_page_carries_the_words(web: Client) -> None:
    page = web.get("/seizures/add/", HTTP_ACCEPT_LANGUAGE="km").content.decode()
    assert "data-picker-empty=" in page
