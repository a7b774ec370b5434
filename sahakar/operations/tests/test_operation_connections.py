"""An operation's page lists the arrests and seizures recorded in it, linked to their pages:
only those the viewer may see (a joint operation's records elsewhere are neither listed
nor counted), in the same number of queries however many there are."""

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


def joint_operation() -> Any:
    """Led from Phnom Penh with Siem Reap's bureau taking part: both provinces see it."""
    operation = f.make_operation(f.unit(f.PHNOM_PENH), lead="ADB-PP", status="closed")
    operation.participating_agencies.add(f.agency("ADB-SR"))
    return operation


def test_it_lists_its_arrests_and_seizures(client: Client, pp_officer: Any) -> None:
    operation = joint_operation()
    linked = connect(
        f.make_person(f.unit(f.PHNOM_PENH)), f.first_district(f.PHNOM_PENH), operation=operation
    )
    client.force_login(pp_officer)
    response = client.get(operation.get_absolute_url())
    section = related_html(response.content.decode())
    for record in (linked.arrest, linked.seizure):
        assert record.get_absolute_url() in hrefs(section)
        assert client.get(record.get_absolute_url()).status_code == 200
    counts = {s.slug: s.count for s in response.context["related_sections"]}
    assert counts == {"arrest": 1, "seizure": 1}


def test_it_leaves_out_what_was_recorded_outside_the_jurisdiction(
    client: Client, pp_officer: Any, sr_officer: Any
) -> None:
    operation = joint_operation()
    here = connect(
        f.make_person(f.unit(f.PHNOM_PENH)), f.first_district(f.PHNOM_PENH), operation=operation
    )
    there = connect(
        f.make_person(f.unit(f.SIEM_REAP)),
        f.first_district(f.SIEM_REAP),
        "ADB-SR",
        operation=operation,
    )
    client.force_login(sr_officer)
    response = client.get(operation.get_absolute_url())
    page = response.content.decode()
    assert there.arrest.reference in page and there.seizure.reference in page
    assert here.arrest.reference not in page and here.seizure.reference not in page
    assert {s.slug: s.count for s in response.context["related_sections"]} == {
        "arrest": 1,
        "seizure": 1,
    }


def test_it_runs_the_same_queries_however_many_records_it_lists(
    client: Client, pp_officer: Any
) -> None:
    operation = joint_operation()
    unit = f.first_district(f.PHNOM_PENH)
    connect(f.make_person(unit), unit, operation=operation, with_case=False)
    client.force_login(pp_officer)

    def more() -> None:
        for _ in range(4):
            connect(f.make_person(unit), unit, operation=operation, with_case=False)

    assert_constant_queries(more, lambda: client.get(operation.get_absolute_url()))


def test_a_user_who_may_not_see_arrests_gets_no_arrest_section(
    client: Client, national_analyst: Any
) -> None:
    operation = joint_operation()
    linked = connect(
        f.make_person(f.unit(f.PHNOM_PENH)), f.first_district(f.PHNOM_PENH), operation=operation
    )
    client.force_login(national_analyst)
    response = client.get(operation.get_absolute_url())
    assert [s.slug for s in response.context["related_sections"]] == ["seizure"]
    assert linked.arrest.reference not in response.content.decode()
