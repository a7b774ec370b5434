"""The exhibits API: lists with filters, an exhibit with its derived state and events, sealing
one through the custody service; refusals as structured 400s with nothing written."""

from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from sahakar.evidence import services
from sahakar.evidence.models import CustodyEvent, Exhibit
from sahakar.evidence.tests.exhibit_fixtures import MORNING, in_transit_from_siem_reap, photo
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

URL = "/api/v1/exhibits/"


@pytest.fixture(autouse=True)
def morning():
    with time_machine.travel(MORNING, tick=True):
        yield


def as_user(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def references(response):
    assert response.status_code == 200, response.content
    return {row["reference"] for row in response.json()["results"]}


def test_it_answers_an_exhibit_with_its_derived_state_and_events(room):
    exhibit = take_in(room, seal="SEAL-API-1")
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    answer = as_user(room.custodian).get(f"{URL}{exhibit.pk}/")
    assert answer.status_code == 200
    data = answer.json()
    assert (data["status"], data["store"], data["pending_store"]) == (
        "in_transit",
        "PP-VAULT",
        "NACD-LAB",
    )
    assert data["handover"]["from_store"] == "PP-VAULT"
    assert data["handover"]["to_store"] == "NACD-LAB"
    assert [(e["seq"], e["kind"]) for e in data["events"]] == [
        (1, "intake"),
        (2, "lab_submission"),
    ]
    assert data["events"][0]["seal_number"] == "SEAL-API-1"
    assert data["events"][1]["awaits_receipt"] is True


def test_it_filters_by_store_status_eligibility_and_discrepancy(room):
    held = take_in(room)
    moving = take_in(room)
    services.move(moving, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    short = take_in(room, quantity="2000", net="1500")
    api = as_user(room.custodian)
    assert references(api.get(URL, {"status": "in_transit"})) == {moving.reference}
    assert references(api.get(URL, {"discrepancy": "open"})) == {short.reference}
    assert references(api.get(URL, {"eligible": "false"})) == {
        held.reference,
        moving.reference,
        short.reference,
    }
    assert references(api.get(URL, {"eligible": "true"})) == set()
    assert references(api.get(URL, {"store": "SR-VAULT"})) == set()
    rows = {r["reference"]: r for r in api.get(URL).json()["results"]}
    assert rows[short.reference]["open_discrepancy"] is True
    assert rows[held.reference]["open_discrepancy"] is False


def test_an_officer_of_another_province_does_not_see_it(room, sr_officer):
    exhibit = take_in(room)
    api = as_user(sr_officer)
    assert exhibit.reference not in references(api.get(URL))
    assert api.get(f"{URL}{exhibit.pk}/").status_code == 404


def test_the_receiving_lab_of_another_agency_sees_it_in_transit(room):
    exhibit = in_transit_from_siem_reap(room)
    api = as_user(room.lab_analyst)
    assert references(api.get(URL, {"in_transit_to": "NACD-LAB"})) == {exhibit.reference}
    data = api.get(f"{URL}{exhibit.pk}/").json()
    assert (data["store"], data["pending_store"]) == ("SR-VAULT", "NACD-LAB")


def new_body(room, seizure, **changes):
    values = {
        "seizure": seizure.pk,
        "items": [seizure.items.get().pk],
        "seal_number": "SEAL-API-NEW",
        "description": "Bag of tablets",
        "store": "PP-VAULT",
        "location": room.shelf.pk,
        "gross_weight_g": "120",
        "net_quantity": "1000",
        "net_unit": "tablets",
    }
    values.update(changes)
    return values


@pytest.fixture
def seizure(room):
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    f.make_item(seizure, quantity="1000", unit_="tablets")
    return seizure


def test_it_seals_an_exhibit_through_the_custody_service(room, seizure):
    answer = as_user(room.custodian).post(URL, new_body(room, seizure), format="json")
    assert answer.status_code == 201, answer.content
    data = answer.json()
    exhibit = Exhibit.objects.get(pk=data["id"])
    assert (data["status"], data["store"], data["location"]) == ("held", "PP-VAULT", "A1")
    assert [e["kind"] for e in data["events"]] == ["intake"]
    assert exhibit.events.get().actor == room.custodian
    assert exhibit.net_quantity == Decimal("1000")


def test_it_takes_a_photo_as_multipart(room, seizure, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    body = new_body(room, seizure, photo=photo("WEBP", "bag.webp"))
    answer = as_user(room.custodian).post(URL, body, format="multipart")
    assert answer.status_code == 201, answer.content
    assert answer.json()["photo"].endswith(f"/evidence/exhibits/{answer.json()['id']}/photo/")


def refused(room, seizure, field, message, format="json", **changes):
    counts = (Exhibit.objects.count(), CustodyEvent.objects.count())
    answer = as_user(room.custodian).post(URL, new_body(room, seizure, **changes), format=format)
    assert answer.status_code == 400, answer.content
    errors = answer.json()
    assert field in errors, errors
    assert any(message in m for m in errors[field]), errors[field]
    assert (Exhibit.objects.count(), CustodyEvent.objects.count()) == counts


def test_it_refuses_a_duplicate_open_seal(room, seizure):
    take_in(room, seal="SEAL-DUP")
    refused(
        room, seizure, "seal_number", "Seal SEAL-DUP is already on exhibit", seal_number="SEAL-DUP"
    )


def test_it_refuses_a_zero_weight(room, seizure):
    refused(room, seizure, "net_quantity", "must be more than zero", net_quantity="0")
    refused(room, seizure, "gross_weight_g", "must be more than zero", gross_weight_g="-1")


def test_it_refuses_a_unit_that_does_not_fit_the_form(room, seizure):
    refused(room, seizure, "net_unit", "is not a unit for tablet", net_unit="plants")


def test_it_refuses_items_of_another_seizure(room, seizure):
    foreign = f.make_item(f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP"))
    refused(room, seizure, "items", "Every item must belong to seizure", items=[foreign.pk])


def test_it_refuses_a_photo_of_the_wrong_type_or_size(room, seizure, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    text = SimpleUploadedFile("bag.png", b"just text", content_type="image/png")
    refused(room, seizure, "photo", "JPEG, PNG or WebP", format="multipart", photo=text)
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024))
    refused(room, seizure, "photo", "at most 5 MB", format="multipart", photo=big)


def test_it_refuses_a_store_the_user_does_not_keep(room, seizure):
    refused(room, seizure, "store", "Only a custodian of", store="NACD-LAB", location=None)


def test_an_update_changes_the_description_never_the_derived_state(room):
    exhibit = take_in(room)
    answer = as_user(room.custodian).patch(
        f"{URL}{exhibit.pk}/",
        {
            "version": exhibit.version,
            "description": "Relabelled bag",
            "status": "destroyed",
            "store": "SR-VAULT",
            "seal_number": "FORGED",
        },
        format="json",
    )
    assert answer.status_code == 200, answer.content
    exhibit.refresh_from_db()
    assert exhibit.description == "Relabelled bag"
    assert (exhibit.status, exhibit.store, exhibit.seal_number) == (
        "held",
        room.vault,
        exhibit.events.get().seal_number,
    )
    assert services.state_matches_events(exhibit)


def test_a_role_that_may_not_add_exhibits_is_refused(room, seizure, pp_prosecutor):
    answer = as_user(pp_prosecutor).post(URL, new_body(room, seizure), format="json")
    assert answer.status_code == 403
    assert not Exhibit.objects.filter(seizure=seizure).exists()
