"""Setting up TOTP: required for administrators, auditors and national users before they
see anything, open to everyone from their Security page."""

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sahakar.audit.models import AuditEntry
from sahakar.security import mfa
from sahakar.security.tests.helpers import authenticator, code_for, sign_in, signed_in
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

SETUP = reverse("security:mfa_setup")
START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def _password_only(user: Any) -> Client:
    client = Client()
    assert sign_in(client, user.get_username()).status_code == 302
    return client


@pytest.mark.parametrize("persona", ["national_analyst", "auditor", "admin_user"])
def test_it_sends_users_who_require_mfa_to_set_it_up_first(
    persona: str, request: pytest.FixtureRequest
) -> None:
    client = _password_only(request.getfixturevalue(persona))
    for url in ("/", "/venues/", "/security/", "/api/v1/docs/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{SETUP}?next="), url


def test_it_requires_mfa_of_superusers(django_user_model: Any) -> None:
    root = django_user_model.objects.create_superuser("root", password=f.PASSWORD)
    client = _password_only(root)
    assert client.get("/")["Location"].startswith(SETUP)


def test_it_does_not_require_mfa_of_a_provincial_officer(pp_officer: Any) -> None:
    assert _password_only(pp_officer).get("/").status_code == 200


def test_it_shows_the_secret_and_a_qr_code_drawn_on_the_page(national_analyst: Any) -> None:
    response = _password_only(national_analyst).get(SETUP)
    assert response.status_code == 200
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=national_analyst, confirmed=False)
    assert mfa.secret_text(device) in page
    svg = re.search(r'<svg role="img" class="qr"[^>]*>(.*?)</svg>', page, re.S)
    assert svg is not None and "<path" in svg.group(1)
    assert re.findall(r"""(?:src|href)=["']https?://""", page) == []
    assert "otpauth://" not in page  # the QR code carries it, no link or image URL


def test_it_confirms_the_app_with_a_first_code_and_shows_backup_codes_once(
    national_analyst: Any,
) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = _password_only(national_analyst)
        client.get(SETUP)
        device = TOTPDevice.objects.get(user=national_analyst, confirmed=False)
        wrong = client.post(SETUP, {"code": "abcdef"})
        assert wrong.status_code == 400 and "not right" in wrong.content.decode()
        traveller.shift(timedelta(seconds=2))  # the back-off after a wrong code
        right = client.post(SETUP, {"code": code_for(device), "next": "/venues/"})
        assert client.get("/venues/").status_code == 200  # this session passed the factor
        overview = client.get(reverse("security:overview")).content.decode()
    assert right.status_code == 200
    page = right.content.decode()
    codes = list(StaticToken.objects.filter(device__user=national_analyst))
    assert len(codes) == 10 and all(code.token in page for code in codes)
    assert 'href="/venues/"' in page
    assert not any(code.token in overview for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="security", detail__event="mfa_enrolled").exists()


def test_it_lets_anyone_turn_mfa_on_from_their_security_page(pp_officer: Any) -> None:
    client = signed_in(pp_officer)
    home = client.get("/").content.decode()
    assert f'href="{reverse("security:overview")}"' in home  # the user's name links there
    overview = client.get(reverse("security:overview")).content.decode()
    assert f'href="{SETUP}"' in overview
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=pp_officer)
    assert client.post(SETUP, {"code": code_for(device)}).status_code == 200
    again = Client()
    sign_in(again, "pp_officer")
    assert again.get("/")["Location"].startswith(reverse("security:mfa_verify"))


def test_it_does_not_let_the_password_alone_replace_the_authenticator(
    national_analyst: Any,
) -> None:
    authenticator(national_analyst)
    client = _password_only(national_analyst)
    response = client.get(SETUP)
    assert response["Location"].startswith(reverse("security:mfa_verify"))
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(
        reverse("security:mfa_verify")
    )


def test_it_moves_mfa_to_a_new_phone(national_analyst: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        old = authenticator(national_analyst)
        client = signed_in(national_analyst)
        client.get(SETUP)
        new = TOTPDevice.objects.get(user=national_analyst, confirmed=False)
        traveller.shift(timedelta(seconds=30))
        assert client.post(SETUP, {"code": code_for(new)}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=national_analyst)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_it_lets_a_user_who_may_turn_mfa_off(pp_officer: Any) -> None:
    authenticator(pp_officer)
    client = signed_in(pp_officer)
    response = client.post(reverse("security:mfa_disable"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=pp_officer).exists()
    assert AuditEntry.objects.filter(action="security", detail__event="mfa_removed").exists()


def test_it_refuses_to_turn_off_mfa_that_the_role_requires(national_analyst: Any) -> None:
    authenticator(national_analyst)
    client = signed_in(national_analyst)
    assert client.post(reverse("security:mfa_disable")).status_code == 403
    assert TOTPDevice.objects.filter(user=national_analyst).exists()


def test_it_renews_the_backup_codes(pp_officer: Any) -> None:
    authenticator(pp_officer)
    client = signed_in(pp_officer)
    first = client.post(reverse("security:backup_codes"))
    codes = set(StaticToken.objects.values_list("token", flat=True))
    second = client.post(reverse("security:backup_codes"))
    renewed = set(StaticToken.objects.values_list("token", flat=True))
    assert first.status_code == second.status_code == 200
    assert len(renewed) == 10 and not codes & renewed
