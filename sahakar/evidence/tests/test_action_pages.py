"""The pages that record custody events: each posts to the custody service; a refusal shows
the service's reason at the field it names (or above the form), and nothing is written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from sahakar.evidence import services
from sahakar.evidence.models import CustodyEvent, LabRequest
from sahakar.evidence.tests.custody_actors import (  # noqa: F401  # fixtures
    at_the_lab,
    clock,
    court_clerk,
    custodian,
    destroyed,
    events,
    exhibit_pages,
    fresh,
    lab_analyst,
    last_event,
    property_exhibit,
    sr_custodian,
)
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in


def url(name: str, exhibit: Any, kind: str = "") -> str:
    address = reverse(f"evidence:exhibit_{name}", args=[exhibit.pk])
    return f"{address}?kind={kind}" if kind else address


def refused(response: Any) -> dict[str, list[str]]:
    """The reasons a refused form shows, by field ("__all__": above the form)."""
    assert response.status_code == 400, response.status_code
    return {field: list(errors) for field, errors in response.context["form"].errors.items()}


# ---------------------------------------------------------------- moves


def test_it_moves_an_exhibit_to_another_shelf(room, signed_in):
    exhibit = take_in(room)
    page = signed_in("custodian")
    form = page.get(url("move", exhibit))
    assert form.status_code == 200
    assert "09:00" in form.content.decode()  # the time is now, in local time
    answer = page.post(
        url("move", exhibit, "transfer"),
        {
            "to_store": room.vault.pk,
            "to_location": room.safe.pk,
            "carrier": "Officer on duty",
            "reason": "Safe for high-value exhibits",
            "occurred_at": "2026-03-10T09:00",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == exhibit.get_absolute_url()
    exhibit = fresh(exhibit)
    assert (exhibit.status, exhibit.store, exhibit.location) == ("held", room.vault, room.safe)
    event = exhibit.events.get(seq=2)
    assert (event.kind, event.actor, event.carrier) == (
        "transfer",
        room.custodian,
        "Officer on duty",
    )


def test_it_offers_only_stores_of_the_right_kind_that_hold_drugs(room, signed_in):
    exhibit = take_in(room)
    page = signed_in("custodian")
    lab = page.get(url("move", exhibit, "lab_submission")).context["form"]
    assert list(lab.fields["to_store"].queryset) == [room.lab]
    assert "question" in lab.fields
    transfer = page.get(url("move", exhibit, "transfer")).context["form"]
    offered = set(transfer.fields["to_store"].queryset)
    assert room.property_room not in offered and room.sr_vault in offered
    assert "question" not in transfer.fields
    court = page.get(url("move", exhibit, "court_submission")).context["form"]
    assert list(court.fields["to_store"].queryset) == [room.court]
    assert page.get(url("move", exhibit, "burial")).status_code == 404


def test_it_hands_an_exhibit_to_the_lab_and_the_lab_confirms_receipt(room, signed_in):
    exhibit = take_in(room)
    sent = signed_in("custodian").post(
        url("move", exhibit, "lab_submission"),
        {
            "to_store": room.lab.pk,
            "occurred_at": "2026-03-10T09:00",
            "carrier": "Courier of the bureau",
            "question": "Identification and purity",
        },
    )
    assert sent.status_code == 302
    exhibit = fresh(exhibit)
    assert (exhibit.status, exhibit.store, exhibit.pending_store) == (
        "in_transit",
        room.vault,
        room.lab,
    )
    assert LabRequest.objects.get(exhibit=exhibit).question == "Identification and purity"
    lab = signed_in("lab_analyst")
    assert lab.get(url("receive", exhibit)).status_code == 200
    received = lab.post(url("receive", exhibit), {"occurred_at": "2026-03-10T09:00"})
    assert received.status_code == 302
    exhibit = fresh(exhibit)
    assert (exhibit.status, exhibit.store, exhibit.pending_store) == ("held", room.lab, None)
    assert last_event(exhibit).kind == "received"


def test_it_sends_an_exhibit_to_court_and_back(room, signed_in):
    exhibit = take_in(room)
    signed_in("custodian").post(
        url("move", exhibit, "court_submission"),
        {"to_store": room.court.pk, "occurred_at": "2026-03-10T09:00"},
    )
    clerk = signed_in("court_clerk")
    clerk.post(url("receive", exhibit), {"occurred_at": "2026-03-10T09:00"})
    form = clerk.get(url("move", exhibit, "court_return")).context["form"]
    assert room.court not in set(form.fields["to_store"].queryset)
    back = clerk.post(
        url("move", exhibit, "court_return"),
        {
            "to_store": room.vault.pk,
            "to_location": room.shelf.pk,
            "occurred_at": "2026-03-10T09:00",
        },
    )
    assert back.status_code == 302
    assert fresh(exhibit).pending_store == room.vault


def test_it_refuses_a_move_by_someone_who_does_not_hold_the_exhibit(room, signed_in):
    exhibit = take_in(room)
    before = events()
    answer = signed_in("lab_analyst").post(
        url("move", exhibit, "transfer"),
        {"to_store": room.sr_vault.pk, "occurred_at": "2026-03-10T09:00"},
    )
    assert refused(answer) == {
        "__all__": [f"Only a custodian of {room.vault}, where {exhibit} is held, can do this."]
    }
    assert "Only a custodian of" in answer.content.decode()  # shown above the form
    assert events() == before and fresh(exhibit).store == room.vault


def test_an_exhibit_out_of_sight_is_not_found(room, signed_in):
    exhibit = take_in(room)
    page = signed_in("sr_custodian")
    assert page.get(url("move", exhibit)).status_code == 404
    assert page.post(url("weigh", exhibit), {}).status_code == 404


def test_it_refuses_to_move_a_destroyed_or_released_exhibit(room, signed_in):
    drugs = destroyed(room, take_in(room))
    phone = property_exhibit(room)
    page = signed_in("custodian")
    page.post(
        url("release", phone),
        {
            "released_to": "The owner",
            "order_reference": "PPO 12/2026",
            "occurred_at": "2026-03-10T09:00",
        },
    )
    before = events()
    for exhibit, state in ((drugs, "destroyed"), (phone, "released to owner")):
        answer = page.post(
            url("move", exhibit, "transfer"),
            {"to_store": room.sr_vault.pk, "occurred_at": "2026-03-10T09:00"},
        )
        assert refused(answer) == {
            "__all__": [f"{exhibit} is {state}: nothing more can happen to it."]
        }
    assert events() == before


def test_it_refuses_drugs_sent_to_a_store_without_drugs_at_the_store(room, signed_in):
    exhibit = take_in(room)
    before = events()
    answer = signed_in("custodian").post(
        url("move", exhibit, "transfer"),
        {"to_store": room.property_room.pk, "occurred_at": "2026-03-10T09:00"},
    )
    assert "to_store" in refused(answer)  # not offered at all
    assert events() == before


def test_it_refuses_a_location_of_another_store_at_the_location(room, signed_in):
    exhibit = take_in(room)
    from sahakar.testing.evidence import make_location

    lab_shelf = make_location(room.lab, "L1")
    answer = signed_in("custodian").post(
        url("move", exhibit, "transfer"),
        {
            "to_store": room.sr_vault.pk,
            "to_location": lab_shelf.pk,
            "occurred_at": "2026-03-10T09:00",
        },
    )
    assert refused(answer) == {"to_location": [f"This location is not in {room.sr_vault}."]}


def test_it_refuses_a_time_in_the_future_at_the_time(room, signed_in):
    exhibit = take_in(room)
    answer = signed_in("custodian").post(
        url("move", exhibit, "transfer"),
        {"to_store": room.vault.pk, "to_location": room.safe.pk, "occurred_at": "2026-03-11T09:00"},
    )
    assert refused(answer) == {"occurred_at": ["This time is in the future."]}


# ---------------------------------------------------------------- receipt


def test_it_refuses_a_receipt_by_a_store_the_exhibit_was_not_handed_to(room, signed_in):
    exhibit = take_in(room)
    page = signed_in("custodian")
    page.post(
        url("move", exhibit, "lab_submission"),
        {"to_store": room.lab.pk, "occurred_at": "2026-03-10T09:00"},
    )
    before = events()
    answer = signed_in("court_clerk").post(
        url("receive", exhibit), {"occurred_at": "2026-03-10T09:00"}
    )
    assert refused(answer) == {"__all__": [f"{exhibit} was handed to {room.lab}, not to you."]}
    assert events() == before and fresh(exhibit).status == "in_transit"


def test_it_refuses_a_receipt_of_an_exhibit_handed_to_no_one(room, signed_in):
    exhibit = take_in(room)
    before = events()
    answer = signed_in("custodian").post(
        url("receive", exhibit), {"occurred_at": "2026-03-10T09:00"}
    )
    assert refused(answer) == {"__all__": [f"{exhibit} was not handed over to anyone."]}
    assert events() == before


# ---------------------------------------------------------------- laboratory


def lab_result(**fields: Any) -> dict[str, Any]:
    return {
        "substance_confirmed": "yes",
        "lab_reference": "NL-2026-0042",
        "occurred_at": "2026-03-10T09:00",
        **fields,
    }


def test_it_records_the_laboratory_result(room, signed_in):
    exhibit = at_the_lab(room, take_in(room))
    page = signed_in("lab_analyst")
    assert page.get(url("lab_result", exhibit)).status_code == 200
    answer = page.post(
        url("lab_result", exhibit),
        lab_result(
            identified_substance=exhibit.substance_id,
            purity_percent="24.5",
            net_quantity="1990",
            net_unit="tablets",
            sample_retained="on",
            sample_quantity="20",
            note="Tablets marked WY",
        ),
    )
    assert answer.status_code == 302
    event = last_event(exhibit)
    assert (event.kind, event.substance_confirmed, event.purity_percent) == (
        "lab_result",
        True,
        Decimal("24.5"),
    )
    assert (event.net_quantity, event.sample_quantity, event.lab_reference) == (
        Decimal("1990"),
        Decimal("20"),
        "NL-2026-0042",
    )
    assert LabRequest.objects.get(exhibit=exhibit).result == event


def test_it_refuses_a_lab_result_without_a_submission(room, signed_in):
    exhibit = take_in(room)
    before = events()
    answer = signed_in("custodian").post(url("lab_result", exhibit), lab_result())
    assert refused(answer) == {
        "__all__": [f"{exhibit} was not submitted to this laboratory for analysis."]
    }
    assert events() == before


def test_it_refuses_a_purity_beyond_a_hundred_at_the_purity(room, signed_in):
    exhibit = at_the_lab(room, take_in(room))
    before = events()
    answer = signed_in("lab_analyst").post(
        url("lab_result", exhibit), lab_result(purity_percent="120")
    )
    assert refused(answer) == {"purity_percent": ["Purity is a percentage from 0 to 100."]}
    assert events() == before


# ---------------------------------------------------------------- weights and seals


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"net_quantity": "0", "net_unit": "tablets"}, "net_quantity"),
        ({"net_quantity": "-5", "net_unit": "tablets"}, "net_quantity"),
        ({"net_quantity": "2000", "net_unit": "tablets", "gross_weight_g": "-1"}, "gross_weight_g"),
    ],
)
def test_it_refuses_a_weight_of_zero_or_less_at_the_weight(room, signed_in, fields, field):
    exhibit = take_in(room)
    before = events()
    answer = signed_in("custodian").post(
        url("weigh", exhibit), {"occurred_at": "2026-03-10T09:00", **fields}
    )
    assert list(refused(answer)) == [field]
    assert "must be more than zero" in refused(answer)[field][0]
    assert events() == before


def test_it_refuses_a_weight_in_a_unit_that_does_not_fit_the_form(room, signed_in):
    exhibit = take_in(room)  # tablets
    page = signed_in("custodian")
    offered = [
        v
        for v, _ in page.get(url("weigh", exhibit)).context["form"]["net_unit"].field.widget.choices
    ]
    assert "ml" not in offered and "tablets" in offered
    before = events()
    answer = page.post(
        url("weigh", exhibit),
        {"net_quantity": "5", "net_unit": "ml", "occurred_at": "2026-03-10T09:00"},
    )
    assert refused(answer) == {"net_unit": ["millilitres is not a unit for tablet."]}
    assert events() == before


def test_it_records_a_weighing(room, signed_in):
    exhibit = take_in(room, quantity="100", unit="g")
    answer = signed_in("custodian").post(
        url("weigh", exhibit),
        {
            "net_quantity": "99.9",
            "net_unit": "g",
            "gross_weight_g": "120",
            "occurred_at": "2026-03-10T09:00",
        },
    )
    assert answer.status_code == 302
    event = last_event(exhibit)
    assert (event.kind, event.net_quantity, event.net_unit, event.gross_weight_g) == (
        "weighed",
        Decimal("99.9"),
        "g",
        Decimal("120"),
    )


def test_it_reseals_an_exhibit(room, signed_in):
    exhibit = take_in(room, seal="S-OLD")
    answer = signed_in("custodian").post(
        url("reseal", exhibit),
        {
            "new_seal_number": "S-NEW",
            "reason": "Sample taken for the court",
            "occurred_at": "2026-03-10T09:00",
        },
    )
    assert answer.status_code == 302
    exhibit = fresh(exhibit)
    assert exhibit.seal_number == "S-NEW"
    event = last_event(exhibit)
    assert (event.kind, event.previous_seal_number, event.seal_number) == (
        "resealed",
        "S-OLD",
        "S-NEW",
    )


def test_it_refuses_a_seal_number_open_on_another_exhibit(room, signed_in):
    other = take_in(room, seal="S-TAKEN")
    exhibit = take_in(room, seal="S-MINE")
    before = events()
    answer = signed_in("custodian").post(
        url("reseal", exhibit),
        {"new_seal_number": "S-TAKEN", "reason": "Torn bag", "occurred_at": "2026-03-10T09:00"},
    )
    assert refused(answer) == {"new_seal_number": [f"Seal S-TAKEN is already on exhibit {other}."]}
    assert events() == before and fresh(exhibit).seal_number == "S-MINE"


# ---------------------------------------------------------------- release and correction


def test_it_releases_property_to_its_owner_but_never_drugs(room, signed_in):
    phone = property_exhibit(room)
    page = signed_in("custodian")
    answer = page.post(
        url("release", phone),
        {
            "released_to": "The owner, ID 0123",
            "order_reference": "PPO 12/2026",
            "occurred_at": "2026-03-10T09:00",
        },
    )
    assert answer.status_code == 302
    assert (fresh(phone).status, fresh(phone).store) == ("released", None)
    drugs = take_in(room)
    before = events()
    refusal = page.post(
        url("release", drugs),
        {
            "released_to": "Someone",
            "order_reference": "PPO 13/2026",
            "occurred_at": "2026-03-10T09:00",
        },
    )
    assert refused(refusal) == {"__all__": ["Drugs are never released to an owner."]}
    assert events() == before


def test_it_corrects_an_earlier_event_without_changing_it(room, signed_in):
    exhibit = take_in(room)
    intake = exhibit.events.get()
    page = signed_in("custodian")
    assert page.get(url("correct", exhibit)).status_code == 200
    empty = page.post(
        url("correct", exhibit),
        {"corrects": intake.pk, "note": " ", "occurred_at": "2026-03-10T09:00"},
    )
    assert "note" in refused(empty)
    answer = page.post(
        url("correct", exhibit),
        {
            "corrects": intake.pk,
            "note": "The shelf was A2, not A1",
            "occurred_at": "2026-03-10T09:00",
        },
    )
    assert answer.status_code == 302
    correction = last_event(exhibit)
    assert (correction.kind, correction.corrects, correction.reason) == (
        "correction",
        intake,
        "The shelf was A2, not A1",
    )
    assert CustodyEvent.objects.get(pk=intake.pk).reason == ""


def test_a_time_left_at_the_current_minute_means_now(room, signed_in, clock):  # noqa: F811
    """Intake at 09:00:30; the form, opened at 09:00:40, shows 09:00: sent unchanged, the
    move is recorded at the moment it is sent, not refused as earlier than the intake."""
    clock.shift(30)
    exhibit = take_in(room)
    clock.shift(10)
    page = signed_in("custodian")
    shown = page.get(url("move", exhibit)).context["form"]["occurred_at"].value()
    answer = page.post(
        url("move", exhibit),
        {"to_store": room.vault.pk, "to_location": room.safe.pk, "occurred_at": "2026-03-10T09:00"},
    )
    assert answer.status_code == 302
    assert f"{shown:%H:%M}" == "09:00"
    assert f"{last_event(exhibit).occurred_at:%H:%M:%S}" == "02:00:40"  # UTC


def test_a_custodian_receives_an_exhibit_from_another_province(room, signed_in):
    """The laboratory's custodian works in Phnom Penh; an exhibit of Siem Reap handed to
    their store is theirs to find and receive."""
    seizure = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    exhibit = services.create_exhibit(
        seizure,
        items=[f.make_item(seizure)],
        seal_number="SR-1",
        description="Tablets",
        store=room.sr_vault,
        net_quantity=Decimal("2000"),
        net_unit="tablets",
        acting_user=room.sr_custodian,
    )
    lab = signed_in("lab_analyst")
    assert lab.get(url("receive", exhibit)).status_code == 404  # not theirs yet
    sent = signed_in("sr_custodian").post(
        url("move", exhibit, "lab_submission"),
        {"to_store": room.lab.pk, "occurred_at": "2026-03-10T09:00"},
    )
    assert sent.status_code == 302
    received = lab.post(url("receive", exhibit), {"occurred_at": "2026-03-10T09:00"})
    assert received.status_code == 302
    assert (fresh(exhibit).store, fresh(exhibit).status) == (room.lab, "held")


def test_a_sample_taken_without_a_measured_quantity_keeps_its_unit(room, signed_in):
    """services.record_lab_result kept the unit only with a measured net quantity, so a
    sample recorded alone lost its unit (and was not counted out of later weighings)."""
    exhibit = at_the_lab(room, take_in(room))
    answer = signed_in("lab_analyst").post(
        url("lab_result", exhibit),
        lab_result(net_unit="tablets", sample_retained="on", sample_quantity="20"),
    )
    assert answer.status_code == 302
    event = last_event(exhibit)
    assert (event.net_quantity, event.sample_quantity, event.net_unit) == (
        None,
        Decimal("20"),
        "tablets",
    )
