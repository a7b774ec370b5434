"""One witnessed destruction of many approved exhibits: all of them, or none, and a refusal
names the exhibit or the witness at fault."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sahakar.evidence import services
from sahakar.evidence.destruction import destroy_batch
from sahakar.evidence.models import DestructionBatch, DestructionWitness, WeightDiscrepancy
from sahakar.evidence.tests.disposal_setup import (
    approve,
    at_site,
    destruction_values,
    eligible_exhibit,
    ready_to_destroy,
)
from sahakar.testing import factories as f


def _nothing_destroyed(*exhibits):
    assert not DestructionBatch.objects.exists()
    assert not DestructionWitness.objects.exists()
    for exhibit in exhibits:
        exhibit.refresh_from_db()
        assert exhibit.status == "held"
        assert not exhibit.events.filter(kind="destroyed").exists()


def _refusal(field, **values):
    with pytest.raises(ValidationError) as refused:
        destroy_batch(**values)
    return " ".join(refused.value.message_dict[field])


def test_it_destroys_a_batch_with_its_witnesses_weights_and_orders(room, pp_prosecutor):
    first = ready_to_destroy(room, pp_prosecutor)
    second = ready_to_destroy(room, pp_prosecutor, quantity="500", unit="g")
    batch = destroy_batch(
        **destruction_values(room, [first, second], weights={second.pk: (Decimal("499.5"), "g")})
    )
    assert batch.reference.startswith("DS-PP-")
    assert [w.agency.code for w in batch.witnesses.all()] == ["PPO-PP", "MOH"]
    for exhibit in (first, second):
        exhibit.refresh_from_db()
        assert (exhibit.status, exhibit.store) == ("destroyed", None)
        event = exhibit.events.get(kind="destroyed")
        assert (event.destruction, event.from_store) == (batch, room.site)
        assert event.order_reference == f"PPO-PP/ORD/{exhibit.pk}"
        assert services.state_matches_events(exhibit)
    weighed = second.events.get(kind="destroyed")
    assert (weighed.net_quantity, weighed.net_unit) == (Decimal("499.500"), "g")
    assert first.events.get(kind="destroyed").net_quantity is None


def test_a_weight_at_destruction_beyond_the_tolerance_opens_a_discrepancy(room, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor, quantity="500", unit="g")
    destroy_batch(**destruction_values(room, [exhibit], weights={exhibit.pk: (Decimal(400), "g")}))
    assert WeightDiscrepancy.objects.filter(exhibit=exhibit, status="open").count() == 1


def test_it_refuses_a_single_witness(room, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    one = destruction_values(room, [exhibit])["witnesses"][:1]
    message = _refusal("witnesses", **destruction_values(room, [exhibit], witnesses=one))
    assert "At least two witnesses" in message and "1 given" in message
    _nothing_destroyed(exhibit)


def test_it_refuses_a_witness_from_the_seizing_unit(room, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    witnesses = [
        *destruction_values(room, [exhibit])["witnesses"],
        {"name": "Officer Three", "position": "Bureau chief", "agency": f.agency("ADB-PP")},
    ]
    message = _refusal("witnesses", **destruction_values(room, [exhibit], witnesses=witnesses))
    assert message.startswith("Officer Three is from")
    assert exhibit.reference in message
    _nothing_destroyed(exhibit)


def test_it_refuses_a_witness_from_the_store_the_exhibit_came_from(room, pp_prosecutor):
    """Seized by the Phnom Penh bureau, held by the court registry before the site: a court
    witness is not independent of it."""
    exhibit = eligible_exhibit(room)
    approve(exhibit, pp_prosecutor)
    services.move(exhibit, "court_submission", to_store=room.court, acting_user=room.custodian)
    services.receive(exhibit, acting_user=room.court_clerk)
    services.move(exhibit, "transfer", to_store=room.site, acting_user=room.court_clerk)
    services.receive(exhibit, acting_user=room.site_keeper)
    witnesses = [
        {"name": "Clerk Four", "position": "Registrar", "agency": f.agency("CFI-PP")},
        {"name": "Witness Two", "position": "Health inspector", "agency": f.agency("MOH")},
    ]
    message = _refusal("witnesses", **destruction_values(room, [exhibit], witnesses=witnesses))
    assert message.startswith("Clerk Four is from")
    _nothing_destroyed(exhibit)


def test_it_refuses_an_exhibit_not_approved_and_names_it(room, pp_prosecutor):
    approved = ready_to_destroy(room, pp_prosecutor)
    unapproved = at_site(room, eligible_exhibit(room))
    message = _refusal("exhibits", **destruction_values(room, [approved, unapproved]))
    assert message == f"{unapproved.reference}: its disposal is not approved."
    _nothing_destroyed(approved, unapproved)


def test_one_exhibit_not_at_the_site_stops_the_whole_batch(room, pp_prosecutor):
    ready = [ready_to_destroy(room, pp_prosecutor) for _ in range(3)]
    still_in_vault = eligible_exhibit(room)
    approve(still_in_vault, pp_prosecutor, order="ORD-V")
    message = _refusal("exhibits", **destruction_values(room, [*ready, still_in_vault]))
    assert message.startswith(f"{still_in_vault.reference}: it is held at {room.vault}")
    _nothing_destroyed(*ready, still_in_vault)


def test_it_refuses_an_exhibit_still_in_transit_to_the_site(room, pp_prosecutor):
    exhibit = eligible_exhibit(room)
    approve(exhibit, pp_prosecutor)
    services.move(exhibit, "transfer", to_store=room.site, acting_user=room.custodian)
    message = _refusal("exhibits", **destruction_values(room, [exhibit]))
    assert (
        message
        == f"{exhibit.reference}: it is in transit to {room.site} and must be received first."
    )


def test_an_exhibit_is_destroyed_once(room, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    destroy_batch(**destruction_values(room, [exhibit]))
    message = _refusal("exhibits", **destruction_values(room, [exhibit]))
    assert message == f"{exhibit.reference}: it is destroyed already."
    assert DestructionBatch.objects.count() == 1


def test_only_the_sites_custodian_records_the_destruction(room, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    message = _refusal("site", **destruction_values(room, [exhibit], acting_user=room.custodian))
    assert message.startswith("Only a custodian of")
    assert "not a destruction site" in _refusal(
        "site", **destruction_values(room, [exhibit], site=room.vault, acting_user=room.custodian)
    )
    _nothing_destroyed(exhibit)


def test_it_refuses_a_wrong_weight_and_names_the_exhibit(room, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)  # tablets
    for weight, expected in [
        ((Decimal(0), "tablets"), "must be more than zero"),
        ((Decimal(10), "ml"), "is not a unit for"),
    ]:
        message = " ".join(
            m
            for ms in _refusal_dict(
                destruction_values(room, [exhibit], weights={exhibit.pk: weight})
            ).values()
            for m in ms
        )
        assert exhibit.reference in message and expected in message
    _nothing_destroyed(exhibit)


def _refusal_dict(values):
    with pytest.raises(ValidationError) as refused:
        destroy_batch(**values)
    return refused.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [("place", " "), ("method", ""), ("order_references", ""), ("committee_members", "")],
)
def test_it_refuses_a_record_missing_its_facts(room, pp_prosecutor, field, value):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    assert _refusal(field, **destruction_values(room, [exhibit], **{field: value}))
    _nothing_destroyed(exhibit)


def test_it_refuses_an_empty_batch(room):
    assert _refusal("exhibits", **destruction_values(room, []))


def test_it_refuses_the_same_witness_twice(room, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    twice = [destruction_values(room, [exhibit])["witnesses"][0]] * 2
    assert "listed twice" in _refusal(
        "witnesses", **destruction_values(room, [exhibit], witnesses=twice)
    )
