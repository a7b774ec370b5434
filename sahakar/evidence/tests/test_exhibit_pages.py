"""The exhibit pages: the list and its filters, an exhibit with its chain of custody, its
photo, and who sees what (custodians, officers of another province, the receiving lab)."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from sahakar.evidence import services
from sahakar.evidence.models import Exhibit
from sahakar.evidence.tests.exhibit_fixtures import (
    MORNING,
    in_transit_from_siem_reap,
    photo,
    signed_in,
)
from sahakar.testing.evidence import take_in

LIST = "/evidence/exhibits/"


@pytest.fixture(autouse=True)
def morning():
    with time_machine.travel(MORNING, tick=True):
        yield


def detail(exhibit):
    return reverse("evidence:exhibit_detail", args=[exhibit.pk])


def test_it_lists_the_custodians_exhibits_with_where_they_are(client, room):
    exhibit = take_in(room, seal="SEAL-LIST-1")
    page = signed_in(client, room.custodian).get(LIST)
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (exhibit.reference, exhibit.seizure.reference, "SEAL-LIST-1", "PP-VAULT / A1"):
        assert shown in text


def test_it_shows_the_chain_in_order_with_a_correction_beside_its_event(client, room):
    exhibit = take_in(room, seal="SEAL-CHAIN-1")
    intake = exhibit.events.get(seq=1)
    services.weigh(
        exhibit, net_quantity=Decimal("2000"), net_unit="tablets", acting_user=room.custodian
    )
    services.correct(exhibit, event=intake, note="Shelf was A2, not A1", acting_user=room.custodian)
    page = signed_in(client, room.custodian).get(detail(exhibit))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index('id="event-1"') < text.index('id="event-3"') < text.index('id="event-2"')
    assert "Shelf was A2, not A1" in text
    assert "SEAL-CHAIN-1" in text and "250.00 g" in text and "2,000 tablets" in text
    assert "pp_custodian" in text


def test_it_names_both_sides_of_an_exhibit_in_transit(client, room):
    exhibit = take_in(room)
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    text = signed_in(client, room.custodian).get(detail(exhibit)).content.decode()
    assert "In transit from PP-VAULT" in text
    assert "to NACD-LAB" in text and "since 2026-03-10" in text


def test_the_receiving_lab_of_another_agency_sees_what_is_on_its_way(client, room):
    exhibit = in_transit_from_siem_reap(room)
    lab = signed_in(client, room.lab_analyst)
    assert exhibit.reference in lab.get(LIST, {"in_transit_to": "NACD-LAB"}).content.decode()
    page = lab.get(detail(exhibit))
    assert page.status_code == 200
    assert "In transit from SR-VAULT" in page.content.decode()
    store_page = lab.get(reverse("evidence:store_detail", args=[room.lab.pk])).content.decode()
    assert exhibit.reference in store_page


def test_an_officer_of_another_province_does_not_see_the_exhibit(client, room, sr_officer):
    exhibit = take_in(room)
    officer = signed_in(client, sr_officer)
    assert exhibit.reference not in officer.get(LIST).content.decode()
    assert officer.get(detail(exhibit)).status_code == 404


def test_it_filters_by_status_store_and_open_discrepancy(client, room):
    held = take_in(room)
    moving = take_in(room)
    services.move(moving, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    short = take_in(room, quantity="2000", net="1500")  # intake 25 % short of the field count
    assert short.discrepancies.filter(status="open").exists()
    page = signed_in(client, room.custodian)

    def listed(**query):
        text = page.get(LIST, query).content.decode()
        return {e.reference for e in (held, moving, short) if e.reference in text}

    assert listed(status="in_transit") == {moving.reference}
    assert listed(in_transit_to="NACD-LAB") == {moving.reference}
    assert listed(discrepancy="open") == {short.reference}
    assert listed(discrepancy="none") == {held.reference, moving.reference}
    assert listed(seizure=held.seizure.reference) == {held.reference}
    assert listed(eligible="true") == set()  # no defendant has a final outcome


def test_it_refuses_a_nonsense_filter_with_a_message(client, room):
    page = signed_in(client, room.custodian).get(LIST, {"status": "lost"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()


def test_it_serves_the_photo_only_to_those_who_see_the_exhibit(
    client, room, sr_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    seizure_item = take_in(room).seizure.items.get()
    exhibit = services.create_exhibit(
        seizure_item.seizure,
        items=[seizure_item],
        seal_number="SEAL-PHOTO-1",
        description="Second package",
        store=room.vault,
        net_quantity=Decimal("10"),
        net_unit="tablets",
        photo=photo(),
        acting_user=room.custodian,
    )
    url = reverse("evidence:exhibit_photo", args=[exhibit.pk])
    assert url in signed_in(client, room.custodian).get(detail(exhibit)).content.decode()
    served = client.get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert "no-store" in served["Cache-Control"] or "no-cache" in served["Cache-Control"]
    assert signed_in(client, sr_officer).get(url).status_code == 404


def test_it_offers_only_actions_whose_pages_exist_and_apply(room, monkeypatch):
    from sahakar.evidence.web import exhibits as pages

    exhibit = take_in(room)
    built = {"evidence:exhibit_move", "evidence:exhibit_receive"}

    def fake_url(name, pk, query=""):
        return f"/{name}/{pk}/?{query}" if name in built else None

    monkeypatch.setattr(pages, "_url", fake_url)
    holder = [label for label, _url in pages.action_links(exhibit, room.custodian)]
    assert "Transfer" in holder and "Confirm receipt" not in holder
    assert "Weigh" not in holder  # its page is not built
    assert pages.action_links(exhibit, room.lab_analyst) == []
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    exhibit.refresh_from_db()
    assert [label for label, _ in pages.action_links(exhibit, room.lab_analyst)] == [
        "Confirm receipt"
    ]
    assert "Transfer" not in [label for label, _ in pages.action_links(exhibit, room.custodian)]


def test_the_seizure_page_lists_its_exhibits_and_offers_sealing_to_custodians(
    client, room, pp_officer
):
    exhibit = take_in(room)
    url = exhibit.seizure.get_absolute_url()
    text = signed_in(client, room.custodian).get(url).content.decode()
    assert exhibit.reference in text
    assert reverse("evidence:exhibit_add", args=[exhibit.seizure.pk]) in text
    officer_text = signed_in(client, pp_officer).get(url).content.decode()
    assert exhibit.reference in officer_text
    assert "Seal an exhibit" not in officer_text  # not a custodian of any store


def test_no_exhibit_is_changed_by_reading_its_pages(client, room):
    exhibit = take_in(room)
    before = Exhibit.objects.values().get(pk=exhibit.pk)
    signed_in(client, room.custodian).get(detail(exhibit))
    assert Exhibit.objects.values().get(pk=exhibit.pk) == before
