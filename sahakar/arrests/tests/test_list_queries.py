"""The arrest list, its endpoint and the due list run as many queries for 3 rows as for 15."""

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sahakar.arrests import services
from sahakar.arrests.tests.conftest import hours_ago, record
from sahakar.testing import factories as f
from sahakar.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _more_arrests() -> None:
    for n in range(3, 15):
        _arrest(n)


def _arrest(n: int) -> None:
    """An overdue arrest with everything a row shows: a seizure, an extension, and every
    other one ended, so rows with and without outcomes are both on the page."""
    unit = f.first_district(f.PHNOM_PENH)
    arrest = record(unit, arrived_at=hours_ago(80 + n), seizures=[f.make_seizure(unit)])
    services.grant_extension(arrest, arrest.arrived_at, 24, f"ORD-{n}", "Lab", acting_user=None)
    if n % 2:
        services.record_outcome(arrest, "referred", arrest.arrived_at, acting_user=None)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/arrests/", {"per_page": 100}),
        ("/arrests/due/", {}),
        ("/api/v1/arrests/", {"page_size": 100}),
        ("/api/v1/arrests/due/", {"page_size": 100}),
        ("/", {}),
    ],
)
def test_it_runs_constant_queries_whatever_the_length(
    client: Client, api: APIClient, pp_officer: Any, url: str, params: dict[str, Any]
) -> None:
    client.force_login(pp_officer)
    api.force_authenticate(pp_officer)
    fetch = (
        (lambda: api.get(url, params))
        if url.startswith("/api/")
        else (lambda: client.get(url, params))
    )
    for n in range(3):
        _arrest(n)
    assert_constant_queries(_more_arrests, fetch)


def test_it_keeps_the_due_list_constant_for_commanders(
    client: Client, national_analyst: Any, analysts_follow_deadlines: None
) -> None:
    client.force_login(national_analyst)
    for n in range(3):
        _arrest(n)
    assert_constant_queries(_more_arrests, lambda: client.get("/arrests/due/"))
