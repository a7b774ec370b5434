"""List pages and list endpoints run the same number of queries whatever their length."""

from collections.abc import Callable
from typing import Any

import pytest

from sahakar.testing import factories as f
from sahakar.testing.queries import assert_constant_queries

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


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_it_runs_constant_queries_on_list_pages_and_endpoints(
    client: Any, api: Any, admin_user: Any, kind: str
) -> None:
    client.force_login(admin_user)
    api.force_authenticate(admin_user)
    make = MAKERS[kind]
    for n in range(3):
        make(n)

    def grow() -> None:
        for n in range(3, 15):
            make(n)

    assert_constant_queries(
        grow,
        lambda: client.get(f"/{kind}/", {"per_page": 100}),
        lambda: api.get(f"/api/v1/{kind}/", {"page_size": 100}),
    )
