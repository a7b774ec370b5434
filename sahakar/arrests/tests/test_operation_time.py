"""An arrest linked to an operation happened during it: the operation has started, and the
time of arrest lies within its actual start and end. Page and API alike."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sahakar.arrests.models import Arrest, Offence
from sahakar.arrests.tests.conftest import FELONY
from sahakar.operations.models import Operation
from sahakar.testing import factories as f
from sahakar.testing.raids import NOW, raid, raid_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with raid_day():
        yield


def _api(operation: Operation, arrested_at: datetime) -> dict[str, Any]:
    unit = f.first_district(f.PHNOM_PENH)
    return {
        "person": f.make_person(unit).pk,
        "arrested_at": arrested_at.isoformat(),
        "arrived_at": (arrested_at + timedelta(minutes=30)).isoformat(),
        "org_unit": unit.code,
        "place_description": "National road 1, km 9",
        "arresting_agency": "ADB-PP",
        "operation": operation.pk,
        "offences": [FELONY],
        "suspect_role": "trafficker",
    }


def _page(operation: Operation, arrested_at: datetime) -> dict[str, Any]:
    unit = f.first_district(f.PHNOM_PENH)
    return {
        "person": f.make_person(unit).pk,
        "arrested_at": f"{arrested_at:%Y-%m-%dT%H:%M}",
        "arrived_at": f"{arrested_at + timedelta(minutes=30):%Y-%m-%dT%H:%M}",
        "org_unit": unit.pk,
        "place_description": "Guesthouse on Street 136",
        "arresting_agency": f.agency("ADB-PP").pk,
        "operation": operation.pk,
        "offences": [Offence.objects.get(code=FELONY).pk],
        "suspect_role": "dealer",
        "drug_test": "not_tested",
        "new_person-sex": "U",
    }


def test_the_api_refuses_an_arrest_ten_days_before_the_operation(pp_api: APIClient) -> None:
    operation = raid()
    response = pp_api.post("/api/v1/arrests/", _api(operation, NOW - timedelta(days=10)))
    assert response.status_code == 400
    assert response.json() == {
        "arrested_at": [
            "This time (2026-02-28 10:00) is outside the operation's actual time "
            "(2026-03-10 04:00 to 2026-03-10 10:00)."
        ]
    }
    assert not Arrest.objects.exists()


def test_the_api_refuses_an_arrest_in_an_operation_still_planned(pp_api: APIClient) -> None:
    operation = raid("planned")
    response = pp_api.post("/api/v1/arrests/", _api(operation, NOW - timedelta(hours=1)))
    assert response.status_code == 400
    assert response.json() == {
        "operation": [
            f"The operation {operation} is still planned: start it (with the time it actually "
            "started) before recording an arrest in it."
        ]
    }
    assert not Arrest.objects.exists()


def test_the_api_records_an_arrest_during_the_operation(pp_api: APIClient) -> None:
    operation = raid("active")
    response = pp_api.post("/api/v1/arrests/", _api(operation, NOW - timedelta(hours=1)))
    assert response.status_code == 201, response.content
    assert Arrest.objects.get().operation == operation


def test_the_page_refuses_an_arrest_after_the_operation_closed(web: Client) -> None:
    operation = f.make_operation(
        f.unit(f.PHNOM_PENH), status="closed", planned_start=NOW - timedelta(days=1)
    )
    response = web.post("/arrests/add/", _page(operation, NOW - timedelta(hours=1)))
    assert response.status_code == 400
    assert "is outside the operation&#x27;s actual time" in response.content.decode()
    assert not Arrest.objects.exists()


def test_the_page_records_an_arrest_during_the_operation(web: Client) -> None:
    operation = raid()
    response = web.post("/arrests/add/", _page(operation, NOW - timedelta(hours=1)))
    assert response.status_code == 302
    assert Arrest.objects.get().operation == operation
