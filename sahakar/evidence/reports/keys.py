"""The Ed25519 key that signs custody reports.

SAHAKAR_REPORT_SIGNING_KEY holds the private key as PEM (PKCS#8, unencrypted), or the path of
a file holding it. The public key is published at /evidence/report-key.pem so that anyone can
check a report offline (`sahakar verify_report report.pdf --public-key report-key.pem`).

Without the setting, outside production, reports are signed with a development key derived
from SECRET_KEY; production refuses to start without one (settings.py), and this module refuses
to sign with a clear error should it get that far.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SETTING = "SAHAKAR_REPORT_SIGNING_KEY"
PEM_START = "-----BEGIN"


def is_development() -> bool:
    return not getattr(settings, SETTING, "")


def signing_key() -> Ed25519PrivateKey:
    """The deployment's private key: configured, or the development key outside production."""
    raw = getattr(settings, SETTING, "")
    if raw:
        return _parse_private(_read(raw))
    if getattr(settings, "SAHAKAR_PRODUCTION", False) and not settings.DEBUG:
        raise ImproperlyConfigured(
            f"{SETTING} must be set in production: custody reports cannot be signed without it "
            "(make one with `sahakar new_report_key`)."
        )
    return Ed25519PrivateKey.from_private_bytes(_development_seed())


def public_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def public_pem(key: Ed25519PublicKey | None = None) -> bytes:
    """The public key as PEM (SubjectPublicKeyInfo), as published and as openssl reads it."""
    return (key or public_key()).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def fingerprint(key: Ed25519PublicKey | None = None) -> str:
    """A short name for a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    raw = (key or public_key()).public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return hashlib.sha256(raw).hexdigest()[:16]


def load_public_pem(data: bytes) -> Ed25519PublicKey:
    """A published key (or, for convenience, a private one, whose public half is taken)."""
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return _parse_private(data).public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("this is not an Ed25519 public key")
    return key


def new_private_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _read(raw: str) -> bytes:
    if raw.lstrip().startswith(PEM_START):
        return raw.strip().encode("ascii") + b"\n"
    path = Path(raw).expanduser()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"{SETTING} is neither a PEM key nor a readable file ({path}: {exc.strerror})"
        ) from exc


def _parse_private(data: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise ImproperlyConfigured(
            f"{SETTING} does not hold an unencrypted PEM private key: {exc}"
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{SETTING} must be an Ed25519 key")
    return key


def _development_seed() -> bytes:
    """Derived from SECRET_KEY, like the audit development key: never stored anywhere."""
    return hmac.new(
        settings.SECRET_KEY.encode("utf-8"), b"sahakar report development key", hashlib.sha256
    ).digest()
