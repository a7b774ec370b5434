"""Nonsense in query strings and bodies, on the list and on every action, gets a clear 4xx
answer and changes nothing; never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sahakar.cases.choices import Stage
from sahakar.cases.models import CaseFile
from sahakar.cases.tests.conftest import bring_to, make_case

pytestmark = pytest.mark.django_db

NONSENSE_PARAMS = [
    {"page": "abc"},
    {"per_page": "-5"},
    {"sort": "no_such_column"},
    {"stage": "nowhere"},
    {"procedure": "summary"},
    {"clocks": "soonish"},
    {"org_unit": "not-a-code"},
    {"q": "\x00"},
    {"ordering": "zz", "page_size": "x"},
]
NONSENSE_BODIES: list[Any] = [
    [],
    "text",
    {"stage": {"nested": 1}},
    {"stage": "charged", "version": 10**30},
    {"stage": "charged", "at": "yesterday"},
    {"defendant": 10**30, "outcome": "convicted"},
    {"arrest": "x"},
    {"seizure": -1},
    {"referred_on": "31/31/2025", "prosecution_office": 12},
    {"held_on": "2025-02-30", "outcome": ""},
    {"defendant": "1", "detained_since": "never", "extensions": -3},
]
ACTIONS = ["stage", "referral", "hearings", "defendants", "seizures", "outcome", "detention"]


def test_it_never_fails_on_nonsense_list_parameters(
    client: Client, api: APIClient, pp_investigator: Any
) -> None:
    make_case(pp_investigator)
    client.raise_request_exception = False
    api.raise_request_exception = False
    client.force_login(pp_investigator)
    api.force_authenticate(pp_investigator)
    for params in NONSENSE_PARAMS:
        assert client.get("/cases/", params).status_code in (200, 400, 404), params
        assert api.get("/api/v1/cases/", params).status_code in (200, 400, 404), params


def test_it_answers_400_to_nonsense_action_bodies(api: APIClient, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.AT_TRIAL, pp_investigator)
    api.raise_request_exception = False
    api.force_authenticate(pp_investigator)
    for action in ACTIONS:
        for body in NONSENSE_BODIES:
            response = api.post(f"/api/v1/cases/{case.pk}/{action}/", body, format="json")
            assert response.status_code == 400, (action, body, response.status_code)
    for body in NONSENSE_BODIES:
        assert api.post("/api/v1/cases/", body, format="json").status_code == 400, body
    stored = CaseFile.objects.get(pk=case.pk)
    assert (stored.stage, stored.version) == (Stage.AT_TRIAL, case.version)


def test_it_answers_400_to_nonsense_forms(client: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.AT_TRIAL, pp_investigator)
    client.raise_request_exception = False
    client.force_login(pp_investigator)
    defendant = case.defendants.get()
    for url in (
        f"/cases/{case.pk}/stage/",
        f"/cases/{case.pk}/hearings/add/",
        f"/cases/{case.pk}/defendants/add/",
        f"/cases/{case.pk}/seizures/add/",
        f"/cases/defendants/{defendant.pk}/outcome/",
        f"/cases/defendants/{defendant.pk}/detention/",
    ):
        response = client.post(url, {"stage": "x", "version": "9" * 40, "held_on": "x"})
        assert response.status_code == 400, url
    assert client.get("/cases/99999999999999999999/").status_code == 404
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.AT_TRIAL


def test_it_answers_409_not_500_to_an_impossible_version(
    client: Client, api: APIClient, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), Stage.AT_TRIAL, pp_investigator)
    api.raise_request_exception = False
    client.raise_request_exception = False
    api.force_authenticate(pp_investigator)
    client.force_login(pp_investigator)
    body = {"stage": "judgment", "version": 10**30}
    response = api.post(f"/api/v1/cases/{case.pk}/stage/", body, format="json")
    assert response.status_code in (400, 409)
    page = client.post(f"/cases/{case.pk}/stage/", {"stage": "judgment", "version": "9" * 40})
    assert page.status_code in (400, 409)
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.AT_TRIAL
