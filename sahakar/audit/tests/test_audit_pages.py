"""Auditors read the trail: filters, detail, CSV export, on-demand verification."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_lists_and_filters_the_trail_for_auditors(
    client: Any, auditor: Any, pp_officer: Any
) -> None:
    client.force_login(pp_officer)
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara")
    client.get(person.get_absolute_url())
    client.force_login(auditor)
    page = client.get(reverse("audit:auditentry_list"), {"user": "pp_officer", "action": "view"})
    assert page.status_code == 200
    assert "Sok Dara" in page.content.decode()
    typed = client.get(reverse("audit:auditentry_list"), {"record_type": "persons.person"})
    assert typed.context["table"].paginator.count >= 2  # the create and the view
    entry = AuditEntry.objects.filter(action="view").first()
    assert entry is not None
    assert entry.hash in client.get(entry.get_absolute_url()).content.decode()


def test_it_exports_the_trail_as_csv(client: Any, auditor: Any) -> None:
    f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV")
    client.force_login(auditor)
    response = client.get(reverse("audit:auditentry_list"), {"export": "csv"})
    assert response.status_code == 200
    assert "Sky KTV" in b"".join(response.streaming_content).decode()


def test_it_verifies_the_chain_on_request(client: Any, auditor: Any) -> None:
    f.make_venue(f.unit(f.PHNOM_PENH))
    client.force_login(auditor)
    response = client.post(reverse("audit:verify"), follow=True)
    assert "The audit trail is intact" in response.content.decode()


@pytest.mark.parametrize("persona", ["pp_officer", "national_analyst", "prevention_officer"])
def test_it_keeps_the_trail_from_other_roles(client: Any, persona: str, request: Any) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audit:auditentry_list")).status_code == 200
    assert client.get(reverse("audit:auditentry_list")).context["table"].paginator.count == 0
    assert client.post(reverse("audit:verify")).status_code == 403


def test_it_shows_auditors_who_viewed_a_person(client: Any, auditor: Any, pp_officer: Any) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    client.get(person.get_absolute_url())
    officer_page = client.get(person.get_absolute_url()).content.decode()
    assert "Who viewed or changed this record" not in officer_page
    client.force_login(auditor)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Who viewed or changed this record" in page and "pp_officer" in page


def test_it_lets_administrators_export_everything_about_a_person(
    client: Any, admin_user: Any, pp_officer: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara")
    client.force_login(pp_officer)
    assert client.get(reverse("persons:person_export", args=[person.pk])).status_code == 403
    client.force_login(admin_user)
    response = client.get(reverse("persons:person_export", args=[person.pk]))
    assert response.status_code == 200
    data = response.json()
    assert data["person"]["name_latin"] == "Sok Dara"
    assert any(h["action"] == "create" for h in data["history"])
    assert AuditEntry.objects.filter(action="export", detail__person=person.pk).exists()
