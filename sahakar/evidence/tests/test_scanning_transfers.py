"""Transfers from a phone: one tap on the quick-transfer page, and a batch that moves a whole
seizure or a scanned list in one step, all or nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from sahakar.evidence import services
from sahakar.evidence.destinations import likely_destinations
from sahakar.evidence.models import CustodyEvent, Exhibit
from sahakar.evidence.tests.test_scanning import client_of, exhibit_pages  # noqa: F401
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

pytestmark = pytest.mark.django_db


def quick(exhibit: Exhibit) -> str:
    return reverse("evidence:quick_transfer", args=[exhibit.pk])


def buttons(page: str) -> dict[str, str]:
    """The destination buttons of a quick-transfer page: their value and their words."""
    found = re.findall(r'<button type="submit" name="to" value="([^"]+)"[^>]*>(.*?)</button>', page)
    return {value: re.sub(r"<[^>]+>", " ", words) for value, words in found}


def chain(exhibit: Exhibit) -> list[tuple[int, str]]:
    return list(exhibit.events.order_by("seq").values_list("seq", "kind"))


# ---------------------------------------------------------------- the likely destinations


def test_it_offers_the_other_shelves_the_lab_and_the_court(room: Any) -> None:
    exhibit = take_in(room)  # on shelf A1 of the Phnom Penh vault
    offered = [
        (d.kind, d.store.code, d.location and d.location.code) for d in likely_destinations(exhibit)
    ]
    assert offered == [
        ("transfer", "PP-VAULT", "SAFE"),
        ("lab_submission", "NACD-LAB", None),
        ("court_submission", "CFI-PP-REG", None),
    ]


def test_at_the_lab_it_offers_the_way_back(room: Any) -> None:
    exhibit = take_in(room)
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    services.receive(exhibit, acting_user=room.lab_analyst)
    exhibit.refresh_from_db()
    offered = [(d.kind, d.store.code) for d in likely_destinations(exhibit)]
    assert offered[0] == ("transfer", "PP-VAULT")
    assert ("court_submission", "CFI-PP-REG") in offered
    assert all(code != "NACD-LAB" for _kind, code in offered)


def test_at_court_the_way_back_is_a_return_from_court(room: Any) -> None:
    exhibit = take_in(room)
    services.move(exhibit, "court_submission", to_store=room.court, acting_user=room.custodian)
    services.receive(exhibit, acting_user=room.court_clerk)
    exhibit.refresh_from_db()
    assert (likely_destinations(exhibit)[0].kind, likely_destinations(exhibit)[0].store) == (
        "court_return",
        room.vault,
    )


# ---------------------------------------------------------------- one tap


def test_one_tap_moves_the_exhibit_to_another_shelf(room: Any) -> None:
    exhibit = take_in(room)
    client = client_of(room.custodian)
    page = client.get(quick(exhibit)).content.decode()
    key = f"transfer:{room.vault.pk}:{room.safe.pk}"
    assert key in buttons(page)
    response = client.post(quick(exhibit), {"to": key, "seen": "1"})
    assert response.status_code == 302 and response["Location"] == quick(exhibit)
    exhibit.refresh_from_db()
    assert (exhibit.status, exhibit.store, exhibit.location) == ("held", room.vault, room.safe)
    assert "moved to PP-VAULT/SAFE" in client.get(quick(exhibit)).content.decode()


def test_to_the_lab_it_is_handed_over_and_the_lab_confirms_in_one_tap(room: Any) -> None:
    exhibit = take_in(room)
    sent = client_of(room.custodian).post(
        quick(exhibit), {"to": f"lab_submission:{room.lab.pk}:", "seen": "1"}
    )
    assert sent.status_code == 302
    exhibit.refresh_from_db()
    assert (exhibit.status, exhibit.pending_store) == ("in_transit", room.lab)

    lab = client_of(room.lab_analyst)
    page = lab.get(quick(exhibit)).content.decode()
    assert 'name="receive"' in page and not buttons(page)
    assert lab.post(quick(exhibit), {"receive": "1", "seen": "2"}).status_code == 302
    exhibit.refresh_from_db()
    assert (exhibit.status, exhibit.store) == ("held", room.lab)
    assert [kind for _seq, kind in chain(exhibit)] == ["intake", "lab_submission", "received"]


def test_a_page_read_before_another_move_refuses_the_tap(room: Any) -> None:
    exhibit = take_in(room)
    client = client_of(room.custodian)
    services.move(
        exhibit, "transfer", to_store=room.vault, to_location=room.safe, acting_user=room.custodian
    )
    response = client.post(quick(exhibit), {"to": f"lab_submission:{room.lab.pk}:", "seen": "1"})
    assert response.status_code == 409
    assert "changed since this page was opened" in response.content.decode()
    assert len(chain(exhibit)) == 2


def test_a_destination_not_offered_is_refused(room: Any) -> None:
    exhibit = take_in(room)
    response = client_of(room.custodian).post(
        quick(exhibit), {"to": f"transfer:{room.property_room.pk}:", "seen": "1"}
    )
    assert response.status_code == 400
    assert "This destination is not offered" in response.content.decode()
    assert len(chain(exhibit)) == 1


def test_someone_who_does_not_hold_it_is_told_who_does(room: Any) -> None:
    exhibit = take_in(room)
    assert client_of(room.sr_custodian).get(quick(exhibit)).status_code == 404  # out of sight
    clerk = client_of(room.court_clerk).get(quick(exhibit)).content.decode()
    assert "Only a custodian of PP-VAULT" in clerk and not buttons(clerk)
    services.move(exhibit, "court_submission", to_store=room.court, acting_user=room.custodian)
    page = client_of(room.custodian).get(quick(exhibit)).content.decode()
    assert "is on its way to CFI-PP-REG" in page and not buttons(page)
    # The vault's custodian cannot receive at the court, whatever the form says.
    refused = client_of(room.custodian).post(quick(exhibit), {"receive": "1", "seen": "2"})
    assert refused.status_code == 400
    assert "was handed to CFI-PP-REG" in refused.content.decode()
    assert len(chain(exhibit)) == 2


# ---------------------------------------------------------------- a batch


def test_a_whole_seizure_goes_to_the_lab_in_one_step(room: Any) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    exhibits = [take_in(room, seizure) for _ in range(3)]
    client = client_of(room.custodian)
    page = client.get(reverse("evidence:batch_transfer")).content.decode()
    assert f'<option value="{seizure.pk}">' in page
    response = client.post(
        reverse("evidence:batch_transfer"),
        {"seizure": seizure.pk, "to_store": room.lab.pk, "carrier": "Officer on duty"},
    )
    assert response.status_code == 302
    for exhibit in exhibits:
        exhibit.refresh_from_db()
        assert (exhibit.status, exhibit.pending_store) == ("in_transit", room.lab)
    events = CustodyEvent.objects.filter(exhibit__in=exhibits, kind="lab_submission")
    assert events.count() == 3 and {e.carrier for e in events} == {"Officer on duty"}
    assert "3 exhibits moved to NACD-LAB" in client.get(response["Location"]).content.decode()


def test_a_scanned_list_moves_and_one_bad_exhibit_stops_them_all(room: Any) -> None:
    good = take_in(room)
    gone = take_in(room)
    services.move(gone, "court_submission", to_store=room.court, acting_user=room.custodian)
    scanned = "\n".join(
        [f"http://testserver/evidence/x/{good.reference}/?sz=SZ&d=METH&seal=S", gone.reference]
    )
    client = client_of(room.custodian)
    response = client.post(
        reverse("evidence:batch_transfer"), {"codes": scanned, "to_store": room.sr_vault.pk}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{gone.reference}: {gone.reference} is in transit to CFI-PP-REG" in page
    assert chain(good) == [(1, "intake")] and len(chain(gone)) == 2

    moved = client.post(
        reverse("evidence:batch_transfer"),
        {"codes": scanned.split("\n")[0], "to_store": room.sr_vault.pk},
    )
    assert moved.status_code == 302
    good.refresh_from_db()
    assert (good.status, good.pending_store) == ("in_transit", room.sr_vault)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a seizure or list the exhibits to move."),
        (
            {"codes": "EX-PP-1999-00001\nnot a code"},
            "No exhibit EX-PP-1999-00001, not a code among",
        ),
    ],
)
def test_a_batch_without_exhibits_is_refused(room: Any, data: dict[str, str], message: str) -> None:
    exhibit = take_in(room)
    response = client_of(room.custodian).post(
        reverse("evidence:batch_transfer"), {"to_store": room.lab.pk, **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert len(chain(exhibit)) == 1
