"""change_status(): planned > active > closed, recording the actual times, nothing else."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sahakar.core.context import acting
from sahakar.core.models import ObjectChange, StaleWrite
from sahakar.operations.models import Operation
from sahakar.operations.services import allowed_statuses, change_status
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_starts_a_planned_operation_and_records_the_actual_start() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    before = timezone.now()
    change_status(operation, "active", acting_user=None)
    stored = Operation.objects.get(pk=operation.pk)
    assert stored.status == "active"
    assert stored.actual_start is not None and stored.actual_start >= before
    assert stored.actual_end is None
    assert stored.version == 2


def test_it_closes_an_active_operation_and_records_the_actual_end() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    change_status(operation, "active", acting_user=None)
    change_status(operation, "closed", acting_user=None)
    stored = Operation.objects.get(pk=operation.pk)
    assert stored.status == "closed"
    assert stored.actual_start is not None and stored.actual_end is not None
    assert stored.actual_end >= stored.actual_start


def test_it_keeps_actual_times_already_recorded() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    started = operation.planned_start + timedelta(minutes=10)
    ended = started + timedelta(hours=1)
    operation.actual_start = started
    operation.save()
    change_status(operation, "active", acting_user=None)
    operation.actual_end = ended
    operation.save()
    change_status(operation, "closed", acting_user=None)
    operation.refresh_from_db()
    assert (operation.actual_start, operation.actual_end) == (started, ended)


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], "closed"),
        ([], "planned"),
        (["active"], "planned"),
        (["active"], "active"),
        (["active", "closed"], "active"),
        (["active", "closed"], "planned"),
        ([], "cancelled"),
        ([], ""),
    ],
)
def test_it_refuses_any_other_move_and_changes_nothing(path: list[str], refused: str) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    for status in path:
        change_status(operation, status, acting_user=None)
    kept = Operation.objects.values().get(pk=operation.pk)
    changes = ObjectChange.objects.count()
    with pytest.raises(ValidationError) as raised:
        change_status(operation, refused, acting_user=None)
    message = raised.value.message_dict["status"][0]
    assert "can only become" in message or "cannot change any more" in message
    assert Operation.objects.values().get(pk=operation.pk) == kept
    assert operation.status == kept["status"] and operation.version == kept["version"]
    assert ObjectChange.objects.count() == changes


def test_it_offers_only_the_next_status() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    assert allowed_statuses(operation) == ["active"]
    change_status(operation, "active", acting_user=None)
    assert allowed_statuses(operation) == ["closed"]
    change_status(operation, "closed", acting_user=None)
    assert allowed_statuses(operation) == []


def test_it_refuses_to_close_before_the_start() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    change_status(operation, "active", at=operation.planned_start, acting_user=None)
    with pytest.raises(ValidationError) as raised:
        change_status(
            operation, "closed", at=operation.planned_start - timedelta(minutes=1), acting_user=None
        )
    message = " ".join(raised.value.message_dict["at"])
    assert "The operation cannot close (" in message and ") before it started (" in message
    operation.refresh_from_db()
    assert (operation.status, operation.actual_end, operation.version) == ("active", None, 2)


def test_it_refuses_a_stale_copy_and_leaves_it_as_it_was() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    stale = Operation.objects.get(pk=operation.pk)
    operation.title = "Renamed meanwhile"
    operation.save()
    with pytest.raises(StaleWrite):
        change_status(stale, "active", acting_user=None)
    assert (stale.status, stale.actual_start, stale.version) == ("planned", None, 1)
    assert Operation.objects.get(pk=operation.pk).status == "planned"


def test_it_records_the_move_in_the_change_history(pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    with acting(user=pp_officer, source="test"):
        change_status(operation, "active", acting_user=None)
    change = ObjectChange.objects.filter(
        object_id=str(operation.pk), content_type__model="operation", action="update"
    ).get()
    assert change.user == pp_officer
    assert change.changed_fields == ["actual_start", "status"]
    before, after = change.before or {}, change.after or {}
    assert (before.get("status"), after.get("status")) == ("planned", "active")
