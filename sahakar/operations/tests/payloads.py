"""Form and API payloads for an operation in Phnom Penh, shared by the operations tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from sahakar.operations.models import Operation
from sahakar.testing import factories as f


def local(moment: datetime) -> str:
    """A time as a datetime-local form field sends it."""
    return f"{timezone.localtime(moment):%Y-%m-%dT%H:%M}"


def operation_form(**changes: Any) -> dict[str, Any]:
    """What the operation form posts for a raid in Phnom Penh tomorrow morning."""
    start = timezone.localtime().replace(microsecond=0, second=0) + timedelta(days=1)
    data = {
        "title": "Riverside sweep",
        "kind": "inspection_sweep",
        "lead_agency": f.agency("ADB-PP").pk,
        "participating_agencies": [f.agency("GRK").pk],
        "commander": "Maj. Sok Dara",
        "legal_authority": "PPO-PP 123/2026",
        "org_unit": f.unit(f.PHNOM_PENH).pk,
        "planned_start": local(start),
        "planned_end": local(start + timedelta(hours=4)),
        "actual_start": "",
        "actual_end": "",
        "target_venues": [],
        "summary": "",
    }
    data.update(changes)
    return data


def edit_form(operation: Operation, **changes: Any) -> dict[str, Any]:
    """The operation form as its edit page fills it in, with `changes` applied."""
    data = {
        "title": operation.title,
        "kind": operation.kind,
        "lead_agency": operation.lead_agency_id,
        "participating_agencies": [a.pk for a in operation.participating_agencies.all()],
        "commander": operation.commander,
        "legal_authority": operation.legal_authority,
        "org_unit": operation.org_unit_id,
        "planned_start": local(operation.planned_start),
        "planned_end": local(operation.planned_end),
        "actual_start": local(operation.actual_start) if operation.actual_start else "",
        "actual_end": local(operation.actual_end) if operation.actual_end else "",
        "target_venues": [v.pk for v in operation.target_venues.all()],
        "summary": operation.summary,
        "expected_version": operation.version,
    }
    data.update(changes)
    return data


def operation_payload(**changes: Any) -> dict[str, Any]:
    """What an API client sends to create a raid in Phnom Penh tomorrow morning."""
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    data = {
        "title": "Riverside sweep",
        "kind": "inspection_sweep",
        "lead_agency": "ADB-PP",
        "participating_agencies": ["GRK"],
        "commander": "Maj. Sok Dara",
        "org_unit": f.PHNOM_PENH,
        "planned_start": start.isoformat(),
        "planned_end": (start + timedelta(hours=4)).isoformat(),
        "target_venues": [],
    }
    data.update(changes)
    return data
