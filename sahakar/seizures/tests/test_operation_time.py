"""A seizure linked to an operation happened during it: the operation has started, and the
time of seizure lies within its actual start and end. Page and API alike."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.operations.models import Operation
from sahakar.seizures.models import Seizure
from sahakar.seizures.tests.conftest import api_payload, counts, item_row, page_data
from sahakar.testing.raids import NOW, raid, raid_day

pytestmark = pytest.mark.django_db

ADD, LIST = reverse("seizures:seizure_add"), reverse("api:seizure-list")


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with raid_day():
        yield


def _page(operation: Operation, seized_at: datetime) -> dict[str, Any]:
    return page_data([item_row()], operation=operation.pk, seized_at=f"{seized_at:%Y-%m-%dT%H:%M}")


def _api(operation: Operation, seized_at: datetime) -> dict[str, Any]:
    return api_payload(operation=operation.pk, seized_at=seized_at.isoformat())


def test_the_page_refuses_a_seizure_ten_days_before_the_operation(web: Client) -> None:
    operation = raid()
    before = counts()
    response = web.post(ADD, _page(operation, NOW - timedelta(days=10)))
    assert response.status_code == 400
    assert response.context["form"].errors["seized_at"] == [
        "This time (2026-02-28 10:00) is outside the operation's actual time "
        "(2026-03-10 04:00 to 2026-03-10 10:00)."
    ]
    assert counts() == before


def test_the_page_refuses_a_seizure_in_an_operation_still_planned(web: Client) -> None:
    operation = raid("planned")
    before = counts()
    response = web.post(ADD, _page(operation, NOW - timedelta(hours=1)))
    assert response.status_code == 400
    assert response.context["form"].errors["operation"] == [
        f"The operation {operation} is still planned: start it (with the time it actually "
        "started) before recording a seizure in it."
    ]
    assert counts() == before


def test_the_page_records_a_seizure_during_the_operation(web: Client) -> None:
    operation = raid()
    response = web.post(ADD, _page(operation, NOW - timedelta(hours=2)))
    assert response.status_code == 302, response.context["form"].errors
    assert Seizure.objects.get().operation == operation


@pytest.mark.parametrize("offset", [timedelta(days=-10), timedelta(hours=-6, minutes=-1)])
def test_the_api_refuses_a_seizure_outside_the_operations_time(
    pp_api: APIClient, offset: timedelta
) -> None:
    operation = raid()
    before = counts()
    response = pp_api.post(LIST, _api(operation, NOW + offset), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["seized_at"]
    assert "is outside the operation's actual time" in response.json()["seized_at"][0]
    assert counts() == before


def test_the_api_refuses_a_seizure_in_an_operation_still_planned(pp_api: APIClient) -> None:
    operation = raid("planned")
    before = counts()
    response = pp_api.post(LIST, _api(operation, NOW - timedelta(hours=1)), format="json")
    assert response.status_code == 400
    assert "is still planned: start it" in response.json()["operation"][0]
    assert counts() == before


@pytest.mark.parametrize("status", ["active", "closed"])
def test_the_api_records_a_seizure_during_the_operation(pp_api: APIClient, status: str) -> None:
    operation = raid(status)
    response = pp_api.post(LIST, _api(operation, NOW - timedelta(hours=6)), format="json")
    assert response.status_code == 201, response.content
    assert Seizure.objects.get().operation == operation
