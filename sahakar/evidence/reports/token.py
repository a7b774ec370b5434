"""The signed token a report carries in its QR code and its embedded data.

    1.x.EX-PP-2026-00042.20260314T101500Z.42:5.<hash>.<signature>

Fields, separated by dots: format version; subject kind (x exhibit, c case file); subject
reference; issue time (UTC); the events covered as exhibit-id:count pairs; the SHA-256 of the
canonical payload (base64url); and the Ed25519 signature (base64url) of everything before it,
prefixed with "sahakar custody report\\n" so it cannot be mistaken for any other signature.
Everything but the signature is covered by it: a token with an edited count or hash fails.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sahakar.evidence.reports.canonical import CASE, EXHIBIT, Coverage

VERSION = "1"
DOMAIN = b"sahakar custody report\n"
KINDS = {EXHIBIT: "x", CASE: "c"}
TIME_FORMAT = "%Y%m%dT%H%M%SZ"
_REFERENCE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
_COUNTS = re.compile(r"^(\d{1,12}:\d{1,9}(,\d{1,12}:\d{1,9})*)?$")
_TIME = re.compile(r"^\d{8}T\d{6}Z$")
MAX_LENGTH = 4000


class TokenError(ValueError):
    """Not a token this system issues (malformed, or its signature does not verify)."""


class Signed:
    """A parsed token: what it covers, the hash it signs, and whether its signature holds."""

    def __init__(self, coverage: Coverage, digest: bytes, body: str, signature: bytes) -> None:
        self.coverage = coverage
        self.digest = digest
        self.body = body
        self.signature = signature

    @property
    def hash_hex(self) -> str:
        return self.digest.hex()

    @property
    def signature_text(self) -> str:
        return b64(self.signature)

    def signature_holds(self, key: Ed25519PublicKey) -> bool:
        try:
            key.verify(self.signature, DOMAIN + self.body.encode("ascii"))
        except InvalidSignature:
            return False
        return True


def issue(coverage: Coverage, digest: bytes, key: Ed25519PrivateKey) -> str:
    body = _body(coverage, digest)
    return f"{body}.{b64(key.sign(DOMAIN + body.encode('ascii')))}"


def parse(text: str) -> Signed:
    """The token's parts; TokenError when it is not one (its signature is checked apart)."""
    text = text.strip()
    if len(text) > MAX_LENGTH or not text.isascii():
        raise TokenError("not a report token")
    if "/verify/" in text:  # a whole URL scanned from the QR code
        text = text.rsplit("/verify/", 1)[1].split("?", 1)[0].strip("/")
    parts = text.split(".")
    if len(parts) != 7 or parts[0] != VERSION:
        raise TokenError("not a report token")
    _version, kind, reference, issued, counts, digest, signature = parts
    kinds = {letter: name for name, letter in KINDS.items()}
    if kind not in kinds or not _REFERENCE.match(reference) or not _TIME.match(issued):
        raise TokenError("not a report token")
    if not _COUNTS.match(counts):
        raise TokenError("not a report token")
    try:
        issued_at = datetime.strptime(issued, TIME_FORMAT).replace(tzinfo=UTC)
        pairs = tuple(
            (int(pk), int(n)) for pk, n in (pair.split(":") for pair in counts.split(",") if pair)
        )
        raw_digest, raw_signature = unb64(digest), unb64(signature)
    except (ValueError, binascii.Error) as exc:
        raise TokenError("not a report token") from exc
    if len(raw_digest) != 32 or len(raw_signature) != 64:
        raise TokenError("not a report token")
    coverage = Coverage(kinds[kind], reference, pairs, issued_at)
    return Signed(coverage, raw_digest, text.rsplit(".", 1)[0], raw_signature)


def _body(coverage: Coverage, digest: bytes) -> str:
    counts = ",".join(f"{pk}:{n}" for pk, n in coverage.counts)
    issued = coverage.issued_at.astimezone(UTC).strftime(TIME_FORMAT)
    return ".".join(
        [VERSION, KINDS[coverage.kind], coverage.reference, issued, counts, b64(digest)]
    )


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def unb64(text: str) -> bytes:
    """Strict: only the one text b64() gives for the bytes (no spare bits set)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64(data) != text:
        raise ValueError("not canonical base64url")
    return data
