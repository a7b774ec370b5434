"""An arrest's page: the person, the times in local time, the deadline and time left, the
extensions, the outcome, linked seizures and operation; the custody actions only for users
who may change the arrest, and only while they are possible."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from sahakar.arrests import services
from sahakar.arrests.tests.conftest import MISDEMEANOUR, hours_ago, local, record
from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def page(client: Client, user: Any, arrest: Any) -> str:
    client.force_login(user)
    response = client.get(f"/arrests/{arrest.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


def test_it_shows_the_facts_and_the_clock_in_local_time(client: Client, pp_officer: Any) -> None:
    unit = f.first_district(f.PHNOM_PENH)
    operation = f.make_operation(
        f.unit(f.PHNOM_PENH), status="closed", planned_start=local(2025, 3, 1, 20, 0)
    )
    seizure = f.make_seizure(unit)
    arrest = record(
        unit,
        arrived_at=local(2025, 3, 1, 23, 30),
        operation=operation,
        seizures=[seizure],
    )
    services.grant_extension(
        arrest, local(2025, 3, 3, 20, 0), 24, "ORD-77", "Lab result awaited", acting_user=None
    )
    text = page(client, pp_officer, arrest)
    assert f'href="{arrest.person.get_absolute_url()}"' in text
    assert "2025-03-01 23:30" in text  # arrival
    assert "2025-03-04 23:30" in text  # deadline: 48 h + 24 h
    assert "ORD-77" in text and "Lab result awaited" in text
    assert f'href="{seizure.get_absolute_url()}"' in text
    assert f'href="{operation.get_absolute_url()}"' in text
    assert "Code of Criminal Procedure, art. 96" in text
    assert "Times are local (Asia/Phnom_Penh)" in text


def test_it_shows_the_time_left(client: Client, pp_officer: Any) -> None:
    arrest = record(arrived_at=hours_ago(44))
    text = page(client, pp_officer, arrest)
    assert "due within 6 hours" in text
    assert "3 h 59 min left" in text or "4 h 00 min left" in text


def test_it_offers_extension_and_outcome_while_they_are_possible(
    client: Client, pp_officer: Any
) -> None:
    arrest = record()
    text = page(client, pp_officer, arrest)
    assert "/extend/" in text and "/outcome/" in text
    services.grant_extension(arrest, hours_ago(1), 24, "ORD-1", "Lab", acting_user=None)
    text = page(client, pp_officer, arrest)
    assert "/extend/" not in text and "/outcome/" in text  # the one extension is used
    services.record_outcome(arrest, "referred", hours_ago(0.5), acting_user=None)
    text = page(client, pp_officer, arrest)
    assert "/outcome/" not in text and "referred to the prosecutor" in text


def test_it_offers_no_extension_for_a_misdemeanour(client: Client, pp_officer: Any) -> None:
    text = page(client, pp_officer, record(offences=[MISDEMEANOUR]))
    assert "/extend/" not in text and "It cannot be extended." in text


def test_it_offers_no_actions_to_read_only_roles(client: Client, auditor: Any) -> None:
    arrest = record()
    text = page(client, auditor, arrest)
    for url in ("/extend/", "/outcome/", "/edit/"):
        assert f"/arrests/{arrest.pk}{url}" not in text
    assert client.get(f"/arrests/{arrest.pk}/extend/").status_code == 404


def test_it_records_each_view_in_the_audit_trail(client: Client, pp_officer: Any) -> None:
    arrest = record()
    page(client, pp_officer, arrest)
    assert AuditEntry.objects.filter(
        action="view", object_id=str(arrest.pk), content_type__model="arrest"
    ).exists()


def test_it_leaves_out_linked_seizures_the_user_may_not_open(
    client: Client, pp_officer: Any
) -> None:
    elsewhere = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    arrest = record(seizures=[elsewhere], arrived_at=hours_ago(3) - timedelta(minutes=1))
    text = page(client, pp_officer, arrest)
    assert elsewhere.reference not in text  # related sections list only what the user sees
