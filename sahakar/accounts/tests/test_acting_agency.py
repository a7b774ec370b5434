"""The agency named as acting (seizing, arresting, leading) is the user's own, or one taking
part in the linked operation, unless a role records for other agencies (administrators in
the default role table). Page and API alike; a refusal names the field and saves nothing."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.accounts.models import Role
from sahakar.arrests.models import Arrest
from sahakar.arrests.tests.test_operation_time import _api as arrest_payload
from sahakar.arrests.tests.test_operation_time import _page as arrest_form
from sahakar.operations.models import Operation
from sahakar.operations.tests.payloads import operation_form, operation_payload
from sahakar.seizures.models import Seizure
from sahakar.seizures.tests.conftest import api_payload, item_row, page_data
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
SEIZURES = reverse("api:seizure-list")


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _joint_raid() -> Operation:
    """Led by the Anti-Drug Department with the gendarmerie, 04:00 to 10:00 today."""
    operation = f.make_operation(
        f.unit(f.PHNOM_PENH), "ADD", status="closed", planned_start=NOW - timedelta(hours=6)
    )
    operation.participating_agencies.add(f.agency("GRK"))
    return operation


OWN_ONLY = (
    "You may record only for your own agency ({own}), or for an "
    "agency taking part in the operation you link; {agency} is not yours."
)


def test_the_api_refuses_a_seizure_by_customs_from_a_phnom_penh_officer(
    api: APIClient, pp_officer: Any
) -> None:
    api.force_authenticate(pp_officer)
    response = api.post(SEIZURES, api_payload(seizing_agency="GDCE"), format="json")
    assert response.status_code == 400
    customs = f.agency("GDCE")
    assert response.json() == {
        "seizing_agency": [OWN_ONLY.format(own=f.agency("ADB-PP"), agency=customs)]
    }
    assert not Seizure.objects.exists()


def test_the_api_refuses_an_agency_taking_no_part_in_the_linked_operation(
    api: APIClient, pp_officer: Any
) -> None:
    operation = _joint_raid()
    api.force_authenticate(pp_officer)
    payload = api_payload(
        seizing_agency="GDCE",
        operation=operation.pk,
        seized_at=(NOW - timedelta(hours=1)).isoformat(),
    )
    response = api.post(SEIZURES, payload, format="json")
    assert response.status_code == 400
    assert response.json()["seizing_agency"] == [
        f"You may record only for your own agency ({f.agency('ADB-PP')}) or an agency "
        f"taking part in operation {operation}; {f.agency('GDCE')} takes no part in it."
    ]
    assert not Seizure.objects.exists()


@pytest.mark.parametrize("agency", ["ADB-PP", "ADD", "GRK"])
def test_the_api_accepts_the_own_agency_or_one_taking_part(
    api: APIClient, pp_officer: Any, agency: str
) -> None:
    operation = _joint_raid()
    api.force_authenticate(pp_officer)
    payload = api_payload(
        seizing_agency=agency,
        operation=operation.pk,
        seized_at=(NOW - timedelta(hours=1)).isoformat(),
    )
    response = api.post(SEIZURES, payload, format="json")
    assert response.status_code == 201, response.content
    assert Seizure.objects.get().seizing_agency.code == agency


def test_the_page_refuses_a_seizure_by_customs_and_prefills_the_own_agency(
    client: Client, pp_officer: Any
) -> None:
    client.force_login(pp_officer)
    form = client.get(reverse("seizures:seizure_add")).context["form"]
    assert form["seizing_agency"].value() == f.agency("ADB-PP").pk
    data = page_data(
        [item_row()],
        seizing_agency=f.agency("GDCE").pk,
        seized_at=f"{NOW - timedelta(hours=1):%Y-%m-%dT%H:%M}",
    )
    response = client.post(reverse("seizures:seizure_add"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["seizing_agency"] == [
        OWN_ONLY.format(own=f.agency("ADB-PP"), agency=f.agency("GDCE"))
    ]
    assert not Seizure.objects.exists()


def test_the_api_refuses_an_operation_led_by_an_agency_the_officers_does_not_join(
    api: APIClient, pp_officer: Any
) -> None:
    api.force_authenticate(pp_officer)
    payload = operation_payload(lead_agency="ADD", participating_agencies=["GRK"])
    response = api.post("/api/v1/operations/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "lead_agency": [
            f"You may record operations led by your own agency ({f.agency('ADB-PP')}), "
            f"or by another when your agency takes part; {f.agency('ADD')} leads this one and "
            f"{f.agency('ADB-PP')} does not take part."
        ]
    }
    assert not Operation.objects.exists()


def test_the_api_accepts_an_operation_led_by_another_agency_the_officers_joins(
    api: APIClient, pp_officer: Any
) -> None:
    api.force_authenticate(pp_officer)
    payload = operation_payload(lead_agency="ADD", participating_agencies=["ADB-PP"])
    response = api.post("/api/v1/operations/", payload, format="json")
    assert response.status_code == 201, response.content


def test_the_page_refuses_an_operation_led_by_the_anti_drug_department(
    client: Client, pp_officer: Any
) -> None:
    client.force_login(pp_officer)
    assert client.get(reverse("operations:operation_add")).context["form"][
        "lead_agency"
    ].value() == (f.agency("ADB-PP").pk)
    response = client.post(
        reverse("operations:operation_add"), operation_form(lead_agency=f.agency("ADD").pk)
    )
    assert response.status_code == 400
    assert (
        f"leads this one and {f.agency('ADB-PP')} does not take part"
        in (response.context["form"].errors["lead_agency"][0])
    )
    assert not Operation.objects.exists()


def test_the_api_refuses_an_arrest_by_customs(api: APIClient, pp_officer: Any) -> None:
    operation = _joint_raid()
    api.force_authenticate(pp_officer)
    payload = {**arrest_payload(operation, NOW - timedelta(hours=1)), "arresting_agency": "GDCE"}
    response = api.post("/api/v1/arrests/", payload, format="json")
    assert response.status_code == 400
    assert "GDCE" not in response.json()["arresting_agency"][0]  # named, not coded
    assert f"{f.agency('GDCE')} takes no part in it." in response.json()["arresting_agency"][0]
    assert not Arrest.objects.exists()


def test_the_page_refuses_an_arrest_by_customs(client: Client, pp_officer: Any) -> None:
    operation = _joint_raid()
    client.force_login(pp_officer)
    data = {
        **arrest_form(operation, NOW - timedelta(hours=1)),
        "arresting_agency": f.agency("GDCE").pk,
    }
    response = client.post("/arrests/add/", data)
    assert response.status_code == 400
    assert f"{f.agency('GDCE')} takes no part in it." in str(
        response.context["form"].errors["arresting_agency"]
    )
    assert not Arrest.objects.exists()


def test_a_role_that_records_for_other_agencies_may_name_any(
    api: APIClient, admin_user: Any
) -> None:
    assert Role.objects.get(code="administrator").records_for_other_agencies
    api.force_authenticate(admin_user)  # of the Anti-Drug Department
    response = api.post(SEIZURES, api_payload(seizing_agency="GDCE"), format="json")
    assert response.status_code == 201, response.content


def test_the_rule_is_data_a_role_can_be_given(api: APIClient, pp_officer: Any) -> None:
    Role.objects.filter(code="field_officer").update(records_for_other_agencies=True)
    api.force_authenticate(pp_officer)
    response = api.post(SEIZURES, api_payload(seizing_agency="GDCE"), format="json")
    assert response.status_code == 201, response.content


def test_a_record_made_for_another_agency_stays_correctable(
    api: APIClient, pp_officer: Any
) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "GDCE")
    f.make_item(seizure)
    api.force_authenticate(pp_officer)
    response = api.patch(
        f"/api/v1/seizures/{seizure.pk}/", {"notes": "Weighed again", "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    response = api.patch(
        f"/api/v1/seizures/{seizure.pk}/", {"seizing_agency": "GRK", "version": 2}, format="json"
    )
    assert response.status_code == 400 and "seizing_agency" in response.json()
    seizure.refresh_from_db()
    assert (seizure.seizing_agency.code, seizure.version) == ("GDCE", 2)
