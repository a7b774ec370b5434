"""After the password, users with an authenticator give a code before anything else."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from sahakar.audit.models import AuditEntry
from sahakar.security import mfa
from sahakar.security.tests.helpers import authenticator, code_for, sign_in

pytestmark = pytest.mark.django_db

VERIFY = reverse("security:mfa_verify")
START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def _password_only(user: Any) -> Client:
    client = Client()
    assert sign_in(client, user.get_username()).status_code == 302
    return client


def test_it_asks_for_the_code_after_the_password(national_analyst: Any) -> None:
    device = authenticator(national_analyst)
    client = _password_only(national_analyst)
    response = client.get("/seizures/")
    assert response["Location"] == f"{VERIFY}?next=%2Fseizures%2F"
    answered = client.post(VERIFY, {"code": code_for(device), "next": "/seizures/"})
    assert answered.status_code == 302 and answered["Location"] == "/seizures/"
    assert client.get("/seizures/").status_code == 200
    entry = AuditEntry.objects.filter(action="login", username="analyst").first()
    assert entry is not None and entry.detail == {"factor": "totp"}


def test_it_refuses_a_wrong_code_and_audits_it(national_analyst: Any) -> None:
    authenticator(national_analyst)
    client = _password_only(national_analyst)
    response = client.post(VERIFY, {"code": "000000x"})
    assert response.status_code == 400
    assert client.get("/")["Location"].startswith(VERIFY)
    assert AuditEntry.objects.filter(
        action="login_failed", username="analyst", detail__factor="otp"
    ).exists()


def test_it_waits_longer_after_each_wrong_code(national_analyst: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        device = authenticator(national_analyst)
        client = _password_only(national_analyst)
        assert client.post(VERIFY, {"code": "111111"}).status_code in (400, 302)
        assert client.post(VERIFY, {"code": code_for(device)}).status_code == 429
        traveller.shift(timedelta(seconds=2))
        assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302


def test_it_accepts_each_backup_code_once(national_analyst: Any) -> None:
    authenticator(national_analyst)
    codes = mfa.renew_backup_codes(national_analyst)
    client = _password_only(national_analyst)
    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert StaticToken.objects.count() == 9
    other = _password_only(national_analyst)
    assert other.post(VERIFY, {"code": codes[0]}).status_code == 400


def test_it_answers_api_calls_of_a_session_without_the_second_factor_with_json_403(
    national_analyst: Any,
) -> None:
    client = _password_only(national_analyst)
    response = client.get("/api/v1/venues/")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    assert "multi-factor" in response.json()["detail"]


def test_it_ignores_a_token_header_on_pages(national_analyst: Any) -> None:
    client = _password_only(national_analyst)
    response = client.get("/venues/", HTTP_AUTHORIZATION="Token made-up")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:mfa_setup"))


def test_it_does_not_fall_back_to_the_session_when_an_api_token_is_refused(
    national_analyst: Any,
) -> None:
    client = _password_only(national_analyst)
    assert client.get("/api/v1/venues/", HTTP_AUTHORIZATION="Token made-up").status_code == 401


def test_it_only_follows_next_urls_on_this_site(national_analyst: Any) -> None:
    device = authenticator(national_analyst)
    client = _password_only(national_analyst)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_it_lets_the_user_sign_out_without_a_code(national_analyst: Any) -> None:
    authenticator(national_analyst)
    client = _password_only(national_analyst)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session
