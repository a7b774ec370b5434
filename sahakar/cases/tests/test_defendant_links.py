"""On a case file's page each defendant links to their person's page and their arrest's,
when the viewer may open them: a person recorded outside the viewer's jurisdiction is
named in plain text, and users whose roles never see personal data (prevention officers)
get no person links, whatever record types their role was granted."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from sahakar.accounts.models import Grant, Role
from sahakar.core import permissions
from sahakar.testing import factories as f
from sahakar.testing.connected import NOW, connect, hrefs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def case_page(client: Client, user: Any, case: Any) -> str:
    client.force_login(user)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_it_links_each_defendant_to_their_person_and_arrest(
    client: Client, pp_investigator: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Chea Vibol")
    linked = connect(person, f.first_district(f.PHNOM_PENH))
    links = hrefs(case_page(client, pp_investigator, linked.case))
    assert person.get_absolute_url() in links
    assert linked.arrest.get_absolute_url() in links
    for url in (person.get_absolute_url(), linked.arrest.get_absolute_url()):
        assert client.get(url).status_code == 200


def test_it_names_a_person_outside_the_jurisdiction_without_a_link(
    client: Client, pp_investigator: Any
) -> None:
    person = f.make_person(f.unit(f.SIEM_REAP), name_latin="Sok Dara")
    linked = connect(person, f.first_district(f.PHNOM_PENH))
    page = case_page(client, pp_investigator, linked.case)
    assert "Sok Dara" in page
    assert person.get_absolute_url() not in hrefs(page)
    assert linked.arrest.get_absolute_url() in hrefs(page)


def test_a_prevention_officer_sees_no_person_links(client: Client, prevention_officer: Any) -> None:
    # An administrator grants the prevention role cases, arrests and persons: the
    # field-level rule (the role does not see personal data) still keeps persons unlinked.
    role = Role.objects.get(code="prevention_officer")
    for record_type in ("cases", "arrests", "persons.person"):
        Grant.objects.create(role=role, record_type=record_type, can_view=True)
    permissions.forget_scopes(prevention_officer)
    person = f.make_person(f.unit(f.PHNOM_PENH))
    linked = connect(person, f.first_district(f.PHNOM_PENH))
    page = case_page(client, prevention_officer, linked.case)
    links = hrefs(page)
    assert not [url for url in links if re.match(r"/persons/\d+/", url)]
    assert person.name_latin in page
    assert linked.arrest.get_absolute_url() not in links
