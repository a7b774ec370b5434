"""Disposal approvals and destruction batches in the API: create-only, structured refusals."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from sahakar.evidence.models import DestructionBatch, DisposalApproval
from sahakar.evidence.tests.disposal_setup import eligible_exhibit, ready_to_destroy
from sahakar.testing.evidence import take_in

APPROVALS = "/api/v1/disposal-approvals/"
BATCHES = "/api/v1/destruction-batches/"


def _approval(exhibit, **over):
    body = {
        "exhibit": exhibit.pk,
        "basis": "verdict",
        "authority": "prosecutor",
        "order_reference": "PPO-PP/ORD/11",
        "ordered_on": timezone.localdate().isoformat(),
    }
    body.update(over)
    return body


def test_a_prosecutor_approves_through_the_api(room, api_as):
    exhibit = eligible_exhibit(room)
    api = api_as("pp_prosecutor")
    answer = api.post(APPROVALS, _approval(exhibit), format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["exhibit_reference"] == exhibit.reference
    assert answer.json()["approved_by"] == "pp_prosecutor"
    listed = api.get(APPROVALS).json()["results"]
    assert [row["order_reference"] for row in listed] == ["PPO-PP/ORD/11"]
    one = api.get(f"{APPROVALS}{answer.json()['id']}/")
    assert one.status_code == 200


def test_an_approval_is_never_changed_or_deleted(room, api_as, pp_prosecutor):
    exhibit = eligible_exhibit(room)
    api = api_as("pp_prosecutor")
    pk = api.post(APPROVALS, _approval(exhibit), format="json").json()["id"]
    for method in ("put", "patch", "delete"):
        answer = getattr(api, method)(f"{APPROVALS}{pk}/", {}, format="json")
        assert answer.status_code == 405
        assert "detail" in answer.json()
    assert DisposalApproval.objects.count() == 1


def test_a_refused_approval_is_a_structured_400(room, api_as):
    exhibit = take_in(room)
    answer = api_as("pp_prosecutor").post(APPROVALS, _approval(exhibit), format="json")
    assert answer.status_code == 400
    assert "No arrest is linked" in answer.json()["basis"][0]
    bad = api_as("pp_prosecutor").post(
        APPROVALS, _approval(exhibit, basis="whim", ordered_on="yesterday"), format="json"
    )
    assert bad.status_code == 400 and {"basis", "ordered_on"} <= set(bad.json())
    assert not DisposalApproval.objects.exists()


def test_an_investigator_may_not_approve(room, api_as):
    exhibit = eligible_exhibit(room)
    answer = api_as("pp_investigator").post(APPROVALS, _approval(exhibit), format="json")
    assert answer.status_code == 403
    assert not DisposalApproval.objects.exists()


@pytest.fixture
def keeper_api(room):
    api = APIClient()
    api.force_authenticate(room.site_keeper)
    return api


def _batch_body(room, exhibits, **over):
    body = {
        "exhibits": [e.pk for e in exhibits],
        "destroyed_at": timezone.now().isoformat(),
        "org_unit": "12",
        "site": room.site.code,
        "place": "NACD incinerator",
        "method": "incineration",
        "order_references": "PPO-PP/ORD/2026-001",
        "committee_members": "Chair, NACD",
        "witnesses": [
            {"name": "Witness One", "position": "Deputy prosecutor", "agency": "PPO-PP"},
            {"name": "Witness Two", "agency": "MOH"},
        ],
    }
    body.update(over)
    return body


def test_the_keeper_records_a_destruction_through_the_api(room, keeper_api, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    body = _batch_body(
        room,
        [exhibit],
        weights=[{"exhibit": exhibit.pk, "net_quantity": "1990", "unit": "tablets"}],
    )
    answer = keeper_api.post(BATCHES, body, format="json")
    assert answer.status_code == 201, answer.json()
    data = answer.json()
    assert data["reference"].startswith("DS-PP-")
    assert [w["agency"] for w in data["witnesses"]] == ["PPO-PP", "MOH"]
    assert data["exhibits"][0]["exhibit_reference"] == exhibit.reference
    assert data["exhibits"][0]["net_quantity"] == "1990.000"
    for method in ("put", "patch", "delete"):
        refused = getattr(keeper_api, method)(f"{BATCHES}{data['id']}/", {}, format="json")
        assert refused.status_code == 405


def test_one_bad_exhibit_refuses_the_batch_with_its_name(room, keeper_api, pp_prosecutor):
    ready = ready_to_destroy(room, pp_prosecutor)
    not_approved = eligible_exhibit(room)  # still in the vault, not approved
    answer = keeper_api.post(BATCHES, _batch_body(room, [ready, not_approved]), format="json")
    assert answer.status_code == 400
    assert answer.json()["exhibits"] == [f"{not_approved.reference}: its disposal is not approved."]
    assert not DestructionBatch.objects.exists()


def test_a_single_witness_is_a_structured_400(room, keeper_api, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    body = _batch_body(room, [exhibit], witnesses=[{"name": "Witness One", "agency": "PPO-PP"}])
    answer = keeper_api.post(BATCHES, body, format="json")
    assert answer.status_code == 400
    assert "At least two witnesses" in answer.json()["witnesses"][0]


def test_nonsense_is_refused_field_by_field(room, keeper_api):
    answer = keeper_api.post(
        BATCHES,
        {"exhibits": "all", "destroyed_at": "soon", "site": "NOWHERE", "witnesses": "two"},
        format="json",
    )
    assert answer.status_code == 400
    assert {"exhibits", "destroyed_at", "site", "witnesses", "place"} <= set(answer.json())
