"""A seizure is found by its substance's English, Khmer or street name, and by markings."""

from typing import Any

import pytest

from sahakar.search.tests.conftest import search
from sahakar.testing import factories as f


@pytest.fixture
def seizures(db: Any) -> dict[str, Any]:
    pp = f.unit(f.PHNOM_PENH)
    meth = f.make_seizure(pp, "ADB-PP")
    f.make_item(meth)
    ketamine = f.make_seizure(pp, "ADB-PP")
    f.make_item(ketamine, substance="KET", form="powder", quantity="12", unit_="g")
    marked = f.make_seizure(pp, "ADB-PP")
    f.make_item(marked, substance="AMPH", markings="R 999")
    return {"meth": meth, "ketamine": ketamine, "marked": marked}


@pytest.mark.parametrize(
    ("typed", "found", "not_found"),
    [
        ("yaba", "meth", "ketamine"),
        ("ice", "meth", "ketamine"),
        ("WY", "meth", "ketamine"),
        ("methamphetamine", "meth", "ketamine"),
        ("មេតំហ្វេតាមីន", "meth", "ketamine"),
        ("ketamine", "ketamine", "meth"),
        ("Ketamin", "ketamine", "meth"),
        ("កេតាមីន", "ketamine", "meth"),
        ("r 999", "marked", "meth"),
    ],
)
def test_it_finds_seizures_by_substance_and_markings(
    seizures: dict[str, Any], signed_in: Any, typed: str, found: str, not_found: str
) -> None:
    page = search(signed_in("pp_officer"), typed).content.decode()
    assert seizures[found].get_absolute_url() in page, typed
    assert seizures[not_found].get_absolute_url() not in page, typed
