"""Evidence store pages and API: what a store holds and awaits, who keeps it, its locations;
administrators add stores with their locations."""

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.evidence import services
from sahakar.evidence.models import EvidenceStore, StoreLocation
from sahakar.evidence.tests.exhibit_fixtures import MORNING, signed_in
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in


@pytest.fixture(autouse=True)
def morning():
    with time_machine.travel(MORNING, tick=True):
        yield


def test_a_store_shows_its_custodians_locations_and_what_it_holds_and_awaits(client, room):
    kept = take_in(room)
    leaving = take_in(room)
    services.move(leaving, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    page = signed_in(client, room.custodian).get(
        reverse("evidence:store_detail", args=[room.vault.pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "pp_custodian" in text and "A1" in text and "SAFE" in text
    assert kept.reference in text and leaving.reference in text
    assert (page.context["held_count"], page.context["leaving_count"]) == (1, 1)
    lab_page = signed_in(client, room.lab_analyst).get(
        reverse("evidence:store_detail", args=[room.lab.pk])
    )
    assert lab_page.context["incoming_count"] == 1
    assert leaving.reference in lab_page.content.decode()


def test_the_store_list_keeps_to_the_jurisdiction(client, room, sr_officer):
    text = signed_in(client, sr_officer).get(reverse("evidence:evidencestore_list")).content
    assert b"SR-VAULT" in text and b"PP-VAULT" not in text
    url = reverse("evidence:evidencestore_detail", args=[room.vault.pk])
    assert url == reverse("evidence:store_detail", args=[room.vault.pk])
    assert signed_in(client, sr_officer).get(url).status_code == 404


def test_an_administrator_adds_a_store_with_its_locations(client, admin_user):
    form = {
        "code": "KPC-VAULT",
        "name": "Kampong Cham drug vault",
        "kind": "drug_vault",
        "agency": f.agency("ADB-PP").pk,
        "org_unit": f.unit(f.PHNOM_PENH).pk,
        "holds_drugs": "on",
        "active": "on",
        "locations-TOTAL_FORMS": "2",
        "locations-INITIAL_FORMS": "0",
        "locations-0-code": "S1",
        "locations-0-description": "Safe 1",
        "locations-0-active": "on",
        "locations-1-code": "",
        "locations-1-active": "on",  # as a browser sends the row left empty
    }
    response = signed_in(client, admin_user).post(reverse("evidence:evidencestore_add"), form)
    assert response.status_code == 302, response.context and response.context["form"].errors
    store = EvidenceStore.objects.get(code="KPC-VAULT")
    assert list(StoreLocation.objects.filter(store=store).values_list("code", flat=True)) == ["S1"]


def test_a_store_with_a_taken_code_is_refused_at_its_field(client, admin_user, room):
    form = {
        "code": "PP-VAULT",
        "name": "Copy",
        "kind": "drug_vault",
        "agency": f.agency("ADB-PP").pk,
        "org_unit": f.unit(f.PHNOM_PENH).pk,
        "locations-TOTAL_FORMS": "0",
        "locations-INITIAL_FORMS": "0",
    }
    response = signed_in(client, admin_user).post(reverse("evidence:evidencestore_add"), form)
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert EvidenceStore.objects.filter(code="PP-VAULT").count() == 1


def test_the_store_api_reads_and_writes_as_the_roles_allow(room, sr_officer, admin_user):
    officer = APIClient()
    officer.force_authenticate(sr_officer)
    codes = {s["code"] for s in officer.get("/api/v1/evidence-stores/").json()["results"]}
    assert codes == {"SR-VAULT"}
    locations = officer.get("/api/v1/store-locations/").json()["results"]
    assert locations == []  # the Phnom Penh vault's shelves are outside Siem Reap
    admin = APIClient()
    admin.force_authenticate(admin_user)
    made = admin.post(
        "/api/v1/store-locations/",
        {"store": room.vault.pk, "code": "B2", "description": "Shelf B2"},
        format="json",
    )
    assert made.status_code == 201, made.content
    again = admin.post(
        "/api/v1/store-locations/", {"store": room.vault.pk, "code": "B2"}, format="json"
    )
    assert again.status_code == 400
