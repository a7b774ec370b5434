"""The results page runs no more queries with many matching records than with few."""

import re
from typing import Any

from sahakar.search.finders import LIMIT
from sahakar.search.tests.conftest import make_arrest, search
from sahakar.testing import factories as f
from sahakar.testing.queries import count_queries


def test_it_runs_no_more_queries_however_many_records_match(
    signed_in: Any, chea_vibol: Any
) -> None:
    pp = f.unit(f.PHNOM_PENH)
    client = signed_in("pp_investigator")

    def add(count: int) -> None:
        for _ in range(count):
            seizure = f.make_seizure(pp, "ADB-PP", venue=f.make_venue(pp, name="Chea Karaoke"))
            f.make_item(seizure, markings="Chea")
            make_arrest(f.make_person(pp, name_latin="Chea Vibol"))

    add(1)
    few = count_queries(lambda: search(client, "Chea Vibol"))
    add(15)
    many = count_queries(lambda: search(client, "Chea Vibol"))
    assert many <= few, f"queries grew with the rows: {few} -> {many}"
    page = search(client, "Chea Vibol").content.decode()
    assert len(re.findall(r'href="/persons/\d+/"', page)) == LIMIT
