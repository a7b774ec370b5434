"""Recording and editing an operation's inspections from its page, within the user's scope."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sahakar.operations.models import Inspection, Operation
from sahakar.operations.tests.payloads import local
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _add_url(operation: Operation) -> str:
    return reverse("operations:inspection_add", args=[operation.pk])


def _edit_url(inspection: Inspection) -> str:
    return reverse("operations:inspection_edit", args=[inspection.pk])


def _form(operation: Operation, venue: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "venue": venue.pk,
        "inspected_at": local(operation.planned_start + timedelta(hours=1)),
        "result": "drugs_found",
        "persons_checked": "14",
        "notes": "Tablets in the VIP room",
    }
    data.update(changes)
    return data


def test_it_records_an_inspection_from_the_operations_page(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    venue = f.make_venue(f.first_district(f.PHNOM_PENH), name="Sky KTV")
    client.force_login(pp_officer)
    form = client.get(_add_url(operation))
    assert form.status_code == 200
    assert operation.reference in form.content.decode()
    response = client.post(_add_url(operation), _form(operation, venue))
    assert response.status_code == 302 and response["Location"] == operation.get_absolute_url()
    inspection = Inspection.objects.get()
    assert (inspection.operation, inspection.venue, inspection.persons_checked) == (
        operation,
        venue,
        14,
    )
    assert inspection.created_by == pp_officer
    assert "Sky KTV" in client.get(operation.get_absolute_url()).content.decode()


def test_it_never_takes_the_operation_from_the_form(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    other = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    data = {**_form(operation, venue), "operation": other.pk}
    assert client.post(_add_url(operation), data).status_code == 302
    assert Inspection.objects.get().operation == operation


def test_it_edits_an_inspection(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    inspection = f.make_inspection(operation, f.make_venue(f.unit(f.PHNOM_PENH)))
    client.force_login(pp_officer)
    assert client.get(_edit_url(inspection)).status_code == 200
    response = client.post(
        _edit_url(inspection),
        _form(operation, inspection.venue, result="venue_closed", expected_version=1),
    )
    assert response.status_code == 302 and response["Location"] == operation.get_absolute_url()
    inspection.refresh_from_db()
    assert (inspection.result, inspection.version) == ("venue_closed", 2)
    assert _edit_url(inspection) in client.get(operation.get_absolute_url()).content.decode()


def test_it_shows_a_time_outside_the_operation_next_to_the_field(
    client: Any, pp_officer: Any
) -> None:
    yesterday = timezone.now() - timedelta(days=1)
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="closed", planned_start=yesterday)
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    too_late = local(operation.planned_end + timedelta(hours=2))
    response = client.post(_add_url(operation), _form(operation, venue, inspected_at=too_late))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "is outside the operation's actual time" in " ".join(errors["inspected_at"])
    assert 'id="id_inspected_at_error"' in response.content.decode()
    assert 'value="Tablets in the VIP room"' not in response.content.decode()  # a textarea
    assert "Tablets in the VIP room" in response.content.decode()  # what was typed is kept
    assert not Inspection.objects.exists()


def test_it_shows_a_venue_outside_the_operation_next_to_the_field(
    client: Any, pp_officer: Any
) -> None:
    operation = f.make_operation(f.first_district(f.PHNOM_PENH), status="active")
    venue = f.make_venue(f.unit(f.PHNOM_PENH))  # visible to the officer, above the district
    client.force_login(pp_officer)
    response = client.post(_add_url(operation), _form(operation, venue))
    assert response.status_code == 400
    assert "outside the operation's org unit" in " ".join(response.context["form"].errors["venue"])
    assert 'id="id_venue_error"' in response.content.decode()
    assert not Inspection.objects.exists()


def test_it_offers_only_venues_the_user_may_see(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV")
    hidden = f.make_venue(f.unit(f.SIEM_REAP), name="Angkor Club")
    client.force_login(pp_officer)
    page = client.get(_add_url(operation)).content.decode()
    assert "Sky KTV" in page and "Angkor Club" not in page
    response = client.post(_add_url(operation), _form(operation, hidden))
    assert response.status_code == 400 and "venue" in response.context["form"].errors
    assert not Inspection.objects.exists()


def test_it_offers_a_joint_operations_targets_to_a_participant(
    client: Any, sr_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    operation.participating_agencies.add(f.agency("ADB-SR"))
    target = f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV")
    operation.target_venues.add(target)
    client.force_login(sr_officer)
    assert "Sky KTV" in client.get(_add_url(operation)).content.decode()
    response = client.post(_add_url(operation), _form(operation, target))
    assert response.status_code == 302
    assert Inspection.objects.get().venue == target


def test_it_answers_404_outside_the_jurisdiction(client: Any, sr_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    inspection = f.make_inspection(operation, venue)
    client.force_login(sr_officer)
    assert client.get(_add_url(operation)).status_code == 404
    assert client.post(_add_url(operation), _form(operation, venue)).status_code == 404
    assert client.get(_edit_url(inspection)).status_code == 404
    assert client.post(_edit_url(inspection), _form(operation, venue)).status_code == 404
    listing = client.get(reverse("operations:inspection_list")).content.decode()
    assert operation.reference not in listing
    assert Inspection.objects.get().notes == ""


def test_it_keeps_read_only_roles_out_of_the_forms(client: Any, national_analyst: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    inspection = f.make_inspection(operation, f.make_venue(f.unit(f.PHNOM_PENH)))
    client.force_login(national_analyst)
    page = client.get(operation.get_absolute_url()).content.decode()
    assert _edit_url(inspection) not in page
    assert client.get(_add_url(operation)).status_code == 403
    assert client.get(_edit_url(inspection)).status_code == 404


def test_it_lists_and_filters_inspections(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), status="active")
    f.make_inspection(operation, f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV"))
    f.make_inspection(
        operation,
        f.make_venue(f.first_district(f.PHNOM_PENH), name="Moon Bar"),
        result="drugs_found",
    )
    client.force_login(pp_officer)
    url = reverse("operations:inspection_list")
    page = client.get(url).content.decode()
    assert "Sky KTV" in page and "Moon Bar" in page and operation.reference in page
    assert "Record a new inspection" not in page  # recorded from the operation's page
    found = client.get(url, {"result": "drugs_found"}).content.decode()
    assert "Moon Bar" in found and "Sky KTV" not in found
    district = client.get(url, {"org_unit": f.first_district(f.PHNOM_PENH).code})
    assert "Moon Bar" in district.content.decode()
    assert "Sky KTV" not in district.content.decode()
    searched = client.get(url, {"q": "sky"}).content.decode()
    assert "Sky KTV" in searched and "Moon Bar" not in searched


def test_it_sends_the_inspection_form_of_a_planned_operation_back_to_start_it(
    client: Any, pp_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))  # planned
    client.force_login(pp_officer)
    response = client.get(_add_url(operation), follow=True)
    assert response.redirect_chain == [(operation.get_absolute_url(), 302)]
    shown = " ".join(str(m) for m in response.context["messages"])
    assert f"The operation {operation} is still planned: start it" in shown
