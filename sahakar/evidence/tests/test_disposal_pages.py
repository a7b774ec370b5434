"""The prosecutor's disposal queue, the approval form, and the list of approved exhibits."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from sahakar.cases.tests.conftest import make_arrest
from sahakar.evidence.models import DisposalApproval
from sahakar.evidence.tests.disposal_setup import analysed, approve, eligible_exhibit
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

QUEUE = reverse("evidence:disposal_queue")


def _approve_url(exhibit):
    return reverse("evidence:exhibit_approve_disposal", args=[exhibit.pk])


def test_the_queue_counts_eligible_exhibits_oldest_first(room, signed_in):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=30), tick=False):
        old = eligible_exhibit(room)
    new = eligible_exhibit(room)
    take_in(room)  # no suspect: not in the queue
    page = signed_in("pp_prosecutor").get(QUEUE)
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index(old.reference) < text.index(new.reference)
    assert page.context["waiting_count"] == 2
    assert page.context["oldest_days"] == 30
    assert _approve_url(old) in text


def test_the_queue_is_refused_to_roles_without_disposal_rights(room, signed_in):
    assert signed_in("outsider").get(QUEUE).status_code == 403


def test_an_auditor_sees_the_queue_without_approving(room, signed_in):
    exhibit = eligible_exhibit(room)
    page = signed_in("auditor").get(QUEUE)
    assert page.status_code == 200
    assert exhibit.reference in page.content.decode()
    assert _approve_url(exhibit) not in page.content.decode()
    assert signed_in("auditor").get(_approve_url(exhibit)).status_code == 403


def test_a_prosecutor_approves_from_the_form(room, signed_in):
    exhibit = eligible_exhibit(room)
    client = signed_in("pp_prosecutor")
    form = client.get(_approve_url(exhibit))
    assert form.status_code == 200
    assert form.context["form"].initial["basis"] == "verdict"
    answer = client.post(
        _approve_url(exhibit),
        {
            "basis": "verdict",
            "authority": "prosecutor",
            "order_reference": "PPO-PP/ORD/5",
            "ordered_on": timezone.localdate().isoformat(),
        },
    )
    assert answer.status_code == 302 and answer["Location"] == QUEUE
    assert DisposalApproval.objects.get(exhibit=exhibit).order_reference == "PPO-PP/ORD/5"
    approved = client.get(reverse("evidence:disposal_approved"))
    assert exhibit.reference in approved.content.decode()
    assert "PPO-PP/ORD/5" in approved.content.decode()


def test_a_refused_approval_shows_the_reason_at_its_field(room, signed_in):
    exhibit = take_in(room)
    make_arrest(f.unit(f.PHNOM_PENH), seizures=(exhibit.seizure,))
    answer = signed_in("pp_prosecutor").post(
        _approve_url(exhibit),
        {
            "basis": "pre_verdict_order",
            "authority": "court",
            "order_reference": "CFI-PP/ORD/1",
            "ordered_on": timezone.localdate().isoformat(),
        },
    )
    assert answer.status_code == 400
    assert "no laboratory result with a retained sample" in str(
        answer.context["form"].errors["basis"]
    )
    assert not DisposalApproval.objects.exists()


def test_a_missing_order_reference_is_refused_at_the_field(room, signed_in):
    exhibit = eligible_exhibit(room)
    answer = signed_in("pp_prosecutor").post(
        _approve_url(exhibit),
        {"basis": "verdict", "authority": "prosecutor", "ordered_on": "2026-01-01"},
    )
    assert answer.status_code == 400
    assert "order_reference" in answer.context["form"].errors


def test_a_pre_verdict_approval_from_the_same_form(room, signed_in):
    exhibit = analysed(room, take_in(room))
    client = signed_in("pp_prosecutor")
    assert client.get(_approve_url(exhibit)).context["form"].initial["basis"] == "pre_verdict_order"
    answer = client.post(
        _approve_url(exhibit),
        {
            "basis": "pre_verdict_order",
            "authority": "court",
            "order_reference": "CFI-PP/ORD/2",
            "ordered_on": timezone.localdate().isoformat(),
        },
    )
    assert answer.status_code == 302
    assert DisposalApproval.objects.get(exhibit=exhibit).basis == "pre_verdict_order"


def test_an_exhibit_outside_the_prosecutors_view_is_not_found(room, signed_in):
    seizure = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    item = f.make_item(seizure)
    from decimal import Decimal

    from sahakar.evidence import services

    exhibit = services.create_exhibit(
        seizure,
        items=[item],
        seal_number="SR-SEAL-1",
        description="Bag",
        store=room.sr_vault,
        net_quantity=Decimal(item.quantity),
        net_unit=item.unit,
        acting_user=room.sr_custodian,
    )
    assert signed_in("pp_prosecutor").get(_approve_url(exhibit)).status_code == 404


def test_an_approved_exhibit_shows_its_order_instead_of_the_form(room, signed_in, pp_prosecutor):
    exhibit = eligible_exhibit(room)
    approve(exhibit, pp_prosecutor, order="ORD-9")
    page = signed_in("pp_prosecutor").get(_approve_url(exhibit))
    assert "already approved under order ORD-9" in page.content.decode()
