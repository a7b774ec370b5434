"""A refused link says what is wrong with it; a record outside the user's scope still reads as
"does not exist"."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from sahakar.cases.models import CaseFile
from sahakar.cases.tests.conftest import make_arrest, make_case
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def inv_api(api: APIClient, pp_investigator: Any) -> APIClient:
    api.force_authenticate(pp_investigator)
    return api


def _open(api: APIClient, **payload: Any) -> Any:
    data = {"title": "Ice on NR5", "org_unit": f.PHNOM_PENH, **payload}
    response = api.post("/api/v1/cases/", data, format="json")
    assert response.status_code == 400
    assert not CaseFile.objects.exists()
    return response.json()


def test_it_says_a_user_is_not_an_investigator(inv_api: APIClient, pp_officer: Any) -> None:
    errors = _open(inv_api, lead_investigator="pp_officer")
    assert errors["lead_investigator"] == ["pp_officer is not an investigator."]


def test_it_says_an_unknown_user_does_not_exist(inv_api: APIClient) -> None:
    errors = _open(inv_api, lead_investigator="nobody")
    assert "does not exist" in errors["lead_investigator"][0]


def test_it_does_not_confirm_a_user_out_of_reach(inv_api: APIClient, sr_officer: Any) -> None:
    errors = _open(inv_api, lead_investigator="sr_officer")
    assert "does not exist" in errors["lead_investigator"][0]


def test_it_says_a_prosecution_office_is_not_a_court(inv_api: APIClient) -> None:
    errors = _open(inv_api, court="PPO-PP")
    assert errors["court"] == ["PPO-PP (prosecution office) is not a court."]


def test_it_says_a_court_is_not_a_prosecution_office(
    inv_api: APIClient, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator)
    response = inv_api.post(
        f"/api/v1/cases/{case.pk}/referral/",
        {"referred_on": "2026-01-05", "prosecution_office": "CFI-PP", "version": case.version},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["prosecution_office"] == ["CFI-PP (court) is not a prosecution office."]


def test_it_says_an_org_unit_is_outside_the_jurisdiction(inv_api: APIClient) -> None:
    errors = _open(inv_api, org_unit=f.SIEM_REAP)
    assert "is outside the jurisdictions where you may add case files" in errors["org_unit"][0]


def test_it_still_says_an_arrest_out_of_scope_does_not_exist(inv_api: APIClient) -> None:
    elsewhere = make_arrest(f.unit(f.SIEM_REAP), agency_code="ADB-SR")
    errors = _open(inv_api, arrests=[elsewhere.pk])
    assert "does not exist" in str(errors["arrests"])


def test_it_points_to_the_action_that_adds_defendants(
    inv_api: APIClient, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator)
    arrest = make_arrest(f.unit(f.PHNOM_PENH))
    response = inv_api.patch(
        f"/api/v1/cases/{case.pk}/",
        {"arrests": [arrest.pk], "version": case.version},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["arrests"] == ["Change these through /cases/{id}/defendants/."]
