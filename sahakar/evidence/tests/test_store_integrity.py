"""Edits of stores and their locations keep the chain's facts true: an exhibit's recorded
location is always in the store holding it."""

from __future__ import annotations

import pytest

from sahakar.evidence.models import StoreLocation
from sahakar.evidence.tests.custody_actors import (  # noqa: F401  # fixtures
    clock,
    custodian,
    exhibit_pages,
    fresh,
)
from sahakar.testing.evidence import take_in


def test_a_location_cannot_be_moved_to_another_store(room, api_as, admin_user):
    exhibit = take_in(room)  # on shelf A1 of the vault
    for persona in ("custodian", "admin_user"):
        answer = api_as(persona).patch(
            f"/api/v1/store-locations/{room.shelf.pk}/",
            {"store": room.property_room.pk, "version": room.shelf.version},
            format="json",
        )
        assert answer.status_code in (400, 404), answer.content
        if answer.status_code == 400:
            assert "store" in answer.json()
    assert StoreLocation.objects.get(pk=room.shelf.pk).store == room.vault
    held = fresh(exhibit)
    assert held.location is not None and held.location.store == held.store
    renamed = api_as("custodian").patch(
        f"/api/v1/store-locations/{room.shelf.pk}/",
        {"description": "Shelf A1, left", "version": room.shelf.version},
        format="json",
    )
    assert renamed.status_code == 200, renamed.content


def test_a_store_holding_drugs_keeps_holding_drugs(room, api_as, admin_user):
    take_in(room)  # drugs in the vault
    api = api_as("admin_user")
    answer = api.patch(
        f"/api/v1/evidence-stores/{room.vault.pk}/",
        {"holds_drugs": False, "version": room.vault.version},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "holds_drugs" in answer.json()
    room.vault.refresh_from_db()
    assert room.vault.holds_drugs
    emptied = api.patch(
        f"/api/v1/evidence-stores/{room.sr_vault.pk}/",
        {"holds_drugs": False, "version": room.sr_vault.version},
        format="json",
    )
    assert emptied.status_code == 200, emptied.content


@pytest.mark.parametrize(
    ("field", "value"), [("active", False), ("kind", "court_registry"), ("agency", "NACD")]
)
def test_a_store_holding_exhibits_stays_open_of_its_kind_and_agency(
    room, api_as, admin_user, field, value
):
    take_in(room)  # an exhibit in the vault
    api = api_as("admin_user")
    answer = api.patch(
        f"/api/v1/evidence-stores/{room.vault.pk}/",
        {field: value, "version": room.vault.version},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert field in answer.json()
    before = (room.vault.active, room.vault.kind, room.vault.agency_id)
    room.vault.refresh_from_db()
    assert (room.vault.active, room.vault.kind, room.vault.agency_id) == before


def test_an_empty_store_can_be_closed(room, api_as, admin_user):
    answer = api_as("admin_user").patch(
        f"/api/v1/evidence-stores/{room.sr_vault.pk}/",
        {"active": False, "version": room.sr_vault.version},
        format="json",
    )
    assert answer.status_code == 200, answer.content
