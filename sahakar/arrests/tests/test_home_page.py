"""The home page warns when a custody in the user's jurisdiction is past its deadline without
an outcome, and links to the due list."""

from typing import Any

import pytest
from django.test import Client

from sahakar.arrests import services
from sahakar.arrests.tests.conftest import hours_ago, record
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

BANNER = "past its legal deadline"


def home(client: Client, user: Any) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_warns_of_an_overdue_custody_and_links_to_the_due_list(
    client: Client, pp_officer: Any
) -> None:
    record(arrived_at=hours_ago(49))
    page = home(client, pp_officer)
    assert "1 custody in your jurisdiction is past its legal deadline" in page
    assert 'href="/arrests/due/"' in page


def test_it_counts_every_overdue_custody(client: Client, pp_officer: Any) -> None:
    record(arrived_at=hours_ago(49))
    record(arrived_at=hours_ago(60))
    assert "2 custodies in your jurisdiction are past their legal deadline" in home(
        client, pp_officer
    )


def test_it_stays_quiet_when_nothing_is_overdue(client: Client, pp_officer: Any) -> None:
    record(arrived_at=hours_ago(47))  # due, not overdue
    ended = record(arrived_at=hours_ago(60))
    services.record_outcome(
        ended, "released", hours_ago(20), "Insufficient evidence", acting_user=None
    )
    record(f.unit(f.SIEM_REAP), arrived_at=hours_ago(60), agency="ADB-SR")  # elsewhere
    assert BANNER not in home(client, pp_officer)


def test_it_warns_commanders_without_naming_anyone(
    client: Client, national_analyst: Any, analysts_follow_deadlines: None
) -> None:
    unit = f.first_district(f.PHNOM_PENH)
    record(unit, arrived_at=hours_ago(49), person=f.make_person(unit, name_latin="Late Lim"))
    page = home(client, national_analyst)
    assert BANNER in page and "Late Lim" not in page


def test_it_shows_no_warning_to_roles_that_follow_no_custody(
    client: Client, prevention_officer: Any
) -> None:
    record(arrived_at=hours_ago(49))
    assert BANNER not in home(client, prevention_officer)


def test_it_offers_recording_an_arrest_to_those_who_may(
    client: Client, pp_officer: Any, auditor: Any
) -> None:
    assert 'href="/arrests/add/"' in home(client, pp_officer)
    assert 'href="/arrests/add/"' not in home(client, auditor)
