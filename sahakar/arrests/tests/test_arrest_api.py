"""The arrests endpoint: recorded by codes and ids, the clock computed as on the pages and
read-only; extensions and outcomes through their actions, refused with a structured 400."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from sahakar.arrests.models import Arrest, CustodyExtension
from sahakar.arrests.tests.conftest import MISDEMEANOUR, hours_ago, record
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def payload(**changes: Any) -> dict[str, Any]:
    unit = f.first_district(f.PHNOM_PENH)
    return {
        "person": f.make_person(unit).pk,
        "arrested_at": "2025-03-01T23:10:00+07:00",
        "arrived_at": "2025-03-01T23:30:00+07:00",
        "org_unit": unit.code,
        "place_description": "National road 1, km 9",
        "arresting_agency": "ADB-PP",
        "offences": ["DRUG_TRAFFICKING", "DRUG_USE"],
        "suspect_role": "trafficker",
        **changes,
    }


def test_it_records_an_arrest_and_computes_its_deadline(pp_api: APIClient) -> None:
    seizure = f.make_seizure(f.first_district(f.PHNOM_PENH), "ADB-PP")
    response = pp_api.post(
        "/api/v1/arrests/",
        payload(seizures=[seizure.pk], custody_deadline="2030-01-01T00:00:00Z"),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"].startswith("AR-PP-2025-")
    assert body["custody_deadline"] == "2025-03-03T23:30:00+07:00"  # not what was sent
    assert body["custody"]["state"] == "overdue"
    assert body["custody"]["remaining_seconds"] < 0
    assert sorted(body["offences"]) == ["DRUG_TRAFFICKING", "DRUG_USE"]
    assert body["seizures"] == [seizure.pk] and body["outcome"] is None


def test_it_refuses_bad_arrests_with_reasons_by_field(pp_api: APIClient) -> None:
    elsewhere = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    response = pp_api.post(
        "/api/v1/arrests/",
        payload(
            arrived_at="2025-03-01T23:00:00+07:00",
            offences=["NO_SUCH"],
            seizures=[elsewhere.pk],
        ),
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) >= {"offences", "seizures"}
    no_offence = pp_api.post("/api/v1/arrests/", payload(offences=[]), format="json")
    assert no_offence.json()["offences"] == ["Name at least one suspected offence."]
    early = pp_api.post(
        "/api/v1/arrests/", payload(arrived_at="2025-03-01T23:00:00+07:00"), format="json"
    )
    assert "is before the arrest" in early.json()["arrived_at"][0]
    assert Arrest.objects.count() == 0


def test_it_extends_and_ends_a_custody_through_its_actions(pp_api: APIClient) -> None:
    arrest = record(arrived_at=hours_ago(30))
    url = f"/api/v1/arrests/{arrest.pk}/"
    granted = pp_api.post(
        url + "extensions/",
        {
            "granted_at": hours_ago(1).isoformat(),
            "hours": 24,
            "order_reference": "ORD-9",
            "reason": "Lab",
        },
        format="json",
    )
    assert granted.status_code == 201, granted.json()
    assert len(granted.json()["extensions"]) == 1
    assert granted.json()["custody"]["state"] == "in_custody"
    ended = pp_api.post(
        url + "outcome/",
        {"kind": "referred", "decided_at": timezone.now().isoformat(), "reference": "R-12"},
        format="json",
    )
    assert ended.status_code == 201
    assert ended.json()["outcome"]["kind"] == "referred"
    assert ended.json()["custody"]["state"] == "ended_on_time"


def test_it_refuses_what_the_law_does_not_allow_with_a_structured_400(pp_api: APIClient) -> None:
    arrest = record(arrived_at=hours_ago(30), offences=[MISDEMEANOUR])
    url = f"/api/v1/arrests/{arrest.pk}/"
    refused = pp_api.post(
        url + "extensions/",
        {"granted_at": hours_ago(1).isoformat(), "hours": 30, "order_reference": "", "reason": ""},
        format="json",
    )
    assert refused.status_code == 400
    errors = refused.json()
    assert errors["non_field_errors"][0].startswith("Custody for a misdemeanour cannot be extended")
    assert "order_reference" in errors and "reason" in errors
    assert CustodyExtension.objects.count() == 0

    before = pp_api.post(
        url + "outcome/",
        {"kind": "released", "decided_at": (arrest.arrived_at - timedelta(hours=1)).isoformat()},
        format="json",
    )
    assert before.status_code == 400
    assert set(before.json()) == {"decided_at", "reason"}
    pp_api.post(url + "outcome/", {"kind": "referred", "decided_at": timezone.now().isoformat()})
    twice = pp_api.post(
        url + "outcome/", {"kind": "referred", "decided_at": timezone.now().isoformat()}
    )
    assert twice.status_code == 400
    assert "An outcome is recorded once." in twice.json()["non_field_errors"][0]


def test_it_corrects_an_arrest_with_its_version(pp_api: APIClient) -> None:
    arrest = record(arrived_at=hours_ago(10))
    url = f"/api/v1/arrests/{arrest.pk}/"
    changed = pp_api.patch(
        url, {"suspect_role": "trafficker", "version": arrest.version}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    arrest.refresh_from_db()
    assert arrest.suspect_role == "trafficker"
    stale = pp_api.patch(url, {"suspect_role": "user", "version": 1}, format="json")
    assert stale.status_code == 409
    person = pp_api.patch(
        url, {"person": f.make_person(arrest.org_unit).pk, "version": arrest.version}, format="json"
    )
    assert person.status_code == 200
    assert Arrest.objects.get(pk=arrest.pk).person_id == arrest.person_id  # fixed once recorded


def test_it_answers_offences_and_custody_rules_by_code(pp_api: APIClient) -> None:
    offence = pp_api.get("/api/v1/offences/DRUG_USE/").json()
    assert offence["offence_class"] == "misdemeanour" and offence["title_km"]
    felony = pp_api.get("/api/v1/custody-rules/felony/").json()
    assert (felony["base_hours"], felony["extension_hours"], felony["max_extensions"]) == (
        48,
        24,
        1,
    )


def test_it_is_described_in_the_openapi_schema(pp_api: APIClient) -> None:
    schema = pp_api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/v1/arrests/",
        "/api/v1/arrests/{id}/",
        "/api/v1/arrests/{id}/extensions/",
        "/api/v1/arrests/{id}/outcome/",
        "/api/v1/arrests/due/",
        "/api/v1/offences/",
    ):
        assert path in schema["paths"], path
