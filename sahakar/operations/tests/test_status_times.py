"""Starting and closing an operation records when it actually happened, as the officer gives
it (now by default): never in the future, never an end before the start, never leaving
records already linked to the operation outside its time. Service, page and API alike."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sahakar.core.models import ObjectChange
from sahakar.operations.models import Operation
from sahakar.operations.services import change_status
from sahakar.operations.tests.payloads import edit_form, local
from sahakar.testing import factories as f
from sahakar.testing.raids import NOW, raid_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with raid_day():
        yield


def _operation(**fields: Any) -> Operation:
    """Planned for 06:00 to 12:00 today."""
    return f.make_operation(f.unit(f.PHNOM_PENH), planned_start=NOW - timedelta(hours=4), **fields)


def _unchanged(operation: Operation) -> tuple[Any, ...]:
    stored = Operation.objects.get(pk=operation.pk)
    return stored.status, stored.actual_start, stored.actual_end, stored.version


# The service


def test_it_records_the_actual_start_given_for_a_raid_recorded_afterwards() -> None:
    operation = _operation()
    change_status(operation, "active", at=NOW - timedelta(hours=3), acting_user=None)
    change_status(operation, "closed", at=NOW - timedelta(hours=1), acting_user=None)
    operation.refresh_from_db()
    assert operation.status == "closed"
    assert (operation.actual_start, operation.actual_end) == (
        NOW - timedelta(hours=3),
        NOW - timedelta(hours=1),
    )


def test_it_takes_now_when_no_time_is_given() -> None:
    operation = _operation()
    change_status(operation, "active", acting_user=None)
    assert Operation.objects.get(pk=operation.pk).actual_start == NOW


def test_it_allows_five_minutes_of_clock_skew() -> None:
    operation = _operation()
    change_status(operation, "active", at=NOW + timedelta(minutes=5), acting_user=None)
    assert Operation.objects.get(pk=operation.pk).actual_start == NOW + timedelta(minutes=5)


@pytest.mark.parametrize("status_path", [[], ["active"]])
def test_it_refuses_a_time_in_the_future_and_changes_nothing(status_path: list[str]) -> None:
    operation = _operation()
    for status in status_path:
        change_status(operation, status, at=NOW - timedelta(hours=1), acting_user=None)
    kept, changes = _unchanged(operation), ObjectChange.objects.count()
    move = "closed" if status_path else "active"
    with pytest.raises(ValidationError) as raised:
        change_status(operation, move, at=NOW + timedelta(minutes=6), acting_user=None)
    assert raised.value.message_dict == {
        "at": ["2026-03-10 10:06 is in the future: give the time it actually happened."]
    }
    assert _unchanged(operation) == kept and ObjectChange.objects.count() == changes


def test_it_refuses_to_close_before_records_linked_to_the_operation() -> None:
    operation = _operation()
    change_status(operation, "active", at=NOW - timedelta(hours=3), acting_user=None)
    f.make_inspection(
        operation, f.make_venue(f.unit(f.PHNOM_PENH)), inspected_at=NOW - timedelta(hours=1)
    )
    kept = _unchanged(operation)
    with pytest.raises(ValidationError) as raised:
        change_status(operation, "closed", at=NOW - timedelta(hours=2), acting_user=None)
    assert raised.value.message_dict == {
        "at": [
            "These records linked to the operation would fall outside its time: "
            "an inspection (2026-03-10 09:00)."
        ]
    }
    assert _unchanged(operation) == kept


# The page


def _status_url(operation: Operation) -> str:
    return reverse("operations:operation_status", args=[operation.pk])


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_page_offers_the_time_prefilled_with_now(client: Any, pp_officer: Any) -> None:
    operation = _operation()
    client.force_login(pp_officer)
    page = client.get(operation.get_absolute_url()).content.decode()
    assert 'type="datetime-local" id="status-at-active" name="at" value="2026-03-10T10:00"' in page


def test_the_page_records_the_time_typed(client: Any, pp_officer: Any) -> None:
    operation = _operation()
    client.force_login(pp_officer)
    data = {"status": "active", "version": 1, "at": "2026-03-10T06:30"}
    response = client.post(_status_url(operation), data, follow=True)
    assert "is now active" in _messages(response)
    assert Operation.objects.get(pk=operation.pk).actual_start == NOW - timedelta(
        hours=3, minutes=30
    )


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("2026-03-10T11:00", "2026-03-10 11:00 is in the future"),
        ("2026-03-09T23:00", "The operation cannot close (2026-03-09 23:00) before it started"),
        ("yesterday", "Enter a valid date/time."),
    ],
)
def test_the_page_refuses_a_bad_time_with_a_message(
    client: Any, pp_officer: Any, at: str, message: str
) -> None:
    operation = _operation()
    change_status(operation, "active", at=NOW - timedelta(hours=3), acting_user=None)
    kept = _unchanged(operation)
    client.force_login(pp_officer)
    data = {"status": "closed", "version": 2, "at": at}
    response = client.post(_status_url(operation), data, follow=True)
    assert message in _messages(response)
    assert _unchanged(operation) == kept


def test_the_page_keeps_the_time_typed_when_it_is_refused(client: Any, pp_officer: Any) -> None:
    operation = _operation()
    change_status(operation, "active", at=NOW - timedelta(hours=3), acting_user=None)
    client.force_login(pp_officer)
    data = {"status": "closed", "version": 2, "at": "2026-03-10T11:00"}
    page = client.post(_status_url(operation), data, follow=True).content.decode()
    assert 'id="status-at-closed" name="at" value="2026-03-10T11:00"' in page


# The API


def test_the_api_records_the_time_sent(api: Any, pp_officer: Any) -> None:
    operation = _operation()
    api.force_authenticate(pp_officer)
    url = f"/api/v1/operations/{operation.pk}/status/"
    body = {"status": "active", "at": "2026-03-10T06:30:00+07:00", "version": 1}
    response = api.post(url, body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["actual_start"] == "2026-03-10T06:30:00+07:00"


def test_the_api_refuses_a_time_in_the_future(api: Any, pp_officer: Any) -> None:
    operation = _operation()
    api.force_authenticate(pp_officer)
    url = f"/api/v1/operations/{operation.pk}/status/"
    response = api.post(url, {"status": "active", "at": "2026-03-10T12:00:00+07:00"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "at": ["2026-03-10 12:00 is in the future: give the time it actually happened."]
    }
    assert _unchanged(operation) == ("planned", None, None, 1)


# Correcting the actual times on the operation's form


def test_the_form_refuses_actual_times_that_leave_linked_records_outside(
    client: Any, pp_officer: Any
) -> None:
    operation = _operation(lead="ADB-PP")
    change_status(operation, "active", at=NOW - timedelta(hours=3), acting_user=None)
    f.make_inspection(
        operation, f.make_venue(f.unit(f.PHNOM_PENH)), inspected_at=NOW - timedelta(hours=2)
    )
    kept = _unchanged(operation)
    client.force_login(pp_officer)
    later = local(NOW - timedelta(hours=1))
    response = client.post(
        reverse("operations:operation_edit", args=[operation.pk]),
        edit_form(operation, actual_start=later),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["actual_start"] == [
        "These records linked to the operation would fall outside its time: "
        "an inspection (2026-03-10 08:00)."
    ]
    assert _unchanged(operation) == kept


def test_the_form_refuses_an_actual_time_in_the_future(client: Any, pp_officer: Any) -> None:
    operation = _operation(lead="ADB-PP")
    client.force_login(pp_officer)
    response = client.post(
        reverse("operations:operation_edit", args=[operation.pk]),
        edit_form(operation, actual_start=local(NOW + timedelta(hours=1))),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["actual_start"] == [
        "An actual time cannot be in the future."
    ]
    assert _unchanged(operation) == ("planned", None, None, 1)
