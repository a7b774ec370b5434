"""Who sees which case files, on the pages and in the API. A case outside the user's scope does
not exist for them (404, absent from lists); analysts and prevention officers see none; the lead
investigator and the prosecution office the case was referred to see it wherever they work."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.cases.choices import Stage
from sahakar.cases.models import CaseFile, StageChange
from sahakar.cases.tests.conftest import bring_to, first_defendant, make_case
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

ACTION_PAGES = ["casefile_stage", "casefile_referral", "casefile_hearing", "casefile_defendants"]
API_ACTIONS = ["stage", "referral", "hearings", "defendants", "seizures", "outcome", "detention"]


@pytest.fixture
def pp_case(pp_investigator: Any) -> CaseFile:
    return make_case(pp_investigator, title="Phnom Penh yaba ring")


@pytest.fixture
def sr_case(sr_investigator: Any) -> CaseFile:
    return make_case(sr_investigator, org_unit=f.unit(f.SIEM_REAP), title="Angkor ice case")


def _page(name: str, case: CaseFile | None = None) -> str:
    return reverse(f"cases:casefile_{name}", args=[case.pk] if case else [])


def _api(case: CaseFile | None = None, action: str = "") -> str:
    if case is None:
        return "/api/v1/cases/"
    return f"/api/v1/cases/{case.pk}/" + (f"{action}/" if action else "")


def _listed(client: Client) -> set[str]:
    response = client.get(_page("list"), {"per_page": 500})
    assert response.status_code == 200
    return {case.reference for case in response.context["table"].data}


def _api_listed(api: APIClient) -> set[str]:
    response = api.get(_api(), {"page_size": 500})
    assert response.status_code == 200
    return {case["reference"] for case in response.json()["results"]}


def _unchanged(case: CaseFile) -> None:
    stored = CaseFile.objects.get(pk=case.pk)
    assert (stored.stage, stored.version, stored.title) == (case.stage, case.version, case.title)
    assert not StageChange.objects.filter(case=case).exists()


def test_it_hides_a_case_outside_the_jurisdiction_from_pages(
    client: Client, pp_investigator: Any, pp_case: CaseFile, sr_case: CaseFile
) -> None:
    client.force_login(pp_investigator)
    for name in ("detail", "edit", "delete", *[n.removeprefix("casefile_") for n in ACTION_PAGES]):
        assert client.get(_page(name, sr_case)).status_code == 404, name
    assert client.post(_page("stage", sr_case), {"stage": "referred"}).status_code == 404
    assert client.post(_page("edit", sr_case), {}).status_code == 404
    defendant = first_defendant(sr_case)
    assert client.get(reverse("cases:defendant_outcome", args=[defendant.pk])).status_code == 404
    assert client.post(reverse("cases:defendant_detention", args=[defendant.pk])).status_code == 404
    assert _listed(client) == {pp_case.reference}
    searched = client.get(_page("list"), {"q": sr_case.reference})
    assert list(searched.context["table"].data) == []
    assert "Angkor" not in searched.content.decode()
    _unchanged(sr_case)


def test_it_hides_a_case_outside_the_jurisdiction_from_the_api(
    api: APIClient, pp_investigator: Any, pp_case: CaseFile, sr_case: CaseFile
) -> None:
    api.force_authenticate(pp_investigator)
    assert api.get(_api(sr_case)).status_code == 404
    assert api.patch(_api(sr_case), {"title": "x", "version": 1}, format="json").status_code == 404
    assert api.delete(_api(sr_case)).status_code == 404
    for action in ("timeline", "clocks", "quantities"):
        assert api.get(_api(sr_case, action)).status_code == 404, action
    for action in API_ACTIONS:
        assert api.post(_api(sr_case, action), {}, format="json").status_code == 404, action
    assert _api_listed(api) == {pp_case.reference}
    assert api.get(_api(), {"q": "Angkor"}).json()["count"] == 0
    _unchanged(sr_case)


@pytest.mark.parametrize("persona", ["prevention_officer", "national_analyst", "outsider"])
def test_it_shows_no_case_to_roles_without_access(
    client: Client, api: APIClient, persona: str, request: Any, pp_case: CaseFile
) -> None:
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert _listed(client) == set()
    assert client.get(_page("detail", pp_case)).status_code == 404
    assert client.get(_page("stage", pp_case)).status_code == 404
    assert client.get(_page("add")).status_code == 403
    api.force_authenticate(user)
    assert _api_listed(api) == set()
    assert api.get(_api(pp_case)).status_code == 404
    assert api.get(_api(pp_case, "timeline")).status_code == 404
    assert api.post(_api(pp_case, "stage"), {"stage": "charged"}, format="json").status_code == 404
    payload = {"title": "x", "org_unit": "12"}
    assert api.post(_api(), payload, format="json").status_code == 403
    _unchanged(pp_case)


def test_it_shows_the_lead_investigator_their_case_anywhere(
    client: Client, api: APIClient, sr_investigator: Any, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator, lead_investigator=sr_investigator)
    client.force_login(sr_investigator)
    assert client.get(_page("detail", case)).status_code == 200
    api.force_authenticate(sr_investigator)
    assert api.get(_api(case)).status_code == 200


def test_it_shows_a_referred_case_to_the_prosecution_office(
    client: Client, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    elsewhere = f.make_user("sr_prosecutor", "prosecutor", f.unit(f.SIEM_REAP), "PPO-PP")
    other_office = f.make_user("kd_prosecutor", "prosecutor", f.unit(f.SIEM_REAP), "PPO-SR")
    client.force_login(elsewhere)
    assert client.get(_page("detail", case)).status_code == 200
    client.force_login(other_office)
    assert client.get(_page("detail", case)).status_code == 404


def test_it_lets_national_users_and_auditors_read(
    client: Client, auditor: Any, pp_case: CaseFile, sr_case: CaseFile
) -> None:
    client.force_login(auditor)
    assert _listed(client) == {pp_case.reference, sr_case.reference}
    assert client.get(_page("stage", sr_case)).status_code == 404  # read only


def test_it_asks_anonymous_users_to_sign_in(client: Client, api: APIClient) -> None:
    assert client.get(_page("list"))["Location"].startswith(reverse("login"))
    assert api.get(_api()).status_code in (401, 403)


def test_it_audits_who_saw_the_defendants(
    client: Client, api: APIClient, pp_investigator: Any, pp_case: CaseFile
) -> None:
    from sahakar.audit.models import AuditEntry

    person = first_defendant(pp_case).arrest.person
    client.force_login(pp_investigator)
    client.get(_page("detail", pp_case))
    api.force_authenticate(pp_investigator)
    api.get(_api(pp_case))
    api.get(_api())
    views = AuditEntry.objects.filter(action="view", content_type__model="person")
    assert views.count() == 3
    assert all(person.pk in entry.detail["ids"] for entry in views)
