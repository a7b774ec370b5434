"""An operation targets only venues inside its org unit; the refusal names the others."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sahakar.operations.models import Operation
from sahakar.operations.services import validate_target_venues
from sahakar.operations.tests.payloads import edit_form, operation_form, operation_payload
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_accepts_venues_anywhere_in_the_subtree() -> None:
    venues = [
        f.make_venue(f.unit(f.PHNOM_PENH)),
        f.make_venue(f.first_district(f.PHNOM_PENH)),
    ]
    validate_target_venues(f.unit(f.PHNOM_PENH), venues)


def test_it_names_every_venue_outside_the_org_unit() -> None:
    inside = f.make_venue(f.first_district(f.PHNOM_PENH), name="Inside KTV")
    far = f.make_venue(f.unit(f.SIEM_REAP), name="Angkor Club")
    above = f.make_venue(f.unit(f.PHNOM_PENH), name="Riverside Bar")
    with pytest.raises(ValidationError) as raised:
        validate_target_venues(f.first_district(f.PHNOM_PENH), [inside, far, above])
    message = " ".join(raised.value.message_dict["target_venues"])
    assert "Angkor Club" in message and "Riverside Bar" in message
    assert "Inside KTV" not in message


def test_it_refuses_them_next_to_the_field_in_the_form(client: Any, admin_user: Any) -> None:
    far = f.make_venue(f.unit(f.SIEM_REAP), name="Angkor Club")
    client.force_login(admin_user)
    response = client.post(
        reverse("operations:operation_add"), operation_form(target_venues=[far.pk])
    )
    assert response.status_code == 400
    assert "Angkor Club" in str(response.context["form"].errors["target_venues"])
    assert not Operation.objects.exists()


def test_it_checks_them_again_when_the_org_unit_changes(client: Any, admin_user: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.target_venues.add(f.make_venue(f.unit(f.PHNOM_PENH), name="Riverside Bar"))
    client.force_login(admin_user)
    data = edit_form(operation, org_unit=f.unit(f.SIEM_REAP).pk)
    response = client.post(reverse("operations:operation_edit", args=[operation.pk]), data)
    assert response.status_code == 400
    assert "Riverside Bar" in str(response.context["form"].errors["target_venues"])
    operation.refresh_from_db()
    assert operation.org_unit.code == f.PHNOM_PENH


def test_it_answers_400_naming_them_in_the_api(api: Any, admin_user: Any) -> None:
    far = f.make_venue(f.unit(f.SIEM_REAP), name="Angkor Club")
    api.force_authenticate(admin_user)
    response = api.post(
        "/api/v1/operations/", operation_payload(target_venues=[far.pk]), format="json"
    )
    assert response.status_code == 400
    assert "Angkor Club" in response.json()["target_venues"][0]
    assert not Operation.objects.exists()


def test_it_checks_the_held_venues_when_the_api_moves_the_operation(
    api: Any, admin_user: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.target_venues.add(f.make_venue(f.unit(f.PHNOM_PENH), name="Riverside Bar"))
    api.force_authenticate(admin_user)
    response = api.patch(
        f"/api/v1/operations/{operation.pk}/",
        {"org_unit": f.SIEM_REAP, "version": operation.version},
        format="json",
    )
    assert response.status_code == 400
    assert "Riverside Bar" in response.json()["target_venues"][0]
