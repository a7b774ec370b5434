"""A person's page lists their arrests, the case files they are a defendant in and the
seizures linked to their arrests: only those the viewer may see (neither listed nor
counted otherwise), each linked to its page, a long list capped with a link to the list
filtered to them, in the same number of queries however many there are."""

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from sahakar.testing import factories as f
from sahakar.testing.connected import NOW, connect, hrefs, related_html
from sahakar.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def sections(client: Client, user: Any, person: Any) -> dict[str, Any]:
    client.force_login(user)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return {s.slug: s for s in response.context["related_sections"]}


def test_it_lists_the_persons_arrests_cases_and_seizures(
    client: Client, pp_investigator: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH))
    linked = connect(person, f.first_district(f.PHNOM_PENH))
    client.force_login(pp_investigator)
    page = client.get(person.get_absolute_url()).content.decode()
    links = hrefs(related_html(page))
    for record in (linked.arrest, linked.case, linked.seizure):
        assert record.get_absolute_url() in links
        assert record.reference in related_html(page)


def test_it_neither_lists_nor_counts_records_outside_the_jurisdiction(
    client: Client, pp_investigator: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH))
    here = connect(person, f.first_district(f.PHNOM_PENH))
    elsewhere = connect(person, f.first_district(f.SIEM_REAP), "ADB-SR")
    found = sections(client, pp_investigator, person)
    assert {slug: s.count for slug, s in found.items()} == {
        "arrest": 1,
        "casefile": 1,
        "seizure": 1,
    }
    page = client.get(person.get_absolute_url()).content.decode()
    for record in (elsewhere.arrest, elsewhere.case, elsewhere.seizure):
        assert record.reference not in page
    assert here.arrest.reference in page


def test_its_links_open_the_records(client: Client, pp_investigator: Any) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH))
    connect(person, f.first_district(f.PHNOM_PENH))
    client.force_login(pp_investigator)
    links = hrefs(related_html(client.get(person.get_absolute_url()).content.decode()))
    assert len(links) >= 3
    for url in links:
        assert client.get(url).status_code == 200, url


def test_it_runs_the_same_queries_however_many_records_are_linked(
    client: Client, pp_investigator: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH))
    connect(person, f.first_district(f.PHNOM_PENH))
    client.force_login(pp_investigator)

    def more() -> None:
        for _ in range(4):
            connect(person, f.first_district(f.PHNOM_PENH))

    assert_constant_queries(more, lambda: client.get(person.get_absolute_url()))


def test_it_caps_a_long_list_and_links_to_the_list_filtered_to_the_person(
    client: Client, pp_investigator: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH))
    for _ in range(12):
        connect(person, f.first_district(f.PHNOM_PENH), with_case=False)
    connect(f.make_person(f.unit(f.PHNOM_PENH)), f.first_district(f.PHNOM_PENH))  # someone else
    arrests = sections(client, pp_investigator, person)["arrest"]
    assert (arrests.count, arrests.shown) == (12, 10)
    assert arrests.more_url == f"/arrests/?person={person.pk}"
    listed = client.get(arrests.more_url)
    assert listed.status_code == 200
    assert listed.context["table"].paginator.count == 12
    seizures = sections(client, pp_investigator, person)["seizure"]
    assert client.get(seizures.more_url).context["table"].paginator.count == 12


def test_it_shows_no_section_of_records_the_user_may_not_see(
    client: Client, pp_prosecutor: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH))
    connect(person, f.first_district(f.PHNOM_PENH))
    # A prosecutor sees persons, arrests, cases and seizures; take seizures away from the role.
    from sahakar.accounts.models import Grant
    from sahakar.core import permissions

    Grant.objects.filter(role__code="prosecutor", record_type="seizures.seizure").delete()
    permissions.forget_scopes(pp_prosecutor)
    assert set(sections(client, pp_prosecutor, person)) == {"arrest", "casefile"}
