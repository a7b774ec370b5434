"""Ids and numbers that are not plain digits: "²" passes str.isdigit() but not int(), and an
id beyond any database integer names no record. Each is a refusal (API: a structured 400 at
the field; pages: the page without it, or a refusal page), never a server error."""

from __future__ import annotations

from sahakar.evidence.models import CustodyEvent
from sahakar.evidence.tests.custody_actors import (  # noqa: F401  # fixtures
    clock,
    custodian,
    events,
    exhibit_pages,
)
from sahakar.testing.evidence import take_in

SUPERSCRIPT_TWO = "²"


def test_an_exhibit_id_in_superscript_digits_is_a_400_at_the_field(room, api_as):
    exhibit = take_in(room)
    before = events()
    api = api_as("custodian")
    answer = api.post(
        "/api/v1/custody-events/",
        {"kind": "weighed", "exhibit": SUPERSCRIPT_TWO, "net_quantity": "1", "net_unit": "tablets"},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "exhibit" in answer.json()
    moved = api.post(
        "/api/v1/custody-events/",
        {"kind": "transfer", "exhibit": exhibit.pk, "to_store": SUPERSCRIPT_TWO},
        format="json",
    )
    assert moved.status_code == 400, moved.content
    assert "to_store" in moved.json()
    assert events() == before
    assert CustodyEvent.objects.filter(exhibit=exhibit).count() == 1


def test_a_list_page_numbered_in_superscript_shows_the_first_page(room, signed_in):
    exhibit = take_in(room)
    page = signed_in("custodian")
    for query in ({"page": SUPERSCRIPT_TWO}, {"per_page": SUPERSCRIPT_TWO}):
        answer = page.get("/evidence/exhibits/", query)
        assert answer.status_code == 200
        assert exhibit.reference in answer.content.decode()


def test_a_label_sheet_for_ids_not_in_plain_digits_or_beyond_any_record_is_refused(room, signed_in):
    exhibit = take_in(room)
    page = signed_in("custodian")
    superscript = page.get("/evidence/exhibits/labels/", {"ids": f"{exhibit.pk},{SUPERSCRIPT_TWO}"})
    assert superscript.status_code == 400
    assert "is not an exhibit id" in superscript.content.decode()
    huge = page.get("/evidence/exhibits/labels/", {"ids": "99999999999999999999999"})
    assert huge.status_code == 400
    for seizure in (SUPERSCRIPT_TWO, "99999999999999999999999"):
        assert page.get("/evidence/exhibits/labels/", {"seizure": seizure}).status_code == 404


def test_a_store_chosen_by_a_number_not_in_plain_digits_is_ignored(room, signed_in, admin_user):
    assert signed_in("custodian").get("/evidence/inventories/", {"store": "²"}).status_code == 200
    assign = signed_in("admin_user").get("/evidence/custodians/assign/", {"store": "²"})
    assert assign.status_code == 200


def test_an_item_that_is_not_an_id_is_refused_at_the_field_of_the_intake_form(room, signed_in):
    from sahakar.testing import factories as f

    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    f.make_item(seizure, quantity="10", unit_="tablets")
    body = {
        "seal_number": "S-NEW",
        "description": "Bag",
        "store": room.vault.pk,
        "net_quantity": "10",
        "net_unit": "tablets",
    }
    page, url = signed_in("custodian"), f"/evidence/exhibits/from-seizure/{seizure.pk}/"
    for wrong in ("abc", "1.5", SUPERSCRIPT_TWO):
        answer = page.post(url, {**body, "items": wrong})
        assert answer.status_code == 400
        assert answer.context["form"].errors["items"] == [
            f"Item {wrong} is not an item of this seizure."
        ]
    assert not seizure.exhibits.exists()


def test_a_scanned_code_with_a_nul_byte_is_not_an_exhibit_number(room, signed_in):
    exhibit = take_in(room)
    page = signed_in("custodian")
    for typed in (
        f"{exhibit.reference}\x00",
        f"https://x.example/evidence/x/{exhibit.reference}%00/",
    ):
        answer = page.get("/evidence/scan/", {"code": typed})
        assert answer.status_code == 400
        assert "Type or scan an exhibit number" in answer.content.decode()
