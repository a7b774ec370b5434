"""An operation's times must make sense: ends after starts, no end without a start."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sahakar.operations.models import Operation
from sahakar.operations.tests.payloads import operation_form, operation_payload
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _errors(operation: Operation) -> dict[str, Any]:
    with pytest.raises(ValidationError) as raised:
        operation.full_clean()
    return raised.value.message_dict


def test_it_accepts_consistent_times() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.actual_start = operation.planned_start + timedelta(minutes=30)
    operation.actual_end = operation.actual_start + timedelta(hours=1)
    operation.full_clean()


def test_it_refuses_a_planned_end_before_the_planned_start() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.planned_end = operation.planned_start - timedelta(minutes=1)
    assert "planned end is before the planned start" in str(_errors(operation)["planned_end"])


def test_it_refuses_an_actual_end_before_the_actual_start() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.actual_start = operation.planned_start
    operation.actual_end = operation.actual_start - timedelta(hours=1)
    assert "actual end is before the actual start" in str(_errors(operation)["actual_end"])


def test_it_refuses_an_actual_end_without_an_actual_start() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.actual_end = operation.planned_end
    assert "must have started" in str(_errors(operation)["actual_start"])


def test_it_shows_the_error_next_to_the_field_in_the_form(client: Any, pp_officer: Any) -> None:
    data = operation_form()
    data["planned_start"], data["planned_end"] = data["planned_end"], data["planned_start"]
    client.force_login(pp_officer)
    response = client.post(reverse("operations:operation_add"), data)
    assert response.status_code == 400
    assert "planned end is before" in str(response.context["form"].errors["planned_end"])
    assert 'id="id_planned_end_error"' in response.content.decode()
    assert not Operation.objects.exists()


def test_it_answers_400_with_the_field_in_the_api(api: Any, pp_officer: Any) -> None:
    payload = operation_payload()
    payload["actual_end"] = payload["planned_end"]
    api.force_authenticate(pp_officer)
    response = api.post("/api/v1/operations/", payload, format="json")
    assert response.status_code == 400
    assert "actual_start" in response.json()
    assert not Operation.objects.exists()
