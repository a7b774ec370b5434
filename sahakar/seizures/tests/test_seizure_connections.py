"""A seizure's page lists the arrests and case files it is linked to, as far as the viewer
may see them, and links its operation only when the viewer may open it."""

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from sahakar.testing import factories as f
from sahakar.testing.connected import NOW, connect, hrefs, related_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_lists_its_arrests_and_case_files(client: Client, pp_investigator: Any) -> None:
    linked = connect(f.make_person(f.unit(f.PHNOM_PENH)), f.first_district(f.PHNOM_PENH))
    client.force_login(pp_investigator)
    response = client.get(linked.seizure.get_absolute_url())
    links = hrefs(related_html(response.content.decode()))
    for record in (linked.arrest, linked.case, linked.arrest.person):
        assert record.get_absolute_url() in links
        assert client.get(record.get_absolute_url()).status_code == 200


def test_it_leaves_out_an_arrest_made_elsewhere(client: Client, pp_investigator: Any) -> None:
    linked = connect(f.make_person(f.unit(f.PHNOM_PENH)), f.first_district(f.PHNOM_PENH))
    elsewhere = connect(
        f.make_person(f.unit(f.SIEM_REAP)), f.first_district(f.SIEM_REAP), "ADB-SR"
    ).arrest
    elsewhere.seizures.add(linked.seizure)
    client.force_login(pp_investigator)
    response = client.get(linked.seizure.get_absolute_url())
    assert elsewhere.reference not in response.content.decode()
    counts = {s.slug: s.count for s in response.context["related_sections"]}
    assert counts == {"arrest": 1, "casefile": 1}


def test_it_names_an_operation_the_user_may_not_open_without_a_link(
    client: Client, pp_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.SIEM_REAP), lead="ADB-SR", status="closed")
    seizure = f.make_seizure(f.first_district(f.PHNOM_PENH), "ADB-PP", operation=operation)
    client.force_login(pp_officer)
    page = client.get(seizure.get_absolute_url()).content.decode()
    assert operation.reference in page
    assert operation.get_absolute_url() not in hrefs(page)
