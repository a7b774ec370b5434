"""Signing in as a person does: the real sign-in form, then the authenticator code."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sahakar.testing import factories as f


def sign_in(client: Client, username: str, password: str = f.PASSWORD, **extra: Any) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def code_for(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def authenticator(user: Any) -> TOTPDevice:
    """A confirmed authenticator for `user`, as after enrolment."""
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def signed_in(user: Any) -> Client:
    """A plain client through password (and code, if the user has an authenticator)."""
    client = Client()
    assert sign_in(client, user.get_username()).status_code == 302
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        response = client.post(reverse("security:mfa_verify"), {"code": code_for(device)})
        assert response.status_code == 302, response.content
    return client
