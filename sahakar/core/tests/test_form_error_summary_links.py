"""After a refused save the summary at the top names each wrong field and links to it
(#id_...), formset rows included; it is focusable (tabindex=-1) and marked for the script
that moves focus to it. Required fields are marked, for the eye and for screen readers."""

import re

import pytest
from django.test import Client

from sahakar.seizures.tests.conftest import item_row, page_data

pytestmark = pytest.mark.django_db


def summary_of(html: str) -> str:
    found = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert found, "no error summary"
    return found.group(0)


def test_it_links_each_wrong_field_from_the_summary(web: Client) -> None:
    data = page_data([item_row("METH", "tablet", "-1", "tablets")], seized_at="", org_unit="")
    response = web.post("/seizures/add/", data)
    assert response.status_code == 400
    summary = summary_of(response.content.decode())
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert 'href="#id_seized_at"' in summary
    assert 'href="#id_org_unit"' in summary
    assert 'href="#id_items-0-quantity"' in summary
    assert "Time of seizure: This field is required." in summary


def test_it_shows_no_summary_before_anything_is_sent(web: Client) -> None:
    assert "data-error-summary" not in web.get("/seizures/add/").content.decode()


def test_it_marks_required_fields(web: Client) -> None:
    html = web.get("/seizures/add/").content.decode()
    assert "Fields marked" in html and "are required." in html
    seized_at = re.search(r"<input[^>]*id=\"id_seized_at\"[^>]*>", html)
    assert seized_at and 'aria-required="true"' in seized_at.group(0)
    label = re.search(r'<label for="id_seized_at">.*?</label>', html, re.S)
    assert label and 'class="required-mark"' in label.group(0)
    notes = re.search(r"<textarea[^>]*id=\"id_notes\"[^>]*>", html)
    assert notes and "aria-required" not in notes.group(0)
