"""The custodian pages: who keeps a store, assigning after a full inventory, ending."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sahakar.evidence import inventories
from sahakar.evidence.models import StoreCustodian
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@pytest.fixture(autouse=True)
def clock() -> Iterator[Any]:
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def boss(room: Any) -> Client:
    client = Client()
    client.force_login(f.make_user("pp_sup", "evidence_supervisor", f.unit(f.PHNOM_PENH), "ADB-PP"))
    f.make_user("next_keeper", "evidence_custodian", f.unit(f.PHNOM_PENH), "ADB-PP")
    return client


def test_the_page_names_the_inventory_to_take_and_refuses_until_then(
    room: Any, boss: Client
) -> None:
    take_in(room)
    assign = reverse("evidence:custodian_assign")
    page = boss.get(assign, {"store": room.vault.pk}).content.decode()
    assert "pp_custodian" in page and "Start a full inventory" in page
    body = {"store": room.vault.pk, "username": "next_keeper"}
    refused = boss.post(assign, body)
    assert refused.status_code == 400 and "needs a full inventory" in refused.content.decode()
    assert not StoreCustodian.objects.filter(user__username="next_keeper").exists()

    inventory = inventories.start_inventory(
        room.vault, reason="Change of custodian", acting_user=room.custodian
    )
    inventories.close_inventory(inventory, acting_user=room.custodian)
    done = boss.post(assign, body)
    assert done.status_code == 302
    assert StoreCustodian.objects.filter(user__username="next_keeper", store=room.vault).exists()

    old = StoreCustodian.objects.get(store=room.vault, user=room.custodian)
    end = reverse("evidence:custodian_end", args=[old.pk])
    assert boss.get(end).status_code == 200
    assert boss.post(end).status_code == 302
    old.refresh_from_db()
    assert old.ended_at == MORNING


def test_an_unknown_user_is_named_at_the_field(room: Any, boss: Client) -> None:
    answer = boss.post(
        reverse("evidence:custodian_assign"), {"store": room.vault.pk, "username": "ghost"}
    )
    assert answer.status_code == 400 and "No user is called “ghost”." in answer.content.decode()


def test_a_custodian_cannot_assign_custodians(room: Any) -> None:
    client = Client()
    client.force_login(room.custodian)
    before = StoreCustodian.objects.count()
    answer = client.post(
        reverse("evidence:custodian_assign"),
        {"store": room.vault.pk, "username": room.sr_custodian.username},
    )
    assert answer.status_code == 403  # custodians may see assignments, not make them
    assert StoreCustodian.objects.count() == before
