"""`/api/v1/custody-events/`: create-only, one body per kind, each recorded by the custody
service; every refusal a 400 naming the field, nothing recorded; a batch all or nothing."""

from __future__ import annotations

from typing import Any

import pytest

from sahakar.evidence.models import CustodyEvent, Exhibit
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
from sahakar.testing.evidence import take_in

EVENTS = "/api/v1/custody-events/"
BATCH = "/api/v1/custody-events/batch/"


def refusal(answer: Any) -> dict[str, Any]:
    assert answer.status_code == 400, (answer.status_code, answer.content)
    assert answer["Content-Type"].startswith("application/json")
    body: dict[str, Any] = answer.json()
    return body


def post(api: Any, body: dict[str, Any], to: str = EVENTS) -> Any:
    return api.post(to, body, format="json")


# ---------------------------------------------------------------- reading


def test_it_lists_the_events_filtered_by_exhibit_kind_and_store(room, api_as):
    first, second = take_in(room), take_in(room)
    at_the_lab(room, first)
    api = api_as("custodian")
    listing = api.get(EVENTS, {"exhibit": first.pk})
    assert [e["kind"] for e in listing.json()["results"]] == [
        "intake",
        "lab_submission",
        "received",
    ]
    intakes = api.get(EVENTS, {"kind": "intake"}).json()["results"]
    assert {e["exhibit"] for e in intakes} == {first.pk, second.pk}
    at_lab = api.get(EVENTS, {"store": room.lab.pk}).json()["results"]
    assert [e["kind"] for e in at_lab] == ["lab_submission", "received"]
    one = api.get(f"{EVENTS}{at_lab[0]['id']}/").json()
    assert (one["exhibit_reference"], one["seq"], one["actor"]) == (
        first.reference,
        2,
        "pp_custodian",
    )
    assert api.get(EVENTS, {"kind": "burial"}).status_code == 400


def test_it_shows_no_event_of_an_exhibit_out_of_sight(room, api_as):
    exhibit = take_in(room)
    api = api_as("sr_custodian")
    assert api.get(EVENTS, {"exhibit": exhibit.pk}).json()["results"] == []
    assert api.get(f"{EVENTS}{exhibit.events.get().pk}/").status_code == 404


def test_events_are_never_changed_or_deleted(room, api_as):
    event = take_in(room).events.get()
    api = api_as("custodian")
    for method in ("put", "patch", "delete"):
        answer = getattr(api, method)(f"{EVENTS}{event.pk}/", {"reason": "x"}, format="json")
        assert answer.status_code == 405, method
        assert "detail" in answer.json()
    assert CustodyEvent.objects.get(pk=event.pk).reason == ""


# ---------------------------------------------------------------- recording


def test_the_two_step_hand_over_names_both_sides(room, api_as):
    exhibit = take_in(room)
    sent = post(
        api_as("custodian"),
        {
            "kind": "lab_submission",
            "exhibit": exhibit.pk,
            "to_store": room.lab.pk,
            "carrier": "Courier of the bureau",
            "question": "Identification and purity",
        },
    )
    assert sent.status_code == 201, sent.json()
    handover = sent.json()
    assert handover["from_store"]["code"] == "PP-VAULT"
    assert handover["from_store"]["agency"] == "ADB-PP"
    assert (handover["to_store"]["code"], handover["to_store"]["agency"]) == ("NACD-LAB", "NACD")
    assert (handover["awaits_receipt"], handover["in_transit"]) == (True, True)
    assert handover["completed_by"] is None
    assert fresh(exhibit).status == "in_transit"

    received = post(api_as("lab_analyst"), {"kind": "received", "exhibit": exhibit.pk})
    assert received.status_code == 201, received.json()
    assert received.json()["completes"] == handover["id"]
    again = api_as("custodian").get(f"{EVENTS}{handover['id']}/").json()
    assert (again["in_transit"], again["completed_by"]) == (False, received.json()["id"])
    assert (fresh(exhibit).status, fresh(exhibit).store) == ("held", room.lab)


def test_it_records_each_kind_through_the_service(room, api_as):
    exhibit = at_the_lab(room, take_in(room, seal="S-1"))
    lab = api_as("lab_analyst")
    result = post(
        lab,
        {
            "kind": "lab_result",
            "exhibit": exhibit.pk,
            "substance_confirmed": True,
            "identified_substance": "METH",
            "purity_percent": "24.50",
            "net_quantity": "1990",
            "net_unit": "tablets",
            "sample_retained": True,
            "sample_quantity": "20",
            "lab_reference": "NL-2026-0042",
        },
    )
    assert result.status_code == 201, result.json()
    assert (result.json()["purity_percent"], result.json()["identified_substance"]) == (
        "24.50",
        "METH",
    )
    resealed = post(
        lab,
        {"kind": "resealed", "exhibit": exhibit.pk, "new_seal_number": "S-2", "reason": "Sampled"},
    )
    assert resealed.status_code == 201, resealed.json()
    weighed = post(
        lab,
        {"kind": "weighed", "exhibit": exhibit.pk, "net_quantity": "1970", "net_unit": "tablets"},
    )
    assert weighed.status_code == 201, weighed.json()
    corrected = post(
        lab,
        {
            "kind": "correction",
            "exhibit": exhibit.pk,
            "corrects": result.json()["id"],
            "note": "Purity read from the second run",
        },
    )
    assert corrected.status_code == 201, corrected.json()
    assert corrected.json()["corrects"] == result.json()["id"]
    back = post(
        lab,
        {
            "kind": "transfer",
            "exhibit": exhibit.pk,
            "to_store": room.vault.pk,
            "to_location": room.shelf.pk,
        },
    )
    assert back.status_code == 201, back.json()
    assert [e.kind for e in fresh(exhibit).events.order_by("seq")][-5:] == [
        "lab_result",
        "resealed",
        "weighed",
        "correction",
        "transfer",
    ]
    phone = property_exhibit(room)
    released = post(
        api_as("custodian"),
        {"kind": "released", "exhibit": phone.pk, "released_to": "Owner", "order_reference": "O-1"},
    )
    assert released.status_code == 201, released.json()
    assert fresh(phone).status == "released"


# ---------------------------------------------------------------- bad input


def test_it_refuses_a_move_by_someone_who_does_not_hold_the_exhibit(room, api_as):
    exhibit = take_in(room)
    before = events()
    answer = post(
        api_as("lab_analyst"),
        {"kind": "transfer", "exhibit": exhibit.pk, "to_store": room.sr_vault.pk},
    )
    assert refusal(answer) == {
        "exhibit": [f"Only a custodian of {room.vault}, where {exhibit} is held, can do this."]
    }
    assert events() == before


def test_it_refuses_to_move_a_destroyed_or_released_exhibit(room, api_as):
    drugs = destroyed(room, take_in(room))
    phone = property_exhibit(room)
    api = api_as("custodian")
    post(
        api,
        {"kind": "released", "exhibit": phone.pk, "released_to": "Owner", "order_reference": "O-1"},
    )
    before = events()
    for exhibit, state in ((drugs, "destroyed"), (fresh(phone), "released to owner")):
        answer = post(
            api, {"kind": "transfer", "exhibit": exhibit.pk, "to_store": room.sr_vault.pk}
        )
        assert refusal(answer) == {
            "exhibit": [f"{exhibit} is {state}: nothing more can happen to it."]
        }
    assert events() == before


def test_it_refuses_a_lab_result_without_a_submission(room, api_as):
    exhibit = take_in(room)
    before = events()
    answer = post(
        api_as("custodian"),
        {
            "kind": "lab_result",
            "exhibit": exhibit.pk,
            "substance_confirmed": True,
            "lab_reference": "L-1",
        },
    )
    assert refusal(answer) == {
        "exhibit": [f"{exhibit} was not submitted to this laboratory for analysis."]
    }
    assert events() == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"net_quantity": "0"}, "net_quantity"),
        ({"net_quantity": "-2"}, "net_quantity"),
        ({"net_quantity": "10", "gross_weight_g": "0"}, "gross_weight_g"),
    ],
)
def test_it_refuses_a_weight_of_zero_or_less(room, api_as, fields, field):
    exhibit = take_in(room)
    before = events()
    answer = post(
        api_as("custodian"),
        {"kind": "weighed", "exhibit": exhibit.pk, "net_unit": "tablets", **fields},
    )
    assert list(refusal(answer)) == [field]
    assert "must be more than zero" in refusal(answer)[field][0]
    assert events() == before


def test_it_refuses_a_weight_in_a_unit_that_does_not_fit_the_form(room, api_as):
    exhibit = take_in(room)
    before = events()
    answer = post(
        api_as("custodian"),
        {"kind": "weighed", "exhibit": exhibit.pk, "net_quantity": "5", "net_unit": "ml"},
    )
    assert refusal(answer) == {"net_unit": ["millilitres is not a unit for tablet."]}
    assert events() == before


def test_it_refuses_a_seal_number_open_on_another_exhibit(room, api_as):
    other = take_in(room, seal="S-TAKEN")
    exhibit = take_in(room)
    before = events()
    answer = post(
        api_as("custodian"),
        {"kind": "resealed", "exhibit": exhibit.pk, "new_seal_number": "S-TAKEN", "reason": "Torn"},
    )
    assert refusal(answer) == {"new_seal_number": [f"Seal S-TAKEN is already on exhibit {other}."]}
    assert events() == before


def test_it_refuses_receiving_an_exhibit_not_handed_to_you(room, api_as):
    exhibit = take_in(room)
    post(
        api_as("custodian"),
        {"kind": "lab_submission", "exhibit": exhibit.pk, "to_store": room.lab.pk},
    )
    before = events()
    answer = post(api_as("court_clerk"), {"kind": "received", "exhibit": exhibit.pk})
    assert refusal(answer) == {"exhibit": [f"{exhibit} was handed to {room.lab}, not to you."]}
    assert events() == before and fresh(exhibit).status == "in_transit"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "burial"}, "kind"),
        ({"kind": "intake"}, "kind"),
        ({"kind": "destroyed"}, "kind"),
        ({"kind": "transfer"}, "exhibit"),
        ({"kind": "transfer", "exhibit": 999999, "to_store": 1}, "exhibit"),
        ({"kind": "correction", "corrects": "x"}, "corrects"),
        ({"kind": "lab_result", "purity_percent": "a lot"}, "purity_percent"),
    ],
)
def test_it_names_the_field_of_a_body_it_cannot_read(room, api_as, body, field):
    take_in(room)
    before = events()
    answer = post(api_as("custodian"), body)
    assert field in refusal(answer)
    assert events() == before


def test_it_refuses_a_correction_without_a_note_under_the_note(room, api_as):
    exhibit = take_in(room)
    answer = post(
        api_as("custodian"),
        {
            "kind": "correction",
            "exhibit": exhibit.pk,
            "corrects": exhibit.events.get().pk,
            "note": " ",
        },
    )
    assert list(refusal(answer)) == ["note"]


def test_a_role_that_may_not_record_events_is_forbidden(room, api_as, pp_prosecutor):
    exhibit = take_in(room)
    answer = post(api_as("pp_prosecutor"), {"kind": "transfer", "exhibit": exhibit.pk})
    assert answer.status_code == 403
    assert (
        post(
            api_as("pp_prosecutor"), {"kind": "transfer", "exhibits": [exhibit.pk]}, BATCH
        ).status_code
        == 403
    )


# ---------------------------------------------------------------- batch


def test_a_batch_moves_every_exhibit_in_one_step(room, api_as):
    exhibits = [take_in(room) for _ in range(3)]
    answer = post(
        api_as("custodian"),
        {
            "kind": "lab_submission",
            "exhibits": [e.pk for e in exhibits],
            "to_store": room.lab.pk,
            "carrier": "Courier",
            "reason": "Whole seizure for analysis",
        },
        BATCH,
    )
    assert answer.status_code == 201, answer.json()
    assert sorted(e["exhibit"] for e in answer.json()) == sorted(e.pk for e in exhibits)
    assert all(e["in_transit"] for e in answer.json())
    assert set(
        Exhibit.objects.filter(pk__in=[e.pk for e in exhibits]).values_list("status", flat=True)
    ) == {"in_transit"}


def test_a_batch_with_one_invalid_exhibit_moves_nothing_and_names_it(room, api_as):
    good = [take_in(room) for _ in range(2)]
    bad = take_in(room)
    api = api_as("custodian")
    post(api, {"kind": "court_submission", "exhibit": bad.pk, "to_store": room.court.pk})
    bad = fresh(bad)
    before = events()
    answer = post(
        api,
        {
            "kind": "lab_submission",
            "exhibits": [good[0].pk, bad.pk, good[1].pk],
            "to_store": room.lab.pk,
        },
        BATCH,
    )
    assert refusal(answer) == {
        "exhibits": [
            f"{bad.reference}: {bad} is in transit to {room.court}: it must be received first."
        ]
    }
    assert events() == before
    assert {fresh(e).status for e in good} == {"held"}


def test_a_batch_names_an_exhibit_it_cannot_find(room, api_as):
    good = take_in(room)
    before = events()
    answer = post(
        api_as("custodian"),
        {"kind": "transfer", "exhibits": [good.pk, 987654], "to_store": room.sr_vault.pk},
        BATCH,
    )
    assert refusal(answer) == {"exhibits": ["No exhibit with id 987654 among those you may see."]}
    assert events() == before


def test_a_batch_refuses_drugs_for_a_store_without_drugs_naming_the_exhibit(room, api_as):
    exhibit = take_in(room)
    answer = post(
        api_as("custodian"),
        {"kind": "transfer", "exhibits": [exhibit.pk], "to_store": room.property_room.pk},
        BATCH,
    )
    (message,) = refusal(answer)["exhibits"]
    assert message.startswith(f"{exhibit.reference}: ") and "not a store for drugs" in message


def test_the_owner_of_released_property_is_shown_only_to_roles_that_see_persons(
    room, api_as, pp_prosecutor
):
    phone = property_exhibit(room)
    released = post(
        api_as("custodian"),
        {"kind": "released", "exhibit": phone.pk, "released_to": "Owner A", "order_reference": "O"},
    )
    assert released.status_code == 201
    assert released.json()["released_to"] is None  # custodians do not see personal data
    read = api_as("pp_prosecutor").get(f"{EVENTS}{released.json()['id']}/")
    assert read.json()["released_to"] == "Owner A"
