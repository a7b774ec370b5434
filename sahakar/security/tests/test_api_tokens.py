"""Personal API tokens: shown once, stored as a hash, scoped like their user, revocable,
and every use audited."""

import hashlib
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from sahakar.audit.models import AuditEntry
from sahakar.security.models import ApiToken
from sahakar.security.tests.helpers import sign_in, signed_in
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _create_on_the_page(client: Client, name: str = "nightly export") -> str:
    response = client.post(reverse("security:token_create"), {"name": name, "lifetime": "90"})
    assert response.status_code == 200
    key: str = response.context["key"]
    assert key in response.content.decode()
    return key


def _api(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_it_shows_a_new_key_once_and_keeps_only_its_hash(pp_officer: Any) -> None:
    client = signed_in(pp_officer)
    key = _create_on_the_page(client)
    token = ApiToken.objects.get()
    assert token.user == pp_officer and token.prefix == key[:8]
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str([getattr(token, field.attname) for field in token._meta.fields])
    assert token.expires_at is not None
    assert token.expires_at - timezone.now() > timedelta(days=89)
    overview = client.get(reverse("security:overview")).content.decode()
    assert key not in overview and token.prefix in overview


def test_it_lets_a_program_act_as_the_user_with_the_token(pp_officer: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Golden Lotus KTV")
    key = _create_on_the_page(signed_in(pp_officer))
    response = _api(key).get("/api/v1/venues/")
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == [venue.name]
    created = _api(key).post(
        "/api/v1/venues/", {"name": "Blue Moon", "kind": "bar", "org_unit": "12"}, format="json"
    )
    assert created.status_code == 201  # no CSRF token needed: no cookie is involved
    assert ApiToken.objects.get().last_used_at is not None


def test_it_audits_every_use_once(pp_officer: Any) -> None:
    key = _create_on_the_page(signed_in(pp_officer))
    _api(key).get("/api/v1/venues/", {"page_size": 5})
    entries = AuditEntry.objects.filter(action="token", detail__method="GET")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.user == pp_officer and entry.source == "api"
    assert entry.detail == {"token": key[:8], "method": "GET", "path": "/api/v1/venues/"}


def test_it_scopes_a_token_like_its_user(pp_officer: Any) -> None:
    siem_reap = f.make_venue(f.unit(f.SIEM_REAP), name="Angkor Night Club")
    key = _create_on_the_page(signed_in(pp_officer))
    assert _api(key).get(f"/api/v1/venues/{siem_reap.pk}/").status_code == 404
    listing = _api(key).get("/api/v1/venues/").content.decode()
    assert "Angkor Night Club" not in listing


def test_it_refuses_a_revoked_token_with_401(pp_officer: Any) -> None:
    client = signed_in(pp_officer)
    key = _create_on_the_page(client)
    assert _api(key).get("/api/v1/venues/").status_code == 200
    token = ApiToken.objects.get()
    assert client.post(reverse("security:token_revoke", args=[token.pk])).status_code == 302
    replay = _api(key).get("/api/v1/venues/")
    assert replay.status_code == 401
    assert replay["WWW-Authenticate"] == "Token"
    denied = AuditEntry.objects.get(action="denied", detail__token=key[:8])
    assert denied.detail["reason"] == "token revoked" and denied.user == pp_officer
    assert AuditEntry.objects.filter(action="token", detail__event="revoked").exists()


def test_it_refuses_expired_and_unknown_tokens_with_401(pp_officer: Any) -> None:
    _, key = ApiToken.objects.issue(pp_officer, "old", timezone.now() - timedelta(days=1))
    assert _api(key).get("/api/v1/venues/").status_code == 401
    assert _api("no-such-key-at-all").get("/api/v1/venues/").status_code == 401
    assert _api("two words").get("/api/v1/venues/").status_code == 401


def test_it_refuses_the_token_of_a_disabled_user(pp_officer: Any) -> None:
    _, key = ApiToken.objects.issue(pp_officer, "export")
    pp_officer.is_active = False
    pp_officer.save()
    assert _api(key).get("/api/v1/venues/").status_code == 401


def test_it_lets_only_the_owner_revoke_a_token_on_the_security_page(
    pp_officer: Any, sr_officer: Any
) -> None:
    token, key = ApiToken.objects.issue(pp_officer, "export")
    other = signed_in(sr_officer)
    assert other.post(reverse("security:token_revoke", args=[token.pk])).status_code == 404
    assert _api(key).get("/api/v1/venues/").status_code == 200


def test_it_lets_token_calls_through_without_a_second_factor_in_a_session(
    national_analyst: Any,
) -> None:
    _, key = ApiToken.objects.issue(national_analyst, "dashboard feed")
    assert _api(key).get("/api/v1/venues/").status_code == 200


def test_it_no_longer_accepts_basic_authentication(pp_officer: Any) -> None:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Basic cHBfb2ZmaWNlcjpjb3JyZWN0IGhvcnNl")
    assert api.get("/api/v1/venues/").status_code == 403


def test_it_lets_an_administrator_issue_and_revoke_tokens_in_the_admin(
    pp_officer: Any, django_user_model: Any, client: Client
) -> None:
    client.force_login(django_user_model.objects.create_superuser("root", password=f.PASSWORD))
    added = client.post(
        reverse("admin:security_apitoken_add"),
        {"user": pp_officer.pk, "name": "analysis server", "expires_at_0": "", "expires_at_1": ""},
    )
    assert added.status_code == 200
    key = added.context["key"]
    assert key in added.content.decode()
    token = ApiToken.objects.get(user=pp_officer)
    assert _api(key).get("/api/v1/venues/").status_code == 200
    revoked = client.post(
        reverse("admin:security_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert revoked.status_code == 302
    assert _api(key).get("/api/v1/venues/").status_code == 401


def test_it_refuses_the_token_of_a_locked_out_user_until_unlocked(pp_officer: Any) -> None:
    _, key = ApiToken.objects.issue(pp_officer, "export")
    assert _api(key).get("/api/v1/venues/").status_code == 200
    for _ in range(5):
        sign_in(Client(), "pp_officer", "not the password at all")
    refused = _api(key).get("/api/v1/venues/")
    assert refused.status_code == 401
    denied = AuditEntry.objects.get(action="denied", detail__token=key[:8])
    assert denied.detail["reason"] == "user locked out"
    call_command("axes_reset_username", "pp_officer")
    assert _api(key).get("/api/v1/venues/").status_code == 200
