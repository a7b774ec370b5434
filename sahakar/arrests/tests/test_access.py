"""Arrests are personal data: outside the user's jurisdiction, and for roles that never see
suspects (prevention officers, analysts), an arrest does not exist: 404 on every page and
endpoint, absent from every list."""

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sahakar.arrests.tests.conftest import record
from sahakar.testing import factories as f
from sahakar.testing.access import assert_out_of_scope

pytestmark = pytest.mark.django_db


def test_it_hides_arrests_outside_the_jurisdiction(
    client: Client, api: APIClient, sr_officer: Any
) -> None:
    arrest = record(f.first_district(f.PHNOM_PENH))
    assert_out_of_scope(client, api, sr_officer, arrest, arrest.reference)


@pytest.mark.parametrize("persona", ["prevention_officer", "national_analyst", "outsider"])
def test_it_hides_arrests_from_roles_without_personal_data(
    client: Client, api: APIClient, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    arrest = record()
    assert_out_of_scope(client, api, user, arrest, arrest.reference)
    for action in ("extend", "outcome"):
        assert client.get(f"/arrests/{arrest.pk}/{action}/").status_code == 404
        assert client.post(f"/arrests/{arrest.pk}/{action}/", {}).status_code == 404
    for action in ("extensions", "outcome"):
        assert api.post(f"/api/v1/arrests/{arrest.pk}/{action}/", {}).status_code == 404


def test_it_refuses_the_record_page_to_roles_that_may_not_add(
    client: Client, prevention_officer: Any, auditor: Any
) -> None:
    for user in (prevention_officer, auditor):
        client.force_login(user)
        assert client.get("/arrests/add/").status_code == 403


def test_it_lets_read_only_roles_read_but_not_change(
    client: Client, api: APIClient, auditor: Any
) -> None:
    arrest = record()
    client.force_login(auditor)
    assert client.get(f"/arrests/{arrest.pk}/").status_code == 200
    assert client.get(f"/arrests/{arrest.pk}/edit/").status_code == 404
    api.force_authenticate(auditor)
    assert api.get(f"/api/v1/arrests/{arrest.pk}/").status_code == 200
    assert api.post(f"/api/v1/arrests/{arrest.pk}/outcome/", {}).status_code == 404


def test_it_lets_a_national_role_see_every_province(client: Client, admin_user: Any) -> None:
    arrest = record(f.unit(f.SIEM_REAP), agency="ADB-SR")
    client.force_login(admin_user)
    assert client.get(f"/arrests/{arrest.pk}/").status_code == 200
