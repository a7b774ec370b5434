"""The inspections endpoint: the same rules as the form, through the operation's scope."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from sahakar.operations.models import Inspection, Operation
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _payload(operation: Operation, venue: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "operation": operation.pk,
        "venue": venue.pk,
        "inspected_at": (operation.planned_start + timedelta(hours=1)).isoformat(),
        "result": "drugs_found",
        "persons_checked": 14,
    }
    data.update(changes)
    return data


def test_it_records_and_lists_inspections(api: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    api.force_authenticate(pp_officer)
    response = api.post("/api/v1/inspections/", _payload(operation, venue), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1
    body = api.get("/api/v1/inspections/", {"operation": operation.pk}).json()
    assert body["count"] == 1 and body["results"][0]["venue"] == venue.pk
    assert api.get("/api/v1/inspections/", {"operation": operation.pk + 1}).json()["count"] == 0


@pytest.mark.parametrize(
    ("where", "when", "field"),
    [
        ("12", timedelta(hours=9), "inspected_at"),
        ("12", timedelta(hours=-1), "inspected_at"),
        ("17", timedelta(hours=1), "venue"),
    ],
)
def test_it_answers_400_with_the_field_and_saves_nothing(
    api: Any, admin_user: Any, where: str, when: timedelta, field: str
) -> None:
    yesterday = timezone.now() - timedelta(days=1)
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="closed", planned_start=yesterday)
    venue = f.make_venue(f.unit(where))
    api.force_authenticate(admin_user)
    at = (operation.planned_start + when).isoformat()
    response = api.post(
        "/api/v1/inspections/", _payload(operation, venue, inspected_at=at), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Inspection.objects.exists()


def test_it_updates_an_inspection_but_never_moves_it(api: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    other = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    inspection = f.make_inspection(operation, f.make_venue(f.unit(f.PHNOM_PENH)))
    api.force_authenticate(pp_officer)
    url = f"/api/v1/inspections/{inspection.pk}/"
    response = api.patch(url, {"result": "venue_closed", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    response = api.patch(url, {"operation": other.pk, "version": 2}, format="json")
    assert response.status_code == 400 and "operation" in response.json()
    inspection.refresh_from_db()
    assert (inspection.operation, inspection.result) == (operation, "venue_closed")


def test_it_hides_inspections_outside_the_jurisdiction(api: Any, sr_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    inspection = f.make_inspection(operation, f.make_venue(f.unit(f.PHNOM_PENH)))
    api.force_authenticate(sr_officer)
    url = f"/api/v1/inspections/{inspection.pk}/"
    assert api.get(url).status_code == 404
    assert api.patch(url, {"notes": "x", "version": 1}, format="json").status_code == 404
    assert api.get("/api/v1/inspections/").json()["count"] == 0
    venue = f.make_venue(f.unit(f.SIEM_REAP))
    response = api.post("/api/v1/inspections/", _payload(operation, venue), format="json")
    assert response.status_code == 400 and "operation" in response.json()
    assert Inspection.objects.count() == 1


def test_it_shows_a_joint_operations_inspections_to_a_participant(
    api: Any, sr_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    operation.participating_agencies.add(f.agency("ADB-SR"))
    target = f.make_venue(f.unit(f.PHNOM_PENH))
    operation.target_venues.add(target)
    f.make_inspection(operation, target)
    api.force_authenticate(sr_officer)
    assert api.get("/api/v1/inspections/").json()["count"] == 1
    response = api.post("/api/v1/inspections/", _payload(operation, target), format="json")
    assert response.status_code == 201, response.content


def test_it_refuses_creation_to_read_only_roles(api: Any, national_analyst: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    api.force_authenticate(national_analyst)
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    response = api.post("/api/v1/inspections/", _payload(operation, venue), format="json")
    assert response.status_code == 403
