"""Inventory audits of a store: what was expected, what was scanned, what the count found."""

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sahakar.evidence import inventories, services
from sahakar.evidence.models import Inventory, InventoryLine
from sahakar.testing import factories as f
from sahakar.testing.evidence import make_location, take_in

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@pytest.fixture(autouse=True)
def clock() -> Iterator[Any]:
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def _start(room: Any, **kwargs: Any) -> Inventory:
    kwargs.setdefault("reason", "Annual audit")
    return inventories.start_inventory(room.vault, acting_user=room.custodian, **kwargs)


def _findings(inventory: Inventory) -> dict[str, str]:
    return dict(
        InventoryLine.objects.filter(inventory=inventory).values_list(
            "exhibit__reference", "finding"
        )
    )


def test_it_expects_what_the_store_holds_where_it_is_recorded(room: Any) -> None:
    on_shelf, in_safe = take_in(room), take_in(room)
    services.move(
        in_safe, "transfer", to_store=room.vault, to_location=room.safe, acting_user=room.custodian
    )
    gone = take_in(room)
    services.move(gone, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    inventory = _start(room)
    lines = InventoryLine.objects.filter(inventory=inventory, expected=True)
    assert {(line.exhibit_id, line.expected_location_id) for line in lines} == {
        (on_shelf.pk, room.shelf.pk),
        (in_safe.pk, room.safe.pk),
    }
    assert inventory.expected_count == 2
    assert inventory.started_by == room.custodian and inventory.closed_at is None


def test_it_reports_found_missing_misplaced_and_unexpected(room: Any) -> None:
    found, missing, misplaced, unlocated = (take_in(room) for _ in range(4))
    elsewhere = _sr_exhibit(room)
    inventory = _start(room)
    inventories.record_scan(
        inventory, found.reference, location=room.shelf, acting_user=room.custodian
    )
    inventories.record_scan(
        inventory, misplaced.reference, location=room.safe, acting_user=room.custodian
    )
    inventories.record_scan(inventory, unlocated.reference, acting_user=room.custodian)
    scan = inventories.record_scan(
        inventory, elsewhere.reference, location=room.shelf, acting_user=room.custodian
    )
    assert not scan.expected and scan.changed

    closed = inventories.close_inventory(inventory, acting_user=room.custodian)

    assert _findings(closed) == {
        found.reference: "found",
        missing.reference: "missing",
        misplaced.reference: "misplaced",
        unlocated.reference: "found",
        elsewhere.reference: "unexpected",
    }
    counts = (
        closed.expected_count,
        closed.found_count,
        closed.missing_count,
        closed.misplaced_count,
        closed.unexpected_count,
    )
    assert counts == (4, 2, 1, 1, 1)
    assert closed.closed_at == MORNING and closed.closed_by == room.custodian


def test_an_exhibit_without_a_recorded_location_found_on_a_shelf_is_misplaced(
    room: Any,
) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    exhibit = services.create_exhibit(
        seizure,
        items=[f.make_item(seizure, quantity="10", unit_="tablets")],
        seal_number="SEAL-NOWHERE",
        description="Bag taken in without a shelf",
        store=room.vault,
        net_quantity=Decimal("10"),
        net_unit="tablets",
        acting_user=room.custodian,
    )
    assert exhibit.location is None
    inventory = _start(room)
    inventories.record_scan(
        inventory, exhibit.reference, location=room.shelf, acting_user=room.custodian
    )
    closed = inventories.close_inventory(inventory, acting_user=room.custodian)
    assert _findings(closed) == {exhibit.reference: "misplaced"}


def _sr_exhibit(room: Any) -> Any:
    """An exhibit held in the Siem Reap vault (taken in at Phnom Penh, then transferred)."""
    exhibit = take_in(room)
    services.move(exhibit, "transfer", to_store=room.sr_vault, acting_user=room.custodian)
    services.receive(exhibit, acting_user=room.sr_custodian)
    return exhibit


def test_it_reads_the_reference_out_of_a_label_payload(room: Any) -> None:
    exhibit = take_in(room)
    inventory = _start(room)
    payload = f"https://sahakar.example/evidence/x/{exhibit.reference}?v=1"
    scan = inventories.record_scan(inventory, payload, acting_user=room.custodian)
    assert scan.line.exhibit_id == exhibit.pk and scan.line.scanned_at == MORNING
    assert inventories.reference_in(f"/evidence/x/{exhibit.reference.lower()}/") == (
        exhibit.reference
    )


def test_an_unknown_code_is_refused_and_nothing_is_written(room: Any) -> None:
    take_in(room)
    inventory = _start(room)
    before = list(InventoryLine.objects.filter(inventory=inventory).values())
    with pytest.raises(ValidationError) as refused:
        inventories.record_scan(inventory, "EX-PP-1999-99999", acting_user=room.custodian)
    assert refused.value.message_dict == {"code": ["No exhibit has the code “EX-PP-1999-99999”."]}
    assert list(InventoryLine.objects.filter(inventory=inventory).values()) == before


def test_scanning_twice_changes_nothing_more(room: Any, clock: Any) -> None:
    exhibit = take_in(room)
    inventory = _start(room)
    first = inventories.record_scan(
        inventory, exhibit.reference, location=room.shelf, acting_user=room.custodian
    )
    clock.shift(60)
    again = inventories.record_scan(
        inventory, exhibit.reference, location=room.shelf, acting_user=room.custodian
    )
    assert first.changed and not again.changed
    line = InventoryLine.objects.get(inventory=inventory, exhibit=exhibit)
    assert (line.scanned_at, line.version) == (MORNING, first.line.version)
    assert InventoryLine.objects.filter(inventory=inventory).count() == 1


def test_a_location_of_another_store_is_refused(room: Any) -> None:
    exhibit = take_in(room)
    inventory = _start(room)
    lab_bench = make_location(room.lab, "BENCH")
    with pytest.raises(ValidationError, match="not in"):
        inventories.record_scan(
            inventory, exhibit.reference, location=lab_bench, acting_user=room.custodian
        )
    assert not InventoryLine.objects.filter(scanned_at__isnull=False).exists()


def test_a_sample_checks_the_stated_number_and_is_drawn_again_from_its_seed(room: Any) -> None:
    for _ in range(8):
        take_in(room)
    first = _start(room, kind="sample", sample_size=3, seed=20260302)
    picked = set(first.lines.values_list("exhibit_id", flat=True))
    assert len(picked) == 3 and first.expected_count == 3
    assert (first.sample_size, first.sample_seed) == (3, 20260302)
    inventories.close_inventory(first, acting_user=room.custodian)

    second = _start(room, kind="sample", sample_size=3, seed=first.sample_seed)
    assert set(second.lines.values_list("exhibit_id", flat=True)) == picked
    held = inventories.held_in(room.vault)
    assert {pk for pk, _loc in inventories.sample_of(held, 3, 20260302)} == picked


def test_a_sample_draws_a_seed_when_none_is_given(room: Any) -> None:
    take_in(room)
    inventory = _start(room, kind="sample", sample_size=1)
    assert inventory.sample_seed is not None


@pytest.mark.parametrize(
    ("size", "message"), [(None, "how many"), (0, "how many"), (3, "holds 2 exhibits")]
)
def test_a_sample_of_a_wrong_size_is_refused(room: Any, size: Any, message: str) -> None:
    take_in(room), take_in(room)
    with pytest.raises(ValidationError, match=message) as refused:
        _start(room, kind="sample", sample_size=size)
    assert list(refused.value.message_dict) == ["sample_size"]
    assert not Inventory.objects.exists()


def test_in_a_sample_an_exhibit_of_the_store_outside_it_is_named_not_counted(room: Any) -> None:
    exhibits = [take_in(room) for _ in range(3)]
    inventory = _start(room, kind="sample", sample_size=1, seed=7)
    outside = next(e for e in exhibits if not inventory.lines.filter(exhibit=e).exists())
    with pytest.raises(ValidationError, match="not in this sample"):
        inventories.record_scan(inventory, outside.reference, acting_user=room.custodian)
    assert inventory.lines.count() == 1


def test_one_open_inventory_per_store(room: Any) -> None:
    take_in(room)
    open_one = _start(room)
    with pytest.raises(ValidationError, match="already open"):
        _start(room)
    with pytest.raises(IntegrityError), transaction.atomic():
        Inventory.objects.create(
            store=room.vault, kind="full", started_at=MORNING, started_by=room.custodian
        )
    inventories.close_inventory(open_one, acting_user=room.custodian)
    assert _start(room).pk != open_one.pk


def test_a_closed_inventory_is_never_changed(room: Any) -> None:
    exhibit = take_in(room)
    inventory = inventories.close_inventory(_start(room), acting_user=room.custodian)
    lines = list(InventoryLine.objects.filter(inventory=inventory).values())
    with pytest.raises(ValidationError, match="closed"):
        inventories.record_scan(inventory, exhibit.reference, acting_user=room.custodian)
    with pytest.raises(ValidationError, match="closed"):
        inventories.close_inventory(inventory, acting_user=room.custodian)
    assert list(InventoryLine.objects.filter(inventory=inventory).values()) == lines
    assert Inventory.objects.get(pk=inventory.pk).version == inventory.version


def test_only_a_custodian_or_a_supervisor_counts_a_store(room: Any) -> None:
    take_in(room)
    with pytest.raises(ValidationError, match="Only a custodian"):
        inventories.start_inventory(room.vault, reason="Audit", acting_user=room.sr_custodian)
    pp_supervisor = _supervisor("pp_supervisor", f.PHNOM_PENH, "ADB-PP")
    sr_supervisor = _supervisor("sr_supervisor", f.SIEM_REAP, "ADB-SR")
    with pytest.raises(ValidationError, match="Only a custodian"):
        inventories.start_inventory(room.vault, reason="Audit", acting_user=sr_supervisor)
    inventory = inventories.start_inventory(room.vault, reason="Audit", acting_user=pp_supervisor)
    assert inventory.started_by == pp_supervisor


def _supervisor(username: str, province: str, agency: str) -> Any:
    return f.make_user(username, "evidence_supervisor", f.unit(province), agency)


def test_a_reason_is_required(room: Any) -> None:
    with pytest.raises(ValidationError, match="Say why"):
        _start(room, reason="  ")


def test_a_full_inventory_of_an_empty_store_closes_with_nothing_missing(room: Any) -> None:
    inventory = inventories.close_inventory(_start(room), acting_user=room.custodian)
    assert (inventory.expected_count, inventory.missing_count) == (0, 0)
