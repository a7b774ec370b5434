"""The arrest list: each custody's state and deadline in local time, filtered by state, org
unit, agency, date and role, searched by reference or the person's name in either script."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from sahakar.arrests import services
from sahakar.arrests.tests.conftest import hours_ago, local, record
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def listed(web: Client, **params: Any) -> str:
    response = web.get("/arrests/", {"per_page": 100, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_arrests_with_their_custody_state_and_local_deadline(web: Client) -> None:
    arrest = record(arrived_at=local(2025, 3, 1, 23, 30))
    page = listed(web)
    assert arrest.reference in page and str(arrest.person) in page
    assert "2025-03-03 23:30" in page  # the deadline, in Phnom Penh time
    assert 'class="badge custody-overdue tone-danger"' in page
    assert "Custodies due and overdue" in page


def test_it_filters_by_custody_state(web: Client) -> None:
    fresh = record(arrived_at=hours_ago(1))
    due = record(arrived_at=hours_ago(45))
    overdue = record(arrived_at=hours_ago(50))
    ended = record(arrived_at=hours_ago(30))
    services.record_outcome(ended, "referred", hours_ago(3), reference="REF-1", acting_user=None)
    cases = {
        "in_custody": {fresh},
        "due_soon": {due},
        "overdue": {overdue},
        "ended": {ended},
    }
    everyone = {fresh, due, overdue, ended}
    for state, expected in cases.items():
        page = listed(web, state=state)
        for arrest in everyone:
            assert (arrest.reference in page) == (arrest in expected), (state, arrest)
    both = listed(web, state=["due_soon", "overdue"])
    assert due.reference in both and overdue.reference in both and fresh.reference not in both


def test_it_searches_by_reference_and_by_name_in_either_script(web: Client) -> None:
    unit = f.first_district(f.PHNOM_PENH)
    sokha = record(person=f.make_person(unit, name_latin="Chan Sokha", name_km="ចាន់ សុខា"))
    other = record(person=f.make_person(unit, name_latin="Keo Dara"))
    for query in ("sokha", "សុខា", sokha.reference):
        page = listed(web, q=query)
        assert sokha.reference in page and other.reference not in page, query


def test_it_filters_by_org_unit_agency_date_and_role(web: Client) -> None:
    first = f.first_district(f.PHNOM_PENH)
    second = f.unit(f.PHNOM_PENH).children.exclude(pk=first.pk).first()
    here = record(first, arrived_at=local(2025, 4, 2, 9, 0), suspect_role="user")
    there = record(second, arrived_at=local(2025, 4, 20, 9, 0), agency="GRK")
    assert there.reference not in listed(web, org_unit=first.code)
    assert here.reference not in listed(web, arresting_agency="GRK")
    dated = listed(web, arrested_after="2025-04-01", arrested_before="2025-04-10")
    assert here.reference in dated and there.reference not in dated
    users = listed(web, suspect_role="user")
    assert here.reference in users and there.reference not in users


def test_it_counts_the_day_of_arrest_in_local_time(web: Client) -> None:
    # 00:30 on 5 April in Phnom Penh is still 4 April in UTC.
    arrest = record(
        arrested_at=local(2025, 4, 5, 0, 30),
        arrived_at=local(2025, 4, 5, 0, 30) + timedelta(minutes=20),
    )
    assert arrest.reference in listed(
        web, arrested_after="2025-04-05", arrested_before="2025-04-05"
    )
    assert arrest.reference not in listed(web, arrested_before="2025-04-04")


def test_it_exports_the_filtered_list_to_those_allowed(client: Client, auditor: Any) -> None:
    arrest = record(arrived_at=hours_ago(50))
    client.force_login(auditor)
    response = client.get("/arrests/", {"export": "csv", "state": "overdue"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert arrest.reference in body and "overdue" in body
