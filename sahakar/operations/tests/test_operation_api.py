"""The operations endpoint: list, filter, create and update, within the user's scope."""

from typing import Any

import pytest

from sahakar.operations.models import Operation
from sahakar.operations.tests.payloads import operation_payload
from sahakar.testing import factories as f
from sahakar.testing.records import RecordApiTests

pytestmark = pytest.mark.django_db


def test_it_lists_and_filters_operations(api: Any, pp_officer: Any) -> None:
    f.make_operation(f.unit(f.PHNOM_PENH), kind="raid")
    checkpoint = f.make_operation(f.first_district(f.PHNOM_PENH), kind="checkpoint")
    api.force_authenticate(pp_officer)
    body = api.get("/api/v1/operations/").json()
    assert body["count"] == 2
    body = api.get("/api/v1/operations/", {"kind": "checkpoint"}).json()
    assert [r["reference"] for r in body["results"]] == [checkpoint.reference]
    district = f.first_district(f.PHNOM_PENH).code
    body = api.get("/api/v1/operations/", {"org_unit": district}).json()
    assert [r["reference"] for r in body["results"]] == [checkpoint.reference]


def test_it_creates_an_operation_by_codes(api: Any, pp_officer: Any) -> None:
    venue = f.make_venue(f.first_district(f.PHNOM_PENH))
    api.force_authenticate(pp_officer)
    response = api.post(
        "/api/v1/operations/", operation_payload(target_venues=[venue.pk]), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["version"], body["org_unit"]) == ("planned", 1, "12")
    assert body["participating_agencies"] == ["GRK"] and body["target_venues"] == [venue.pk]
    operation = Operation.objects.get()
    assert operation.reference == body["reference"] and operation.created_by == pp_officer


def test_it_ignores_a_status_sent_with_the_record(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    response = api.post("/api/v1/operations/", operation_payload(status="closed"), format="json")
    assert response.status_code == 201
    assert Operation.objects.get().status == "planned"


def test_it_updates_an_operation_with_the_version_read(api: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    api.force_authenticate(pp_officer)
    url = f"/api/v1/operations/{operation.pk}/"
    read = api.get(url).json()
    response = api.patch(url, {"summary": "Two arrests", "version": read["version"]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    response = api.patch(url, {"summary": "No version"}, format="json")
    assert response.status_code == 400 and "version" in response.json()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"org_unit": f.SIEM_REAP}, "org_unit"),  # outside a Phnom Penh officer's scope
        ({"lead_agency": "NOPE"}, "lead_agency"),
        ({"kind": "party"}, "kind"),
        ({"title": ""}, "title"),
        ({"planned_end": "2020-01-01T00:00:00Z"}, "planned_end"),
    ],
)
def test_it_answers_400_with_the_field_and_saves_nothing(
    api: Any, pp_officer: Any, changes: dict[str, Any], field: str
) -> None:
    api.force_authenticate(pp_officer)
    response = api.post("/api/v1/operations/", operation_payload(**changes), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Operation.objects.exists()


def test_it_shows_a_joint_operation_to_a_participating_agencys_officer(
    api: Any, sr_officer: Any
) -> None:
    joint = f.make_operation(f.unit(f.PHNOM_PENH))
    joint.participating_agencies.add(f.agency("ADB-SR"))
    f.make_operation(f.unit(f.PHNOM_PENH))
    api.force_authenticate(sr_officer)
    body = api.get("/api/v1/operations/").json()
    assert [r["reference"] for r in body["results"]] == [joint.reference]
    assert api.get(f"/api/v1/operations/{joint.pk}/").status_code == 200


def test_it_keeps_a_joint_operations_venues_when_a_participant_updates_it(
    api: Any, sr_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.participating_agencies.add(f.agency("ADB-SR"))
    target = f.make_venue(f.unit(f.PHNOM_PENH))  # unseen by the officer
    operation.target_venues.add(target)
    api.force_authenticate(sr_officer)
    url = f"/api/v1/operations/{operation.pk}/"
    read = api.get(url).json()
    assert read["target_venues"] == [target.pk]
    body = {key: read[key] for key in operation_payload()} | {
        "summary": "Siem Reap team joined",
        "version": read["version"],
    }
    response = api.put(url, body, format="json")
    assert response.status_code == 200, response.content
    operation.refresh_from_db()
    assert list(operation.target_venues.all()) == [target]
    assert operation.summary == "Siem Reap team joined"


class TestOperationEndpoint(RecordApiTests):
    model = Operation
    endpoint = "/api/v1/operations/"

    def make(self) -> Operation:
        return f.make_operation(f.unit(f.PHNOM_PENH))

    def payload(self) -> dict[str, Any]:
        return operation_payload()
