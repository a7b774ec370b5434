"""The one writer of a seizure's parts (services.sync_parts), which the page and the API both
call, names who wrote each part even outside a request (a command, a script)."""

from decimal import Decimal
from typing import Any

import pytest
import time_machine

from sahakar.seizures import services
from sahakar.substances.models import Substance
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@time_machine.travel("2025-03-10 09:00 +07:00", tick=False)
def test_it_attributes_added_and_corrected_parts_to_the_acting_user(pp_officer: Any) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    kept = f.make_item(seizure)
    removed = f.make_item(seizure, quantity="5")
    methamphetamine = Substance.objects.get(code="METH")
    rows = [
        {"id": kept.pk, "quantity": Decimal("2500")},
        {
            "substance": methamphetamine,
            "form": "tablet",
            "quantity": Decimal("10"),
            "unit": "tablets",
        },
    ]

    services.sync_parts(seizure, "items", rows, acting_user=pp_officer)

    items = list(seizure.items.order_by("pk"))
    assert items[0].pk == kept.pk and removed.pk not in {i.pk for i in items}
    assert [item.quantity for item in items] == [Decimal("2500"), Decimal("10")]
    assert {item.updated_by for item in items} == {pp_officer}
    assert items[1].created_by == pp_officer


@time_machine.travel("2025-03-10 09:00 +07:00", tick=False)
def test_it_leaves_unchanged_parts_as_they_were(pp_officer: Any) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    item = f.make_item(seizure)
    version = item.version

    services.sync_parts(
        seizure, "items", [{"id": item.pk, "quantity": Decimal("2000")}], acting_user=pp_officer
    )

    item.refresh_from_db()
    assert (item.version, item.updated_by) == (version, None)
