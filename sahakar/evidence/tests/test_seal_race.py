"""Two writers taking the same seal at once: both pass the service's check before either
commits, and the database's constraint (one open seal number) refuses the second. That
writer gets the service's refusal at the seal field (a 400 in the API), not an
IntegrityError (a 500), and nothing of its write is kept."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sahakar.evidence import services
from sahakar.evidence.models import CustodyEvent, Exhibit
from sahakar.evidence.tests.custody_actors import (  # noqa: F401  # fixtures
    clock,
    custodian,
    exhibit_pages,
    fresh,
)
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in


@pytest.fixture
def check_passes_once(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Once armed, the next seal check sees the seal free, as a writer does whose rival
    has not yet committed; later checks see the database as it is."""
    real = services._check_seal_free
    armed = {"on": False}

    def racing(*args: Any, **kwargs: Any) -> None:
        if armed["on"]:
            armed["on"] = False
            return
        real(*args, **kwargs)

    monkeypatch.setattr(services, "_check_seal_free", racing)
    return lambda: armed.update(on=True)


def test_intake_under_a_seal_taken_meanwhile_is_refused_at_the_seal(room, check_passes_once):
    first = take_in(room, seal="RACE-1")
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    item = f.make_item(seizure, quantity="10", unit_="tablets")
    check_passes_once()
    with pytest.raises(ValidationError) as refused:
        services.create_exhibit(
            seizure,
            items=[item],
            seal_number="RACE-1",
            description="Second bag",
            store=room.vault,
            net_quantity=Decimal("10"),
            net_unit="tablets",
            acting_user=room.custodian,
        )
    assert refused.value.message_dict["seal_number"] == [
        f"Seal RACE-1 is already on exhibit {first.reference}."
    ]
    assert list(Exhibit.objects.values_list("pk", flat=True)) == [first.pk]


def test_resealing_with_a_seal_taken_meanwhile_is_refused_and_writes_nothing(
    room, check_passes_once
):
    first, second = take_in(room, seal="RACE-A"), take_in(room, seal="RACE-B")
    events = CustodyEvent.objects.count()
    check_passes_once()
    with pytest.raises(ValidationError) as refused:
        services.reseal(
            second, new_seal_number="RACE-A", reason="opened", acting_user=room.custodian
        )
    assert refused.value.message_dict["new_seal_number"] == [
        f"Seal RACE-A is already on exhibit {first.reference}."
    ]
    assert CustodyEvent.objects.count() == events
    assert (fresh(second).seal_number, fresh(second).event_count) == ("RACE-B", 1)
    assert services.state_matches_events(second)


def test_the_api_answers_a_seal_taken_meanwhile_with_a_400(room, api_as, check_passes_once):
    take_in(room, seal="RACE-X")
    second = take_in(room, seal="RACE-Y")
    check_passes_once()
    answer = api_as("custodian").post(
        "/api/v1/custody-events/",
        {"kind": "resealed", "exhibit": second.pk, "new_seal_number": "RACE-X", "reason": "x"},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "new_seal_number" in answer.json()
