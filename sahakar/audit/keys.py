"""The secret keys that sign audit entries: HMAC-SHA256 keys the database never holds.

SAHAKAR_AUDIT_KEYS="k2:<base64>,k1:<base64>" names one or more keys by id. The first signs
new entries; every one verifies, so a key is rotated by putting the new one first and keeping
the old ones for as long as their entries must verify. Each entry stores the id of the key
that signed it.

Without SAHAKAR_AUDIT_KEYS, outside production, entries are signed with a development key
derived from SECRET_KEY (id "dev"); production refuses to start without audit keys.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEV_KEY_ID = "dev"
MIN_KEY_BYTES = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


@dataclass(frozen=True)
class AuditKeys:
    keys: dict[str, bytes]  # id -> secret, the signing key first
    development: bool = False

    @property
    def signing_id(self) -> str:
        return next(iter(self.keys))

    def mac(self, key_id: str, entry_hash: str) -> str | None:
        """The entry's MAC under key `key_id`, or None if that key is not held."""
        secret = self.keys.get(key_id)
        if secret is None:
            return None
        message = f"{key_id}:{entry_hash}".encode("ascii")
        return hmac.new(secret, message, hashlib.sha256).hexdigest()


def parse(raw: str) -> dict[str, bytes]:
    """`id:base64,id:base64` as {id: secret}, in order; a clear error for anything else."""
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key_id, sep, encoded = item.partition(":")
        key_id = key_id.strip()
        if not sep or not _KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                "SAHAKAR_AUDIT_KEYS must read id:base64secret[,id:base64secret...] "
                "(ids of letters, digits, . _ -)"
            )
        if key_id in keys:
            raise ImproperlyConfigured(f"SAHAKAR_AUDIT_KEYS names key {key_id!r} twice")
        try:
            secret = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ImproperlyConfigured(f"audit key {key_id!r} is not valid base64") from exc
        if len(secret) < MIN_KEY_BYTES:
            raise ImproperlyConfigured(
                f"audit key {key_id!r} is {len(secret)} bytes; it needs at least {MIN_KEY_BYTES}"
            )
        keys[key_id] = secret
    return keys


def configured() -> AuditKeys | None:
    """The keys from the settings; a development key when none is set outside production."""
    raw = getattr(settings, "SAHAKAR_AUDIT_KEYS", "")
    if raw:
        return AuditKeys(parse(raw))
    if getattr(settings, "SAHAKAR_PRODUCTION", False) and not settings.DEBUG:
        return None
    return AuditKeys({DEV_KEY_ID: development_secret()}, development=True)


def development_secret() -> bytes:
    """The development key: derived from SECRET_KEY, so never stored in the database."""
    return hmac.new(
        settings.SECRET_KEY.encode("utf-8"), b"sahakar audit development key", hashlib.sha256
    ).digest()


def new_key_line(key_id: str) -> str:
    """A fresh random key in the form SAHAKAR_AUDIT_KEYS reads."""
    import secrets

    return f"{key_id}:{base64.b64encode(secrets.token_bytes(MIN_KEY_BYTES)).decode('ascii')}"
