"""The inventory and custodian API: structured refusals, nothing written when refused."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from sahakar.evidence.models import InventoryLine, StoreCustodian
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
INVENTORIES = "/api/v1/inventories/"
CUSTODIANS = "/api/v1/store-custodians/"


@pytest.fixture(autouse=True)
def clock() -> Iterator[Any]:
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def _as(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def keeper(room: Any) -> APIClient:
    return _as(room.custodian)


def _start(keeper: APIClient, room: Any, **body: Any) -> Any:
    return keeper.post(
        INVENTORIES, {"store": room.vault.pk, "reason": "Audit", **body}, format="json"
    )


def test_a_count_through_the_api(room: Any, keeper: APIClient) -> None:
    found, missing = take_in(room), take_in(room)
    started = _start(keeper, room)
    assert started.status_code == 201, started.json()
    inventory = started.json()
    assert (inventory["kind"], inventory["expected_count"], inventory["is_open"]) == (
        "full",
        2,
        True,
    )
    scans = f"{INVENTORIES}{inventory['id']}/scans/"
    body = {"code": f"https://sahakar.example/evidence/x/{found.reference}?v=1"}
    first = keeper.post(scans, {**body, "location": room.shelf.pk}, format="json")
    assert first.status_code == 201 and first.json()["reference"] == found.reference
    again = keeper.post(scans, {**body, "location": room.shelf.pk}, format="json")
    assert again.status_code == 200

    closed = keeper.post(f"{INVENTORIES}{inventory['id']}/close/", {}, format="json")
    assert closed.status_code == 200
    counts = closed.json()
    assert (counts["found_count"], counts["missing_count"], counts["is_open"]) == (1, 1, False)
    lines = keeper.get(f"{INVENTORIES}{inventory['id']}/lines/", {"finding": "missing"})
    assert [line["reference"] for line in lines.json()["results"]] == [missing.reference]

    refused = keeper.post(scans, body, format="json")
    assert refused.status_code == 400 and "closed" in refused.json()["inventory"][0]
    again_closed = keeper.post(f"{INVENTORIES}{inventory['id']}/close/", {}, format="json")
    assert again_closed.status_code == 400


def test_an_unknown_code_is_a_structured_400_and_nothing_is_written(
    room: Any, keeper: APIClient
) -> None:
    take_in(room)
    inventory = _start(keeper, room).json()
    before = list(InventoryLine.objects.values())
    answer = keeper.post(
        f"{INVENTORIES}{inventory['id']}/scans/", {"code": "EX-ZZ-2026-0"}, format="json"
    )
    assert answer.status_code == 400
    assert answer.json() == {"code": ["No exhibit has the code “EX-ZZ-2026-0”."]}
    assert list(InventoryLine.objects.values()) == before


def test_a_second_open_inventory_and_a_bad_sample_are_refused(room: Any, keeper: APIClient) -> None:
    take_in(room)
    too_big = _start(keeper, room, kind="sample", sample_size=5)
    assert too_big.status_code == 400 and list(too_big.json()) == ["sample_size"]
    assert _start(keeper, room).status_code == 201
    second = _start(keeper, room)
    assert second.status_code == 400 and "already open" in second.json()["store"][0]


def test_another_province_cannot_reach_the_inventory(room: Any, keeper: APIClient) -> None:
    inventory = _start(keeper, room).json()
    other = _as(room.sr_custodian)
    assert other.get(f"{INVENTORIES}{inventory['id']}/").status_code == 404
    scan = other.post(f"{INVENTORIES}{inventory['id']}/scans/", {"code": "x"}, format="json")
    assert scan.status_code == 404
    assert other.get(INVENTORIES).json()["count"] == 0
    refused = _start(other, room)
    assert refused.status_code == 400 and list(refused.json()) == ["store"]


def test_a_custodian_change_waits_for_a_full_inventory(room: Any, keeper: APIClient) -> None:
    take_in(room)
    supervisor = f.make_user("pp_sup", "evidence_supervisor", f.unit(f.PHNOM_PENH), "ADB-PP")
    f.make_user("next_keeper", "evidence_custodian", f.unit(f.PHNOM_PENH), "ADB-PP")
    boss = _as(supervisor)
    body = {"store": room.vault.pk, "username": "next_keeper"}
    refused = boss.post(CUSTODIANS, body, format="json")
    assert refused.status_code == 400
    assert "needs a full inventory" in refused.json()["store"][0]
    unknown = boss.post(CUSTODIANS, {**body, "username": "nobody"}, format="json")
    assert unknown.status_code == 400 and list(unknown.json()) == ["username"]
    assert not StoreCustodian.objects.filter(user__username="next_keeper").exists()

    inventory = _start(keeper, room).json()
    keeper.post(f"{INVENTORIES}{inventory['id']}/close/", {}, format="json")
    assigned = boss.post(CUSTODIANS, body, format="json")
    assert assigned.status_code == 201, assigned.json()
    old = StoreCustodian.objects.get(store=room.vault, user=room.custodian)
    ended = boss.post(f"{CUSTODIANS}{old.pk}/end/", {}, format="json")
    assert ended.status_code == 200 and ended.json()["ended_at"] is not None
