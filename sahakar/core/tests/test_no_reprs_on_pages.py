"""No page shows a Python value as Python writes it ("None", "{'factor': 'totp'}", "True"):
records with only their required fields, and their lists, read as words and dashes."""

from typing import Any

import pytest
import time_machine

from sahakar.arrests.tests.conftest import record
from sahakar.cases.tests.conftest import make_case
from sahakar.prevention.tests.conftest import make_campaign
from sahakar.testing import factories as f
from sahakar.testing.evidence import evidence_room, take_in
from sahakar.testing.pages import reprs_in
from sahakar.testing.raids import NOW

pytestmark = pytest.mark.django_db


def _sparse_records(user: Any) -> list[Any]:
    unit = f.unit(f.PHNOM_PENH)
    seizure = f.make_seizure(unit, "ADB-PP", place_description="")
    f.make_item(seizure)
    return [
        f.make_venue(unit),
        f.make_operation(unit, status="planned"),
        seizure,
        f.make_person(unit, birth_year=None),
        record(),
        make_case(user),
        make_campaign(),
        take_in(evidence_room()),
    ]


def test_it_shows_no_python_values_on_record_pages_and_lists(
    client: Any, pp_investigator: Any, admin_user: Any
) -> None:
    with time_machine.travel(NOW, tick=False):
        records = _sparse_records(pp_investigator)
        client.force_login(admin_user)
        for obj in records:
            page = client.get(obj.get_absolute_url())
            assert page.status_code == 200, obj
            assert reprs_in(page) == [], obj.get_absolute_url()
            listing = client.get(obj.get_absolute_url().rsplit("/", 2)[0] + "/")
            assert reprs_in(listing) == [], obj.get_absolute_url()


def test_it_would_catch_a_repr() -> None:
    class Page:
        content = b"<main id=\"main\"><dd>None</dd><pre>{'factor': 'totp'}</pre></main>"

    assert len(reprs_in(Page())) == 2
