"""The signature line after a report's %%EOF: Ed25519 over every byte before it.

    %SAHAKAR-SIGNATURE <base64 signature>

PDF readers ignore what follows %%EOF, so the file opens as usual; a verifier splits the line
off and checks the signature over the bytes before it, so one changed byte anywhere fails. The
signature is over the raw bytes, so `openssl pkeyutl -verify -rawin` can check it too.

The report's data (its token and canonical payload) travel inside the PDF as an embedded
file, a JSON envelope, so that the file alone says what it covers.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

MARKER = b"%SAHAKAR-SIGNATURE "
ENVELOPE_FORMAT = "sahakar-custody-report-envelope/1"


class FileError(ValueError):
    """The file is not a signed report, or its signature does not verify."""


@dataclass(frozen=True)
class Envelope:
    token: str
    payload: bytes  # the canonical JSON, exactly as hashed


def seal(pdf: bytes, key: Ed25519PrivateKey) -> bytes:
    if not pdf.endswith(b"\n"):
        pdf += b"\n"
    signature = base64.b64encode(key.sign(pdf))
    return pdf + MARKER + signature + b"\n"


def split(data: bytes) -> tuple[bytes, bytes]:
    """(signed bytes, signature); FileError when there is no well-formed signature line."""
    trimmed = data.rstrip(b"\r\n")
    at = trimmed.rfind(b"\n" + MARKER)
    if at < 0 or not data.startswith(b"%PDF-"):
        raise FileError("no Sahakar signature")
    body, line = trimmed[: at + 1], trimmed[at + 1 + len(MARKER) :]
    try:
        signature = base64.b64decode(line, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise FileError("the signature line is damaged") from exc
    if len(signature) != 64 or base64.b64encode(signature) != line:
        raise FileError("the signature line is damaged")
    if data[len(trimmed) :] not in (b"", b"\n", b"\r\n"):
        raise FileError("bytes were added after the signature")
    return body, signature


def check(data: bytes, key: Ed25519PublicKey) -> bytes:
    """The signed bytes when the signature holds; FileError otherwise."""
    body, signature = split(data)
    try:
        key.verify(signature, body)
    except InvalidSignature as exc:
        raise FileError("the signature does not match the file") from exc
    return body


def envelope_json(token: str, payload: bytes) -> bytes:
    data = {"format": ENVELOPE_FORMAT, "token": token, "payload": payload.decode("utf-8")}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def envelope(pdf: bytes) -> Envelope:
    """The report data embedded in the PDF; FileError when there is none."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(io.BytesIO(pdf)).attachments
        contents = [content for name in attachments for content in attachments[name]]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FileError("the file cannot be read as a PDF") from exc
    for content in contents:
        found = _parse_envelope(content)
        if found is not None:
            return found
    raise FileError("the PDF holds no report data")


def _parse_envelope(content: bytes) -> Envelope | None:
    try:
        data: Any = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != ENVELOPE_FORMAT:
        return None
    token, payload = data.get("token"), data.get("payload")
    if not isinstance(token, str) or not isinstance(payload, str):
        return None
    return Envelope(token, payload.encode("utf-8"))
