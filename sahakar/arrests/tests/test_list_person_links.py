"""The arrests list links each person to their page when the viewer may open it, and names
them in plain text otherwise, in the query that reads the page; `?person=` (what a
person's page links to) keeps the arrests of that person, and nonsense there is refused
with a message, never an error."""

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from sahakar.testing import factories as f
from sahakar.testing.connected import NOW, connect, hrefs
from sahakar.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_links_the_persons_the_user_may_open(client: Client, pp_officer: Any) -> None:
    unit = f.first_district(f.PHNOM_PENH)
    local = f.make_person(f.unit(f.PHNOM_PENH))
    visitor = f.make_person(f.unit(f.SIEM_REAP), name_latin="Keo Visal")
    connect(local, unit, with_case=False)
    connect(visitor, unit, with_case=False)
    client.force_login(pp_officer)
    page = client.get("/arrests/").content.decode()
    assert local.get_absolute_url() in hrefs(page)
    assert "Keo Visal" in page
    assert visitor.get_absolute_url() not in hrefs(page)


def test_it_reads_the_links_in_the_same_queries(client: Client, pp_officer: Any) -> None:
    unit = f.first_district(f.PHNOM_PENH)
    connect(f.make_person(unit), unit, with_case=False)
    client.force_login(pp_officer)

    def more() -> None:
        for _ in range(4):
            connect(f.make_person(unit), unit, with_case=False)

    assert_constant_queries(more, lambda: client.get("/arrests/"))


def test_it_filters_by_person_and_refuses_nonsense(client: Client, pp_officer: Any) -> None:
    unit = f.first_district(f.PHNOM_PENH)
    person = f.make_person(unit)
    mine = connect(person, unit, with_case=False).arrest
    other = connect(f.make_person(unit), unit, with_case=False).arrest
    client.force_login(pp_officer)
    page = client.get(f"/arrests/?person={person.pk}").content.decode()
    assert mine.reference in page and other.reference not in page
    for nonsense in ("abc", "-1", "99999999999999999999999"):
        assert client.get(f"/arrests/?person={nonsense}").status_code in (200, 400)
