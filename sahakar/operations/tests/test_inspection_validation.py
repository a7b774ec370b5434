"""An inspection happens during its operation, at a venue inside the operation's org unit."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from sahakar.operations.models import Inspection
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _inspection(**fields: Any) -> Inspection:
    operation = fields.pop("operation", None) or f.make_operation(
        f.unit(f.PHNOM_PENH), status="active"
    )
    values = {
        "operation": operation,
        "venue": f.make_venue(f.first_district(f.PHNOM_PENH)),
        "inspected_at": operation.planned_start + timedelta(hours=1),
        "result": "nothing_found",
        **fields,
    }
    return Inspection(**values)


def _errors(inspection: Inspection) -> dict[str, Any]:
    with pytest.raises(ValidationError) as raised:
        inspection.full_clean()
    return raised.value.message_dict


def test_it_accepts_an_inspection_inside_the_window_and_the_org_unit() -> None:
    _inspection().full_clean()


def test_it_refuses_an_inspection_on_an_operation_still_planned() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))  # planned, its planned time running
    inspection = _inspection(operation=operation, inspected_at=operation.planned_start)
    message = " ".join(_errors(inspection)[NON_FIELD_ERRORS])
    assert f"The operation {operation} is still planned: start it" in message
    assert "before recording an inspection in it" in message


@pytest.mark.parametrize("offset", [timedelta(minutes=-1), timedelta(hours=6, minutes=1)])
def test_it_refuses_a_time_outside_the_actual_time(offset: timedelta) -> None:
    yesterday = timezone.now() - timedelta(days=1)
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="closed", planned_start=yesterday)
    inspection = _inspection(operation=operation, inspected_at=operation.planned_start + offset)
    message = " ".join(_errors(inspection)["inspected_at"])
    assert "is outside the operation's actual time" in message


def test_it_uses_the_actual_times_not_the_plan() -> None:
    yesterday = timezone.now() - timedelta(days=1)
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="closed", planned_start=yesterday)
    operation.actual_start = operation.planned_start + timedelta(hours=2)
    operation.actual_end = operation.actual_start + timedelta(hours=1)
    operation.save()
    early = _inspection(operation=operation, inspected_at=operation.planned_start)
    assert "inspected_at" in _errors(early)
    during = _inspection(operation=operation, inspected_at=operation.actual_end)
    during.full_clean()


def test_it_leaves_the_window_open_while_the_operation_runs() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    late = _inspection(operation=operation, inspected_at=operation.planned_end + timedelta(hours=3))
    late.full_clean()


def test_it_refuses_a_venue_outside_the_operations_org_unit() -> None:
    operation = f.make_operation(f.first_district(f.PHNOM_PENH))
    for unit in (f.unit(f.SIEM_REAP), f.unit(f.PHNOM_PENH)):  # elsewhere; above the district
        inspection = _inspection(operation=operation, venue=f.make_venue(unit))
        assert "outside the operation's org unit" in str(_errors(inspection)["venue"])
