"""Every change to an operation or inspection is in the history, attributed to who made it."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sahakar.core.models import ObjectChange
from sahakar.operations.models import Inspection, Operation
from sahakar.operations.tests.payloads import edit_form, local, operation_form
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _changes(obj: Any) -> Any:
    return ObjectChange.objects.filter(
        object_id=str(obj.pk), content_type__model=obj._meta.model_name
    ).order_by("pk")


def test_it_records_creation_and_edits_from_the_pages(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    client.post(reverse("operations:operation_add"), operation_form())
    operation = Operation.objects.get()
    created = _changes(operation).first()
    assert (created.action, created.user, created.source) == ("create", pp_officer, "web")
    assert created.after["title"] == "Riverside sweep"
    client.post(
        reverse("operations:operation_edit", args=[operation.pk]),
        edit_form(operation, title="Riverside sweep 2"),
    )
    update = _changes(operation).filter(action="update", before__isnull=False).last()
    assert "title" in update.changed_fields
    assert (update.before["title"], update.after["title"]) == (
        "Riverside sweep",
        "Riverside sweep 2",
    )
    page = client.get(operation.get_absolute_url()).content.decode()
    assert "pp_officer: updated (" in page


def test_it_records_status_moves_made_through_the_page(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    client.post(reverse("operations:operation_status", args=[operation.pk]), {"status": "active"})
    change = _changes(operation).last()
    assert (change.action, change.user, change.source) == ("update", pp_officer, "web")
    assert (change.before["status"], change.after["status"]) == ("planned", "active")


def test_it_records_status_moves_made_through_the_api(api: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    api.force_authenticate(pp_officer)
    api.post(f"/api/v1/operations/{operation.pk}/status/", {"status": "active"}, format="json")
    change = _changes(operation).last()
    assert (change.user, change.source, change.after["status"]) == (pp_officer, "api", "active")


def test_it_records_inspections_and_their_edits(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    data = {
        "venue": venue.pk,
        "inspected_at": local(operation.planned_start + timedelta(hours=1)),
        "result": "nothing_found",
    }
    client.post(reverse("operations:inspection_add", args=[operation.pk]), data)
    inspection = Inspection.objects.get()
    client.post(
        reverse("operations:inspection_edit", args=[inspection.pk]),
        {**data, "result": "drugs_found", "expected_version": 1},
    )
    create, update = _changes(inspection)
    assert (create.action, update.action) == ("create", "update")
    assert "result" in update.changed_fields
    assert {create.user, update.user} == {pp_officer}


def test_it_lists_only_the_fields_that_changed(client: Any, pp_officer: Any) -> None:
    # Whole minutes, as the form's time fields carry them: nothing else really changes.
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=2)
    operation = f.make_operation(f.unit(f.PHNOM_PENH), planned_start=start)
    client.force_login(pp_officer)
    client.post(
        reverse("operations:operation_edit", args=[operation.pk]),
        edit_form(operation, title="Renamed"),
    )
    assert _changes(operation).last().changed_fields == ["title"]
