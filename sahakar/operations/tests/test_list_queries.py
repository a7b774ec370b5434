"""Operation and inspection lists run the same number of queries whatever their length."""

from typing import Any

import pytest

from sahakar.operations.models import Operation
from sahakar.testing import factories as f
from sahakar.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _joint_operation() -> Operation:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.participating_agencies.add(f.agency("GRK"), f.agency("ADB-PP"))
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    operation.target_venues.add(venue)
    f.make_inspection(operation, venue)
    f.make_seizure(f.unit(f.PHNOM_PENH), operation=operation)
    return operation


@pytest.mark.parametrize(
    "url",
    [
        "/operations/?per_page=100",
        "/operations/inspections/?per_page=100",
        "/api/v1/operations/?page_size=100",
        "/api/v1/inspections/?page_size=100",
    ],
)
def test_it_runs_constant_queries_on_lists(
    client: Any, api: Any, pp_officer: Any, url: str
) -> None:
    client.force_login(pp_officer)
    api.force_authenticate(pp_officer)
    fetch = (lambda: api.get(url)) if url.startswith("/api/") else (lambda: client.get(url))
    for _ in range(2):
        _joint_operation()

    def grow() -> None:
        for _ in range(8):
            _joint_operation()

    assert_constant_queries(grow, fetch)


def test_it_runs_constant_queries_on_an_operations_page(client: Any, pp_officer: Any) -> None:
    operation = _joint_operation()
    client.force_login(pp_officer)

    def grow() -> None:
        for _ in range(6):
            venue = f.make_venue(f.unit(f.PHNOM_PENH))
            operation.target_venues.add(venue)
            operation.participating_agencies.add(f.agency("GDCE"))
            f.make_inspection(operation, venue)
            f.make_seizure(f.unit(f.PHNOM_PENH), operation=operation)

    assert_constant_queries(grow, lambda: client.get(operation.get_absolute_url()))
