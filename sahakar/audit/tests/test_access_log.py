"""Reading is audited too: views of persons, exports, and refused look-ups of hidden records."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_logs_every_view_of_a_persons_record(client: Any, api: Any, pp_officer: Any) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara")
    client.force_login(pp_officer)
    api.force_authenticate(pp_officer)
    client.get(person.get_absolute_url())
    api.get(f"/api/v1/persons/{person.pk}/")
    views = AuditEntry.objects.filter(action="view", object_id=str(person.pk))
    assert views.count() == 2
    assert {v.source for v in views} == {"web", "api"}
    assert all(v.user == pp_officer for v in views)


def test_it_logs_persons_shown_on_a_list(client: Any, api: Any, pp_officer: Any) -> None:
    people = [f.make_person(f.unit(f.PHNOM_PENH)) for _ in range(3)]
    client.force_login(pp_officer)
    api.force_authenticate(pp_officer)
    client.get(reverse("persons:person_list"))
    api.get("/api/v1/persons/")
    entries = AuditEntry.objects.filter(action="view", object_id="")
    assert entries.count() == 2
    for entry in entries:
        assert sorted(entry.detail["ids"]) == sorted(p.pk for p in people)


def test_it_does_not_log_views_of_records_without_personal_data(
    client: Any, pp_officer: Any
) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    client.get(venue.get_absolute_url())
    assert not AuditEntry.objects.filter(action="view").exists()


def test_it_logs_a_refused_look_up_of_a_hidden_record(
    client: Any, api: Any, pp_officer: Any
) -> None:
    hidden = f.make_venue(f.unit(f.SIEM_REAP))
    client.force_login(pp_officer)
    api.force_authenticate(pp_officer)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert api.get(f"/api/v1/venues/{hidden.pk}/").status_code == 404
    denials = AuditEntry.objects.filter(action="denied", object_id=str(hidden.pk))
    assert denials.count() == 2
    assert client.get("/venues/987654/").status_code == 404  # nothing there: nothing to log
    assert AuditEntry.objects.filter(action="denied").count() == 2


def test_it_exports_the_filtered_list_as_csv_and_logs_it(
    client: Any, national_analyst: Any
) -> None:
    f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV", kind="karaoke")
    f.make_venue(f.unit(f.SIEM_REAP), name="Pub Street Bar", kind="bar")
    client.force_login(national_analyst)
    response = client.get(reverse("venues:venue_list"), {"kind": "karaoke", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    assert "Sky KTV" in body and "Pub Street Bar" not in body
    assert body.splitlines()[0].startswith("Name,")
    export = AuditEntry.objects.get(action="export")
    assert export.detail["count"] == 1 and "kind=karaoke" in export.detail["query"]


def test_it_refuses_export_to_roles_without_it(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.get(reverse("venues:venue_list"), {"export": "csv"})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="export").exists()


def test_it_exports_only_what_the_user_may_see(client: Any, auditor: Any) -> None:
    f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara")
    client.force_login(auditor)
    body = b"".join(
        client.get(reverse("persons:person_list"), {"export": "csv"}).streaming_content
    ).decode()
    assert "Sok Dara" in body


def test_it_logs_a_refused_api_action(api: Any, national_analyst: Any) -> None:
    api.force_authenticate(national_analyst)
    response = api.post(
        "/api/v1/venues/", {"name": "X", "kind": "bar", "org_unit": "12"}, format="json"
    )
    assert response.status_code == 403
    denial = AuditEntry.objects.get(action="denied")
    assert denial.user == national_analyst
    assert denial.detail["path"] == "/api/v1/venues/" and denial.detail["method"] == "POST"


def test_it_logs_a_refused_page(client: Any, national_analyst: Any) -> None:
    client.force_login(national_analyst)
    assert client.get(reverse("venues:venue_add")).status_code == 403
    denial = AuditEntry.objects.get(action="denied")
    assert (denial.user, denial.detail["path"]) == (national_analyst, "/venues/add/")
