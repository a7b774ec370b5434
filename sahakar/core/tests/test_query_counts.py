"""List pages and list endpoints run the same number of queries whatever their length."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _joint_operation(n: int) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.participating_agencies.add(f.agency("GRK"), f.agency("ADB-PP"))
    operation.target_venues.add(f.make_venue(f.unit(f.PHNOM_PENH)))


def _seizure_with_items(n: int) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), venue=f.make_venue(f.unit(f.PHNOM_PENH)))
    f.make_item(seizure)
    f.make_item(seizure, substance="KET", form="powder", quantity="12.5", unit_="g")


MAKERS: dict[str, Callable[[int], Any]] = {
    "venues": lambda n: f.make_venue(f.unit(f.PHNOM_PENH)),
    "persons": lambda n: f.make_person(f.unit(f.PHNOM_PENH)),
    "operations": _joint_operation,
    "seizures": _seizure_with_items,
}


def _queries(fetch: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_it_runs_constant_queries_on_list_pages_and_endpoints(
    client: Any, api: Any, admin_user: Any, kind: str
) -> None:
    client.force_login(admin_user)
    api.force_authenticate(admin_user)
    make = MAKERS[kind]
    for n in range(3):
        make(n)
    page_few = _queries(lambda: client.get(f"/{kind}/", {"per_page": 100}))
    api_few = _queries(lambda: api.get(f"/api/v1/{kind}/", {"page_size": 100}))
    for n in range(3, 15):
        make(n)
    assert _queries(lambda: client.get(f"/{kind}/", {"per_page": 100})) == page_few
    assert _queries(lambda: api.get(f"/api/v1/{kind}/", {"page_size": 100})) == api_few
