"""A change of custodian needs a full inventory closed within the last 24 hours."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from sahakar.evidence import custodians, inventories
from sahakar.evidence.models import StoreCustodian
from sahakar.testing import factories as f
from sahakar.testing.evidence import make_store, take_in

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@pytest.fixture(autouse=True)
def clock() -> Iterator[Any]:
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def supervisor(db: Any) -> Any:
    return f.make_user("pp_supervisor", "evidence_supervisor", f.unit(f.PHNOM_PENH), "ADB-PP")


@pytest.fixture
def newcomer(db: Any) -> Any:
    return f.make_user("new_custodian", "evidence_custodian", f.unit(f.PHNOM_PENH), "ADB-PP")


def _count_everything(room: Any) -> None:
    inventory = inventories.start_inventory(
        room.vault, reason="Change of custodian", acting_user=room.custodian
    )
    inventories.close_inventory(inventory, acting_user=room.custodian)


def test_a_change_is_refused_without_a_recent_full_inventory(
    room: Any, supervisor: Any, newcomer: Any
) -> None:
    take_in(room)
    with pytest.raises(ValidationError, match="needs a full inventory") as refused:
        custodians.assign_custodian(room.vault, newcomer, acting_user=supervisor)
    assert "Start a full inventory" in refused.value.message_dict["store"][0]
    assert not StoreCustodian.objects.filter(user=newcomer).exists()


def test_a_change_is_allowed_after_a_full_inventory_and_for_a_day(
    room: Any, supervisor: Any, newcomer: Any, clock: Any
) -> None:
    take_in(room)
    _count_everything(room)
    clock.shift(custodians.INVENTORY_VALID_FOR - timedelta(minutes=1))
    assignment = custodians.assign_custodian(room.vault, newcomer, acting_user=supervisor)
    assert assignment.assigned_at == MORNING + custodians.INVENTORY_VALID_FOR - timedelta(minutes=1)
    old = StoreCustodian.objects.get(store=room.vault, user=room.custodian)
    clock.shift(timedelta(minutes=2))
    with pytest.raises(ValidationError, match="needs a full inventory"):
        custodians.end_custodian(old, acting_user=supervisor)
    _count_everything(room)
    ended = custodians.end_custodian(old, acting_user=supervisor)
    assert ended.ended_at is not None
    assert room.vault.custodian_ids() == {newcomer.pk}


def test_a_sample_inventory_does_not_allow_a_change(
    room: Any, supervisor: Any, newcomer: Any
) -> None:
    take_in(room)
    sample = inventories.start_inventory(
        room.vault, kind="sample", sample_size=1, reason="Spot check", acting_user=room.custodian
    )
    inventories.close_inventory(sample, acting_user=room.custodian)
    with pytest.raises(ValidationError, match="needs a full inventory"):
        custodians.assign_custodian(room.vault, newcomer, acting_user=supervisor)


def test_a_store_holding_nothing_needs_no_inventory(supervisor: Any, newcomer: Any) -> None:
    store = make_store("PP-NEW", "drug_vault", "ADB-PP")
    assignment = custodians.assign_custodian(store, newcomer, acting_user=supervisor)
    assert assignment.store == store and assignment.ended_at is None


def test_only_administrators_and_supervisors_over_the_store_assign(
    room: Any, newcomer: Any, admin_user: Any
) -> None:
    store = make_store("PP-NEW", "drug_vault", "ADB-PP")
    sr_supervisor = f.make_user("sr_sup", "evidence_supervisor", f.unit(f.SIEM_REAP), "ADB-SR")
    for refused in (room.custodian, sr_supervisor):
        with pytest.raises(ValidationError, match="Only an administrator"):
            custodians.assign_custodian(store, newcomer, acting_user=refused)
    assert custodians.assign_custodian(store, newcomer, acting_user=admin_user).pk


def test_the_custodian_must_be_able_to_do_evidence_work(
    supervisor: Any, national_analyst: Any
) -> None:
    store = make_store("PP-NEW", "drug_vault", "ADB-PP")
    with pytest.raises(ValidationError, match="no role that allows evidence work") as refused:
        custodians.assign_custodian(store, national_analyst, acting_user=supervisor)
    assert list(refused.value.message_dict) == ["user"]


def test_a_custodian_is_not_assigned_twice(room: Any, supervisor: Any) -> None:
    _count_everything(room)
    with pytest.raises(ValidationError, match="already a custodian"):
        custodians.assign_custodian(room.vault, room.custodian, acting_user=supervisor)


def test_the_last_custodian_of_a_store_holding_exhibits_stays_until_a_successor(
    room: Any, supervisor: Any
) -> None:
    take_in(room)
    _count_everything(room)
    only = StoreCustodian.objects.get(store=room.vault, user=room.custodian)
    with pytest.raises(ValidationError, match="assign the next custodian first"):
        custodians.end_custodian(only, acting_user=supervisor)
    only.refresh_from_db()
    assert only.ended_at is None


def test_an_ended_assignment_is_not_ended_again(supervisor: Any, newcomer: Any) -> None:
    store = make_store("PP-NEW", "drug_vault", "ADB-PP")
    assignment = custodians.assign_custodian(store, newcomer, acting_user=supervisor)
    custodians.end_custodian(assignment, acting_user=supervisor)
    with pytest.raises(ValidationError, match="already ended"):
        custodians.end_custodian(assignment, acting_user=supervisor)
