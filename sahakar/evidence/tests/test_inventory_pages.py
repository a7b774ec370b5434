"""The inventory pages: start from a store, scan by typing, close, read the report."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sahakar.evidence import inventories
from sahakar.evidence.models import Inventory, InventoryLine
from sahakar.testing.evidence import take_in

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@pytest.fixture(autouse=True)
def clock() -> Iterator[Any]:
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def keeper(room: Any) -> Client:
    client = Client()
    client.force_login(room.custodian)
    return client


def _open(room: Any) -> Inventory:
    return inventories.start_inventory(room.vault, reason="Audit", acting_user=room.custodian)


def test_a_custodian_starts_an_inventory_from_the_store(room: Any, keeper: Client) -> None:
    take_in(room), take_in(room)
    start = reverse("evidence:inventory_start")
    page = keeper.get(start, {"store": room.vault.pk})
    assert page.status_code == 200
    assert f'<option value="{room.vault.pk}" selected>' in page.content.decode()
    answer = keeper.post(start, {"store": room.vault.pk, "kind": "full", "reason": "Audit"})
    inventory = Inventory.objects.get(store=room.vault)
    assert answer.status_code == 302 and answer["Location"] == inventory.get_absolute_url()
    assert inventory.expected_count == 2


def test_a_second_open_inventory_is_refused_at_the_store_field(room: Any, keeper: Client) -> None:
    _open(room)
    answer = keeper.post(
        reverse("evidence:inventory_start"),
        {"store": room.vault.pk, "kind": "full", "reason": "Again"},
    )
    assert answer.status_code == 400
    assert "already open" in answer.content.decode()
    assert Inventory.objects.count() == 1


def test_the_page_takes_typed_numbers_and_keeps_the_location(room: Any, keeper: Client) -> None:
    exhibit = take_in(room)
    inventory = _open(room)
    page = keeper.get(inventory.get_absolute_url()).content.decode()
    assert 'name="code"' in page and "autofocus" in page and "data-scan-target" in page
    scan = reverse("evidence:inventory_scan", args=[inventory.pk])
    answer = keeper.post(scan, {"code": exhibit.reference.lower(), "location": room.safe.pk})
    assert answer.status_code == 302
    assert answer["Location"] == f"{inventory.get_absolute_url()}?location={room.safe.pk}"
    after = keeper.get(answer["Location"]).content.decode()
    assert f"{exhibit.reference} is recorded at A1: it will be reported misplaced." in after
    assert f'<option value="{room.safe.pk}" selected>' in after
    assert "<strong>1</strong> / 1" in after


def test_an_unknown_code_is_named_at_the_field_and_nothing_is_written(
    room: Any, keeper: Client
) -> None:
    take_in(room)
    inventory = _open(room)
    before = list(InventoryLine.objects.values())
    answer = keeper.post(
        reverse("evidence:inventory_scan", args=[inventory.pk]), {"code": "EX-XX-0000-1"}
    )
    assert answer.status_code == 400
    assert "No exhibit has the code “EX-XX-0000-1”." in answer.content.decode()
    assert list(InventoryLine.objects.values()) == before


def test_closing_keeps_a_report_of_what_is_missing(room: Any, keeper: Client) -> None:
    found, missing = take_in(room), take_in(room)
    inventory = _open(room)
    inventories.record_scan(inventory, found.reference, acting_user=room.custodian)
    close = reverse("evidence:inventory_close", args=[inventory.pk])
    assert "will be reported missing" in keeper.get(close).content.decode()
    assert keeper.post(close).status_code == 302
    report = keeper.get(inventory.get_absolute_url()).content.decode()
    missing_part = report.split('id="missing"')[1].split('id="misplaced"')[0]
    assert missing.reference in missing_part and found.reference not in missing_part
    assert 'name="code"' not in report
    refused = keeper.post(
        reverse("evidence:inventory_scan", args=[inventory.pk]), {"code": found.reference}
    )
    assert refused.status_code == 400 and "was closed" in refused.content.decode()


def test_another_province_does_not_see_the_inventory(room: Any) -> None:
    inventory = _open(room)
    other = Client()
    other.force_login(room.sr_custodian)
    assert other.get(inventory.get_absolute_url()).status_code == 404
    scan = reverse("evidence:inventory_scan", args=[inventory.pk])
    assert other.post(scan, {"code": "x"}).status_code == 404
    listing = other.get(reverse("evidence:inventory_list")).content.decode()
    assert room.vault.code not in listing
