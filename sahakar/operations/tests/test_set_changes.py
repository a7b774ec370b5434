"""Changes to an operation's sets (participating agencies, target venues) are recorded as what
was added and removed; a new operation's history opens with one "created" entry, sets
included."""

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from sahakar.core.models import ObjectChange
from sahakar.operations.models import Operation
from sahakar.operations.tests.payloads import edit_form, operation_form, operation_payload
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fixed_clock() -> Any:
    with time_machine.travel(datetime(2026, 3, 10, 2, 0, tzinfo=UTC), tick=False):
        yield


def _changes(operation: Operation) -> list[Any]:
    return list(
        ObjectChange.objects.filter(
            object_id=str(operation.pk), content_type__model="operation"
        ).order_by("seq")
    )


def test_a_new_operation_from_the_api_has_one_created_entry_with_its_sets(
    api: Any, pp_officer: Any
) -> None:
    api.force_authenticate(pp_officer)
    response = api.post("/api/v1/operations/", operation_payload(), format="json")
    assert response.status_code == 201, response.content
    operation = Operation.objects.get()
    [created] = _changes(operation)
    assert created.action == "create"
    assert created.after["participating_agencies"] == [f.agency("GRK").pk]
    assert created.after["target_venues"] == []


def test_a_new_operation_from_the_page_has_one_created_entry_with_its_sets(
    client: Any, pp_officer: Any
) -> None:
    client.force_login(pp_officer)
    response = client.post(reverse("operations:operation_add"), operation_form())
    assert response.status_code == 302
    operation = Operation.objects.get()
    [created] = _changes(operation)
    assert created.action == "create"
    assert created.after["participating_agencies"] == [f.agency("GRK").pk]


def test_changing_a_set_on_the_page_records_what_was_added_and_removed(
    client: Any, pp_officer: Any
) -> None:
    client.force_login(pp_officer)
    client.post(reverse("operations:operation_add"), operation_form())
    operation = Operation.objects.get()
    grk, sr = f.agency("GRK").pk, f.agency("ADB-SR").pk
    client.post(
        reverse("operations:operation_edit", args=[operation.pk]),
        edit_form(operation, participating_agencies=[sr]),
    )
    _created, updated = _changes(operation)
    assert updated.action == "update"
    assert updated.detail == {"participating_agencies": {"added": [sr], "removed": [grk]}}
    assert updated.before["participating_agencies"] == [grk]
    assert updated.changed_fields == ["participating_agencies"]


def test_changing_a_set_through_the_api_records_what_was_added_and_removed(
    api: Any, pp_officer: Any
) -> None:
    api.force_authenticate(pp_officer)
    operation_id = api.post("/api/v1/operations/", operation_payload(), format="json").data["id"]
    operation = Operation.objects.get(pk=operation_id)
    response = api.patch(
        f"/api/v1/operations/{operation.pk}/",
        {"version": operation.version, "participating_agencies": ["GRK", "ADB-SR"]},
        format="json",
    )
    assert response.status_code == 200, response.content
    _created, updated = _changes(operation)
    assert updated.detail == {
        "participating_agencies": {"added": [f.agency("ADB-SR").pk], "removed": []}
    }


def test_a_set_changed_outside_a_form_is_recorded_as_a_set_change(pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.participating_agencies.add(f.agency("GRK"))
    operation.participating_agencies.remove(f.agency("GRK"))
    _, added, removed = _changes(operation)
    grk = f.agency("GRK").pk
    assert added.detail == {"participating_agencies": {"added": [grk], "removed": []}}
    assert removed.detail == {"participating_agencies": {"added": [], "removed": [grk]}}
    assert removed.before["participating_agencies"] == [grk]
