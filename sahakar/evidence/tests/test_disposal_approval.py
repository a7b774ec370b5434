"""Approving disposal: after the verdict for eligible exhibits, before it only by order after
weighing and sampling; only by a prosecutor of the jurisdiction; once; nothing written when
refused."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sahakar.cases.tests.conftest import make_arrest
from sahakar.evidence import services
from sahakar.evidence.disposal import approve_disposal
from sahakar.evidence.models import DisposalApproval
from sahakar.evidence.tests.disposal_setup import analysed, approve, eligible_exhibit
from sahakar.seizures.models import SeizedProperty
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in


def _order(exhibit, user, **over):
    values = {
        "basis": "verdict",
        "authority": "prosecutor",
        "order_reference": "PPO-PP/ORD/7",
        "ordered_on": timezone.localdate(),
        "note": "",
        "acting_user": user,
    }
    values.update(over)
    return approve_disposal(exhibit, **values)


def _unchanged(exhibit, events):
    assert not DisposalApproval.objects.filter(exhibit=exhibit).exists()
    assert exhibit.events.count() == events


def test_it_approves_an_eligible_exhibit_with_its_order_and_event(room, pp_prosecutor):
    exhibit = eligible_exhibit(room)
    approval = approve(exhibit, pp_prosecutor, order="PPO-PP/ORD/42")
    event = exhibit.events.get(kind="disposal_approved")
    assert (approval.basis, approval.order_reference, approval.event) == (
        "verdict",
        "PPO-PP/ORD/42",
        event,
    )
    assert (event.actor, event.order_reference) == (pp_prosecutor, "PPO-PP/ORD/42")
    assert approval.approved_by == pp_prosecutor
    assert services.state_matches_events(exhibit)


def test_the_approver_need_not_hold_the_exhibit(room, pp_prosecutor):
    """The exhibit is at the laboratory, in another agency's hands: the order still stands."""
    exhibit = analysed(room, eligible_exhibit(room))
    approve(exhibit, pp_prosecutor)
    assert exhibit.events.filter(kind="disposal_approved").count() == 1


def test_it_refuses_a_second_approval(room, pp_prosecutor):
    exhibit = eligible_exhibit(room)
    approve(exhibit, pp_prosecutor, order="ORD-1")
    with pytest.raises(ValidationError, match="already approved \\(order ORD-1\\)"):
        approve(exhibit, pp_prosecutor, order="ORD-2")
    assert exhibit.events.filter(kind="disposal_approved").count() == 1


def test_it_refuses_the_verdict_basis_while_an_arrest_is_open(room, pp_prosecutor):
    exhibit = take_in(room)
    arrest = make_arrest(f.unit(f.PHNOM_PENH), seizures=(exhibit.seizure,))
    with pytest.raises(ValidationError) as refused:
        _order(exhibit, pp_prosecutor)
    assert refused.value.message_dict["basis"][0].startswith(f"{exhibit} is not eligible yet")
    assert arrest.reference in refused.value.message_dict["basis"][0]
    _unchanged(exhibit, 1)


def test_it_refuses_the_verdict_basis_without_any_arrest(room, pp_prosecutor):
    exhibit = take_in(room)
    with pytest.raises(ValidationError, match="No arrest is linked"):
        _order(exhibit, pp_prosecutor)
    _unchanged(exhibit, 1)


def test_it_approves_before_the_verdict_after_weighing_and_sampling(room, pp_prosecutor):
    exhibit = analysed(room, take_in(room))
    make_arrest(f.unit(f.PHNOM_PENH), seizures=(exhibit.seizure,))  # trial still to come
    approval = _order(exhibit, pp_prosecutor, basis="pre_verdict_order", authority="court")
    assert (approval.basis, approval.authority) == ("pre_verdict_order", "court")


def test_it_refuses_before_the_verdict_without_a_retained_sample(room, pp_prosecutor):
    exhibit = analysed(room, take_in(room), sample=False)
    with pytest.raises(ValidationError, match="no laboratory result with a retained sample"):
        _order(exhibit, pp_prosecutor, basis="pre_verdict_order")
    _unchanged(exhibit, 4)


def test_it_refuses_before_the_verdict_without_a_weighing(room, pp_prosecutor):
    exhibit = take_in(room)
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    services.receive(exhibit, acting_user=room.lab_analyst)
    services.record_lab_result(
        exhibit,
        substance_confirmed=True,
        sample_retained=True,
        lab_reference="NL-9",
        acting_user=room.lab_analyst,
    )
    with pytest.raises(ValidationError, match="was not weighed after its intake"):
        _order(exhibit, pp_prosecutor, basis="pre_verdict_order")
    services.weigh(
        exhibit, net_quantity=Decimal("1980"), net_unit="tablets", acting_user=room.lab_analyst
    )
    assert _order(exhibit, pp_prosecutor, basis="pre_verdict_order").basis == "pre_verdict_order"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("order_reference", "  ", "Give the reference of the order."),
        ("ordered_on", None, "Give the date of the order."),
        ("authority", "police", "Say whether the prosecutor or the court gave the order."),
        ("basis", "whim", "Choose whether the disposal follows the verdict or an order."),
    ],
)
def test_it_refuses_an_incomplete_order(room, pp_prosecutor, field, value, message):
    exhibit = eligible_exhibit(room)
    with pytest.raises(ValidationError) as refused:
        _order(exhibit, pp_prosecutor, **{field: value})
    assert refused.value.message_dict[field] == [message]
    _unchanged(exhibit, 1)


def test_it_refuses_an_order_dated_in_the_future(room, pp_prosecutor):
    exhibit = eligible_exhibit(room)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="in the future"):
        _order(exhibit, pp_prosecutor, ordered_on=tomorrow)


@pytest.mark.parametrize("persona", ["pp_investigator", "national_analyst", "auditor"])
def test_only_a_prosecutor_approves(room, request, persona):
    exhibit = eligible_exhibit(room)
    user = request.getfixturevalue(persona)
    with pytest.raises(ValidationError, match="Only a prosecutor"):
        _order(exhibit, user)
    _unchanged(exhibit, 1)


def test_the_custodians_cannot_approve_what_they_hold(room):
    exhibit = eligible_exhibit(room)
    with pytest.raises(ValidationError, match="Only a prosecutor"):
        _order(exhibit, room.custodian)


def test_a_prosecutor_of_another_province_cannot_approve(room):
    exhibit = eligible_exhibit(room)
    elsewhere = f.make_user("sr_prosecutor", "prosecutor", f.unit(f.SIEM_REAP), "PPO-SR")
    with pytest.raises(ValidationError, match="Only a prosecutor"):
        _order(exhibit, elsewhere)


def test_it_refuses_property_that_is_not_drugs(room, pp_prosecutor):
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    phone = SeizedProperty.objects.create(seizure=seizure, kind="phone", description="Phone")
    exhibit = services.create_exhibit(
        seizure,
        property_items=[phone],
        seal_number="SEAL-PROP-1",
        description="Phone",
        store=room.property_room,
        acting_user=room.custodian,
    )
    make_arrest(f.unit(f.PHNOM_PENH), seizures=(seizure,), outcome="released")
    with pytest.raises(ValidationError, match="is not drugs"):
        _order(exhibit, pp_prosecutor, basis="pre_verdict_order")
