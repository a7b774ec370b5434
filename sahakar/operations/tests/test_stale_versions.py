"""A write based on a stale copy of an operation or inspection is refused with 409."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from sahakar.operations.models import Inspection, Operation
from sahakar.operations.tests.payloads import edit_form, local, operation_payload
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_answers_409_to_a_stale_operation_form(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), title="First writer")
    data = edit_form(operation, title="Second writer")  # read at version 1
    Operation.objects.filter(pk=operation.pk).update(version=2)  # someone saved meanwhile
    client.force_login(pp_officer)
    response = client.post(reverse("operations:operation_edit", args=[operation.pk]), data)
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert 'value="Second writer"' in response.content.decode()  # what was typed is kept
    operation.refresh_from_db()
    assert (operation.title, operation.version) == ("First writer", 2)


def test_it_answers_409_to_a_stale_inspection_form(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    inspection = f.make_inspection(operation, f.make_venue(f.unit(f.PHNOM_PENH)))
    Inspection.objects.filter(pk=inspection.pk).update(version=3)
    client.force_login(pp_officer)
    response = client.post(
        reverse("operations:inspection_edit", args=[inspection.pk]),
        {
            "venue": inspection.venue_id,
            "inspected_at": local(operation.planned_start + timedelta(hours=2)),
            "result": "drugs_found",
            "expected_version": 1,
        },
    )
    assert response.status_code == 409
    inspection.refresh_from_db()
    assert (inspection.result, inspection.version) == ("nothing_found", 3)


def test_it_answers_409_to_an_api_put_with_an_old_version(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    created = api.post("/api/v1/operations/", operation_payload(), format="json").json()
    url = f"/api/v1/operations/{created['id']}/"
    body = {**operation_payload(title="First writer"), "version": created["version"]}
    assert api.put(url, body, format="json").status_code == 200
    body = {**operation_payload(title="Second writer"), "version": created["version"]}
    response = api.put(url, body, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    operation = Operation.objects.get()
    assert (operation.title, operation.version) == ("First writer", 2)


def test_it_answers_409_to_an_inspection_patch_with_an_old_version(
    api: Any, pp_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    inspection = f.make_inspection(operation, f.make_venue(f.unit(f.PHNOM_PENH)))
    Inspection.objects.filter(pk=inspection.pk).update(version=2)
    api.force_authenticate(pp_officer)
    response = api.patch(
        f"/api/v1/inspections/{inspection.pk}/", {"notes": "late", "version": 1}, format="json"
    )
    assert response.status_code == 409
    inspection.refresh_from_db()
    assert inspection.notes == ""
