"""Sealing exhibits from a seizure's page: one package per use of the form, each with its own
net quantity; every bad input answered at its field, with nothing written."""

from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sahakar.evidence.models import CustodyEvent, Exhibit, WeightDiscrepancy
from sahakar.evidence.tests.exhibit_fixtures import MORNING, photo, signed_in
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in


@pytest.fixture(autouse=True)
def morning():
    with time_machine.travel(MORNING, tick=True):
        yield


@pytest.fixture
def seizure(room):
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    f.make_item(seizure, quantity="3000", unit_="tablets")
    return seizure


def add_url(seizure):
    return reverse("evidence:exhibit_add", args=[seizure.pk])


def body(room, seizure, **changes):
    values = {
        "items": [seizure.items.get().pk],
        "seal_number": "SEAL-FORM-1",
        "description": "Bag 1 of 2",
        "store": room.vault.pk,
        "location": room.shelf.pk,
        "gross_weight_g": "180",
        "net_quantity": "1500",
        "net_unit": "tablets",
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def test_one_item_is_sealed_as_two_packages_each_with_its_own_quantity(client, room, seizure):
    page = signed_in(client, room.custodian)
    assert page.get(add_url(seizure)).status_code == 200
    first = page.post(add_url(seizure), body(room, seizure, holds_part="on"))
    assert first.status_code == 302
    second = page.post(
        add_url(seizure),
        body(room, seizure, seal_number="SEAL-FORM-2", description="Bag 2", holds_part="on"),
    )
    assert second.status_code == 302
    exhibits = list(Exhibit.objects.filter(seizure=seizure).order_by("pk"))
    assert [e.seal_number for e in exhibits] == ["SEAL-FORM-1", "SEAL-FORM-2"]
    assert [e.net_quantity for e in exhibits] == [Decimal("1500"), Decimal("1500")]
    assert first["Location"] == exhibits[0].get_absolute_url()
    assert all(e.store == room.vault and e.location == room.shelf for e in exhibits)
    assert [ev.kind for ev in exhibits[0].events.all()] == ["intake"]
    assert exhibits[0].events.get().actor == room.custodian
    assert all(e.holds_part for e in exhibits)
    assert not WeightDiscrepancy.objects.filter(exhibit__seizure=seizure).exists()


def test_it_keeps_a_checked_photo_under_a_name_of_its_own(
    client, room, seizure, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    upload = photo("JPEG", "../../evil.php")
    response = signed_in(client, room.custodian).post(
        add_url(seizure), body(room, seizure, photo=upload)
    )
    assert response.status_code == 302
    stored = str(Exhibit.objects.get(seizure=seizure).photo.name)
    assert stored.endswith(".jpg") and "evil" not in stored


def refused(client, room, seizure, field, message, **changes):
    exhibits, events = Exhibit.objects.count(), CustodyEvent.objects.count()
    response = signed_in(client, room.custodian).post(
        add_url(seizure), body(room, seizure, **changes)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in e for e in errors[field]), errors[field]
    assert (Exhibit.objects.count(), CustodyEvent.objects.count()) == (exhibits, events)


def test_it_refuses_a_seal_already_on_an_open_exhibit(client, room, seizure):
    sealed = take_in(room, seal="SEAL-TAKEN")
    refused(
        client,
        room,
        seizure,
        "seal_number",
        f"Seal SEAL-TAKEN is already on exhibit {sealed.reference}",
        seal_number="SEAL-TAKEN",
    )


def test_it_refuses_a_zero_net_quantity(client, room, seizure):
    refused(client, room, seizure, "net_quantity", "must be more than zero", net_quantity="0")


def test_it_refuses_a_zero_gross_weight(client, room, seizure):
    refused(client, room, seizure, "gross_weight_g", "must be more than zero", gross_weight_g="0")


def test_it_refuses_a_unit_that_does_not_fit_the_form(client, room, seizure):
    refused(client, room, seizure, "net_unit", "is not a unit for tablet", net_unit="ml")


def test_it_refuses_a_photo_that_is_not_an_image(client, room, seizure):
    fake = SimpleUploadedFile("bag.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    refused(client, room, seizure, "photo", "must be a JPEG, PNG or WebP image", photo=fake)


def test_it_refuses_an_image_of_another_type(client, room, seizure):
    refused(client, room, seizure, "photo", "JPEG, PNG or WebP", photo=photo("GIF", "bag.gif"))


def test_it_refuses_a_photo_over_5_mb(client, room, seizure):
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 1))
    refused(client, room, seizure, "photo", "at most 5 MB", photo=big)


def test_it_refuses_items_of_another_seizure(client, room, seizure):
    other = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    foreign = f.make_item(other)
    refused(
        client,
        room,
        seizure,
        "items",
        f"Item {foreign.pk} is not an item of this seizure",
        items=[foreign.pk],
    )


def test_it_refuses_a_package_with_nothing_in_it(client, room, seizure):
    refused(client, room, seizure, "items", "Choose the seized items", items=[])


def test_it_offers_only_the_stores_the_user_keeps(client, room, seizure):
    refused(
        client,
        room,
        seizure,
        "store",
        "Select a valid choice",
        store=room.lab.pk,
    )


def test_a_field_officer_of_another_province_cannot_reach_the_seizure(client, seizure, sr_officer):
    assert signed_in(client, sr_officer).get(add_url(seizure)).status_code == 404


def test_a_role_that_may_not_add_exhibits_is_refused(client, seizure, pp_prosecutor):
    assert signed_in(client, pp_prosecutor).get(add_url(seizure)).status_code == 403
