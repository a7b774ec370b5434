"""The extension and outcome pages: each a form of its own, for users who may change the
arrest; a refusal shows the form again with the reason and changes nothing."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sahakar.arrests import services
from sahakar.arrests.models import Arrest, CustodyExtension, CustodyOutcome, Offence
from sahakar.arrests.tests.conftest import MISDEMEANOUR, hours_ago, record

pytestmark = pytest.mark.django_db


def minute(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_it_extends_the_custody_from_its_page(web: Client) -> None:
    arrest = record(arrived_at=hours_ago(40))
    form = web.get(f"/arrests/{arrest.pk}/extend/")
    assert form.status_code == 200 and 'value="24"' in form.content.decode()
    response = web.post(
        f"/arrests/{arrest.pk}/extend/",
        {
            "granted_at": minute(hours_ago(1)),
            "hours": "24",
            "order_reference": "PP-2025-77",
            "reason": "Laboratory",
        },
    )
    assert response.status_code == 302
    arrest.refresh_from_db()
    assert arrest.custody_deadline - arrest.arrived_at == timedelta(hours=72)


def test_it_shows_why_an_extension_is_refused(web: Client) -> None:
    arrest = record(arrived_at=hours_ago(40), offences=[MISDEMEANOUR])
    response = web.post(
        f"/arrests/{arrest.pk}/extend/",
        {"granted_at": minute(hours_ago(1)), "hours": "24", "order_reference": "X", "reason": "Y"},
    )
    assert response.status_code == 400
    assert "Custody for a misdemeanour cannot be extended" in response.content.decode()
    assert CustodyExtension.objects.count() == 0


def test_it_records_the_outcome_from_its_page(web: Client) -> None:
    arrest = record(arrived_at=hours_ago(20))
    response = web.post(
        f"/arrests/{arrest.pk}/outcome/",
        {"kind": "treatment", "decided_at": minute(hours_ago(1)), "reference": "TC-204"},
    )
    assert response.status_code == 302
    assert CustodyOutcome.objects.get(arrest=arrest).reference == "TC-204"
    again = web.post(
        f"/arrests/{arrest.pk}/outcome/",
        {"kind": "released", "decided_at": minute(hours_ago(0.5)), "reason": "Again"},
    )
    assert again.status_code == 400
    assert "An outcome is recorded once." in again.content.decode()
    assert CustodyOutcome.objects.get(arrest=arrest).kind == "treatment"


def test_it_refuses_a_release_without_reason_on_the_page(web: Client) -> None:
    arrest = record(arrived_at=hours_ago(20))
    response = web.post(
        f"/arrests/{arrest.pk}/outcome/", {"kind": "released", "decided_at": minute(hours_ago(1))}
    )
    assert response.status_code == 400
    assert "Say why the person was released." in response.content.decode()


def test_it_corrects_an_arrest_and_computes_the_deadline_again(web: Client) -> None:
    arrest = record(arrived_at=hours_ago(10))
    form = web.get(f"/arrests/{arrest.pk}/edit/").content.decode()
    assert 'name="expected_version"' in form
    deadline = arrest.custody_deadline
    data = {
        "expected_version": arrest.version,
        "org_unit": arrest.org_unit_id,
        "place_description": arrest.place_description,
        "arresting_agency": arrest.arresting_agency_id,
        "offences": [o.pk for o in arrest.offences.all()],
        "suspect_role": "trafficker",
        "drug_test": "not_tested",
    }
    response = web.post(f"/arrests/{arrest.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    arrest.refresh_from_db()
    assert arrest.suspect_role == "trafficker"
    assert arrest.custody_deadline == deadline == arrest.arrived_at + timedelta(hours=48)

    stale = web.post(f"/arrests/{arrest.pk}/edit/", {**data, "suspect_role": "user"})
    assert stale.status_code == 409
    assert Arrest.objects.get(pk=arrest.pk).suspect_role == "trafficker"


def test_it_refuses_a_correction_that_breaks_the_recorded_clock(web: Client) -> None:
    arrest = record(arrived_at=hours_ago(30))
    services.grant_extension(arrest, hours_ago(2), 24, "ORD-3", "Lab", acting_user=None)
    arrest.refresh_from_db()
    data = {
        "expected_version": arrest.version,
        "org_unit": arrest.org_unit_id,
        "place_description": arrest.place_description,
        "arresting_agency": arrest.arresting_agency_id,
        "offences": [Offence.objects.get(code=MISDEMEANOUR).pk],
        "suspect_role": "user",
        "drug_test": "not_tested",
    }
    response = web.post(f"/arrests/{arrest.pk}/edit/", data)
    assert response.status_code == 400
    assert "which the rule for a misdemeanour does not allow" in response.content.decode()
    arrest.refresh_from_db()
    assert arrest.custody_deadline - arrest.arrived_at == timedelta(hours=72)
