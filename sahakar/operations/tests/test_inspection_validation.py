"""An inspection happens during its operation, at a venue inside the operation's org unit."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sahakar.operations.models import Inspection
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _inspection(**fields: Any) -> Inspection:
    operation = fields.pop("operation", None) or f.make_operation(f.unit(f.PHNOM_PENH))
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


@pytest.mark.parametrize("offset", [timedelta(minutes=-1), timedelta(hours=6, minutes=1)])
def test_it_refuses_a_time_outside_the_planned_window(offset: timedelta) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))  # planned for six hours
    inspection = _inspection(operation=operation, inspected_at=operation.planned_start + offset)
    assert "outside the operation's time" in str(_errors(inspection)["inspected_at"])


def test_it_uses_the_actual_times_once_the_operation_started() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.actual_start = operation.planned_start + timedelta(hours=2)
    operation.actual_end = operation.actual_start + timedelta(hours=1)
    operation.save()
    early = _inspection(operation=operation, inspected_at=operation.planned_start)
    assert "inspected_at" in _errors(early)
    during = _inspection(operation=operation, inspected_at=operation.actual_end)
    during.full_clean()


def test_it_leaves_the_window_open_while_the_operation_runs() -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.actual_start = operation.planned_start
    operation.save()
    late = _inspection(operation=operation, inspected_at=operation.planned_end + timedelta(hours=3))
    late.full_clean()


def test_it_refuses_a_venue_outside_the_operations_org_unit() -> None:
    operation = f.make_operation(f.first_district(f.PHNOM_PENH))
    for unit in (f.unit(f.SIEM_REAP), f.unit(f.PHNOM_PENH)):  # elsewhere; above the district
        inspection = _inspection(operation=operation, venue=f.make_venue(unit))
        assert "outside the operation's org unit" in str(_errors(inspection)["venue"])
