"""The custody due list (/arrests/due/ and /api/v1/arrests/due/): custodies due within 6 hours
or overdue in the user's jurisdiction, soonest first; names only for roles that see
personal data; commanders and analysts get the same list without them."""

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sahakar.accounts.models import Grant
from sahakar.arrests import services
from sahakar.arrests.tests.conftest import hours_ago, record
from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def custodies() -> dict[str, Any]:
    unit = f.first_district(f.PHNOM_PENH)
    ended = record(unit, arrived_at=hours_ago(60))
    services.record_outcome(ended, "referred", hours_ago(20), acting_user=None)
    return {
        "overdue": record(
            unit, arrived_at=hours_ago(50), person=f.make_person(unit, name_latin="Late Lim")
        ),
        "due": record(
            unit, arrived_at=hours_ago(45), person=f.make_person(unit, name_latin="Soon Sao")
        ),
        "fresh": record(unit, arrived_at=hours_ago(10)),
        "ended": ended,
        "elsewhere": record(f.unit(f.SIEM_REAP), arrived_at=hours_ago(55), agency="ADB-SR"),
    }


def due_page(client: Client, user: Any) -> str:
    client.force_login(user)
    response = client.get("/arrests/due/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_custodies_due_and_overdue_soonest_first(
    client: Client, pp_officer: Any, custodies: dict[str, Any]
) -> None:
    page = due_page(client, pp_officer)
    overdue, due = custodies["overdue"].reference, custodies["due"].reference
    assert overdue in page and due in page
    assert page.index(overdue) < page.index(due)
    for absent in ("fresh", "ended", "elsewhere"):
        assert custodies[absent].reference not in page, absent
    assert "Late Lim" in page and "Soon Sao" in page
    assert f'href="{custodies["due"].get_absolute_url()}"' in page
    assert AuditEntry.objects.filter(action="view", detail__page="custody due").exists()


def test_it_shows_commanders_the_list_without_personal_data(
    client: Client,
    national_analyst: Any,
    custodies: dict[str, Any],
    analysts_follow_deadlines: None,
) -> None:
    page = due_page(client, national_analyst)
    for present in ("overdue", "due", "elsewhere"):
        assert custodies[present].reference in page, present
    assert custodies["fresh"].reference not in page
    assert "Late Lim" not in page and "Soon Sao" not in page
    assert "Person" not in page
    assert "does not see personal data" in page
    assert f'href="{custodies["due"].get_absolute_url()}"' not in page
    # ...and the arrest itself stays out of reach.
    assert client.get(custodies["due"].get_absolute_url()).status_code == 404


def test_it_shows_auditors_the_names(
    client: Client, auditor: Any, custodies: dict[str, Any]
) -> None:
    page = due_page(client, auditor)
    assert "Late Lim" in page and custodies["elsewhere"].reference in page


def test_it_refuses_roles_that_follow_no_custody(
    client: Client, prevention_officer: Any, national_analyst: Any, custodies: dict[str, Any]
) -> None:
    client.force_login(prevention_officer)
    assert client.get("/arrests/due/").status_code == 403
    Grant.objects.filter(role__code="analyst", record_type="arrests.custodydeadline").delete()
    client.force_login(national_analyst)  # without the deadline grant
    assert client.get("/arrests/due/").status_code == 403


def test_it_answers_the_due_list_in_the_api(
    api: APIClient,
    pp_officer: Any,
    national_analyst: Any,
    custodies: dict[str, Any],
    analysts_follow_deadlines: None,
) -> None:
    api.force_authenticate(pp_officer)
    rows = api.get("/api/v1/arrests/due/").json()["results"]
    assert [r["reference"] for r in rows] == [
        custodies["overdue"].reference,
        custodies["due"].reference,
    ]
    assert rows[0]["custody"]["state"] == "overdue" and rows[1]["custody"]["state"] == "due_soon"
    assert rows[0]["person"]["name"] == "Late Lim" and rows[0]["url"]
    assert rows[0]["org_unit"] == custodies["overdue"].org_unit.code
    assert rows[0]["arresting_agency"] == "ADB-PP"

    api.force_authenticate(national_analyst)
    rows = api.get("/api/v1/arrests/due/").json()["results"]
    assert len(rows) == 3
    assert all(r["person"] is None and r["url"] is None for r in rows)
    assert "Late Lim" not in str(rows)
    assert api.get(f"/api/v1/arrests/{custodies['due'].pk}/").status_code == 404
