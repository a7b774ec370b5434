"""The destruction pages: record a batch (all or nothing, with the reason at its place), its
list and detail, and its manifest PDF in English and in Khmer."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from sahakar.evidence.destruction import destroy_batch
from sahakar.evidence.models import DestructionBatch
from sahakar.evidence.tests.disposal_setup import (
    analysed,
    approve,
    at_site,
    destruction_values,
    eligible_exhibit,
    ready_to_destroy,
)
from sahakar.testing import factories as f

ADD = reverse("evidence:destruction_add")


@pytest.fixture
def keeper(client, room):
    client.force_login(room.site_keeper)
    return client


def _post(room, exhibits, witnesses=None, weights=None):
    witnesses = (
        witnesses if witnesses is not None else [("Witness One", "PPO-PP"), ("Witness Two", "MOH")]
    )
    data = {
        "site": room.site.pk,
        "destroyed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "org_unit": f.unit(f.PHNOM_PENH).pk,
        "place": "NACD incinerator",
        "method": "incineration",
        "order_references": "PPO-PP/ORD/2026-001",
        "committee_members": "Chair, NACD\nMember, ADB-PP",
        "exhibits": [e.pk for e in exhibits],
        "witnesses-TOTAL_FORMS": "3",
        "witnesses-INITIAL_FORMS": "0",
    }
    for index, (name, agency) in enumerate(witnesses):
        data[f"witnesses-{index}-name"] = name
        data[f"witnesses-{index}-agency"] = f.agency(agency).pk
    for pk, weight in (weights or {}).items():
        data[f"weight_{pk}"] = weight
    return data


def test_the_keeper_records_a_destruction_with_weights(room, keeper, pp_prosecutor):
    first = ready_to_destroy(room, pp_prosecutor)
    second = ready_to_destroy(room, pp_prosecutor)
    form = keeper.get(ADD)
    assert form.status_code == 200
    assert first.reference in form.content.decode()
    answer = keeper.post(ADD, _post(room, [first, second], weights={first.pk: "1,995"}))
    batch = DestructionBatch.objects.get()
    assert answer.status_code == 302 and answer["Location"] == batch.get_absolute_url()
    assert first.events.get(kind="destroyed").net_quantity == Decimal(1995)
    detail = keeper.get(batch.get_absolute_url())
    assert detail.status_code == 200
    assert second.reference in detail.content.decode()
    listed = keeper.get(reverse("evidence:destructionbatch_list"))
    assert batch.reference in listed.content.decode()
    assert ADD in listed.content.decode()


def test_one_witness_is_refused_on_the_page_and_nothing_is_destroyed(room, keeper, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    answer = keeper.post(ADD, _post(room, [exhibit], witnesses=[("Witness One", "PPO-PP")]))
    assert answer.status_code == 400
    assert "At least two witnesses" in " ".join(answer.context["witness_errors"])
    assert not DestructionBatch.objects.exists()
    exhibit.refresh_from_db()
    assert exhibit.status == "held"


def test_a_witness_from_the_holding_unit_is_refused_on_the_page(room, keeper, pp_prosecutor):
    exhibit = ready_to_destroy(room, pp_prosecutor)
    answer = keeper.post(
        ADD, _post(room, [exhibit], witnesses=[("Witness One", "PPO-PP"), ("Officer", "ADB-PP")])
    )
    assert answer.status_code == 400
    assert "Officer is from" in answer.content.decode()
    assert not DestructionBatch.objects.exists()


def test_an_exhibit_not_approved_cannot_even_be_offered(room, keeper, pp_prosecutor):
    unapproved = at_site(room, eligible_exhibit(room))
    assert unapproved.reference not in keeper.get(ADD).content.decode()
    answer = keeper.post(ADD, _post(room, [unapproved]))
    assert answer.status_code == 400
    assert "exhibits" in answer.context["form"].errors


def test_only_custodians_of_a_destruction_site_record_destructions(room, client, signed_in):
    client.force_login(room.custodian)
    assert client.get(ADD).status_code == 403
    assert signed_in("pp_prosecutor").get(ADD).status_code == 403


def _batch(room, prosecutor):
    lab_checked = analysed(room, eligible_exhibit(room, quantity="500", unit="g"))
    approve(lab_checked, prosecutor, order="PPO-PP/ORD/77")
    at_site(room, lab_checked)
    plain = ready_to_destroy(room, prosecutor)
    batch = destroy_batch(
        **destruction_values(
            room, [lab_checked, plain], weights={lab_checked.pk: (Decimal("480.25"), "g")}
        )
    )
    return batch, lab_checked, plain


def _text(answer):
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(answer.content))
    return " ".join(page.extract_text() for page in pdf.pages)


def test_the_manifest_lists_every_exhibit_with_its_weights(room, keeper, pp_prosecutor):
    batch, lab_checked, plain = _batch(room, pp_prosecutor)
    text = _text(keeper.get(reverse("evidence:destruction_manifest", args=[batch.pk])))
    for expected in (
        batch.reference,
        lab_checked.reference,
        plain.reference,
        "500.00 g",  # at intake
        "480.25 g",  # at destruction
        "21.5 %",  # purity found by the laboratory
        "2,000 tablets",
        "PPO-PP/ORD/77",
        "Witness One",
        "Signatures",
    ):
        assert expected in text, expected


def test_the_manifest_in_khmer(room, keeper, pp_prosecutor):
    batch, lab_checked, _plain = _batch(room, pp_prosecutor)
    keeper.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    answer = keeper.get(reverse("evidence:destruction_manifest", args=[batch.pk]))
    text = _text(answer)
    assert lab_checked.reference in text
    # Strings whose glyphs extract back in logical order (vowels drawn before their consonant
    # come out reordered): the title, "Destruction manifest", and the Ministry of Health.
    assert "បញ្ជីវត្ថុតាងដែលបានកម្ទេច" in text
    assert "ក្រសួងសុខាភិបាល" in text
    assert "Destruction manifest" not in text
    assert "km.pdf" in answer["Content-Disposition"]


def test_the_manifest_of_a_batch_outside_the_users_view_is_not_found(
    room, signed_in, pp_prosecutor
):
    batch, _lab, _plain = _batch(room, pp_prosecutor)
    url = reverse("evidence:destruction_manifest", args=[batch.pk])
    assert signed_in("sr_officer").get(url).status_code == 404
