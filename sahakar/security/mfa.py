"""The second factor: one TOTP device per user, ten single-use backup codes, and the mark in
the session that this sign-in passed it (django-otp's, read by its OTPMiddleware)."""

from __future__ import annotations

from base64 import b32encode
from typing import TYPE_CHECKING

import django_otp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BACKUP_CODES = 10
TOTP_DIGITS = 6


def is_verified(user: User) -> bool:
    """Whether this request's user passed the second factor in this session (set by
    django-otp's OTPMiddleware; false without it)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if check is not None else False


def has_totp(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def backup_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def pending_device(user: User) -> TOTPDevice:
    """The not yet confirmed device being set up (the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// URL as an SVG QR code, drawn here: no outside host sees the secret."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=10,
        border=2,
    )
    svg: str = image.to_string(encoding="unicode")
    # Our own markup (paths only, no text from the user): safe to inline.
    return mark_safe(svg.replace("<svg ", '<svg role="img" class="qr" ', 1))  # noqa: S308


class MustWait(Exception):
    """Too many wrong codes: the device refuses to check any for a while."""


def normalise(code: str) -> str:
    return "".join(code.split()).lower()


@transaction.atomic
def confirm(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with its first code: it replaces any earlier device, the user gets
    new backup codes (returned, to be shown once) and this session counts as verified."""
    if not device.verify_is_allowed()[0]:
        raise MustWait
    if not device.verify_token(normalise(code)):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = renew_backup_codes(user)
    mark_verified(request, device)
    return codes


@transaction.atomic
def renew_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(user: User, code: str) -> Device | None:
    """The device that accepts `code`: the authenticator for six digits, else a backup
    code (used up). After wrong codes a device waits 1, 2, 4... seconds before it checks
    another (django-otp's back-off): MustWait meanwhile."""
    code = normalise(code)
    model = TOTPDevice if code.isdigit() and len(code) == TOTP_DIGITS else StaticDevice
    with transaction.atomic():
        devices = list(model.objects.filter(user=user, confirmed=True).select_for_update())
        if devices and not any(device.verify_is_allowed()[0] for device in devices):
            raise MustWait
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def mark_verified(request: HttpRequest, device: Device) -> None:
    request.session.cycle_key()  # a new session id for the more trusted session
    django_otp.login(request, device)


def remove(user: User) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
