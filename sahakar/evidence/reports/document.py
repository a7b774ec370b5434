"""Issuing a custody report: the payload, its hash and token, the PDF, its signature line."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from sahakar.core.pdf import render_pdf
from sahakar.evidence.models import CustodyEvent, Exhibit
from sahakar.evidence.qr import qr_data_uri
from sahakar.evidence.reports import canonical, filesig, keys, token
from sahakar.evidence.reports.canonical import CASE, EXHIBIT, Coverage

TEMPLATE = "evidence/pdf/custody_report.html"


@dataclass(frozen=True)
class IssuedReport:
    pdf: bytes
    token: str
    coverage: Coverage
    digest: bytes


def exhibit_report(exhibit: Exhibit, request: HttpRequest | None = None) -> IssuedReport:
    return issue(EXHIBIT, exhibit.reference, [exhibit], {"exhibit": exhibit}, request)


def case_report(
    case: Any, exhibits: Sequence[Exhibit], request: HttpRequest | None = None
) -> IssuedReport:
    return issue(CASE, case.reference, exhibits, {"case": case}, request)


def issue(
    kind: str,
    reference: str,
    exhibits: Sequence[Exhibit],
    context: dict[str, Any],
    request: HttpRequest | None,
) -> IssuedReport:
    """Sign what the record holds now for these exhibits, and draw it."""
    key = keys.signing_key()  # first: production without a key refuses before any work
    coverage = canonical.coverage_of(kind, reference, exhibits, timezone.now())
    events = canonical.events_covered(coverage)
    payload = canonical.canonical_bytes(canonical.payload(coverage, events))
    digest = canonical.digest(payload)
    signed = token.issue(coverage, digest, key)
    url = reverse("evidence:verify_token", args=[signed])
    if request is not None:
        url = request.build_absolute_uri(url)
    envelope = filesig.envelope_json(signed, payload)
    values = {
        **context,
        "subject_kind": kind,
        "reference": reference,
        "exhibits": _exhibit_sections(exhibits, events),
        "event_count": coverage.event_count,
        "issued_at": coverage.issued_at,
        "hash_hex": digest.hex(),
        "signature": signed.rsplit(".", 1)[1],
        "key_fingerprint": keys.fingerprint(key.public_key()),
        "verify_url": url,
        "qr_data_uri": qr_data_uri(url),
        "envelope_data_uri": "data:application/json;base64,"
        + base64.b64encode(envelope).decode("ascii"),
    }
    pdf = render_pdf(TEMPLATE, values, request)
    return IssuedReport(filesig.seal(pdf, key), signed, coverage, digest)


def _exhibit_sections(
    exhibits: Sequence[Exhibit], events: list[CustodyEvent]
) -> list[dict[str, Any]]:
    by_exhibit: dict[int, list[CustodyEvent]] = {}
    for event in events:
        by_exhibit.setdefault(event.exhibit_id, []).append(event)
    km = translation.get_language() == "km"
    return [
        {
            "exhibit": exhibit,
            "events": [_row(event, km) for event in by_exhibit.get(exhibit.pk, [])],
        }
        for exhibit in sorted(exhibits, key=lambda e: e.pk)
    ]


def _row(event: CustodyEvent, km: bool) -> dict[str, Any]:
    return {
        "event": event,
        "actor": event.actor.get_full_name() or event.actor.get_username(),
        "username": event.actor.get_username(),
        "from_place": _place(event.from_store, event.from_location, km),
        "to_place": _place(event.to_store, event.to_location, km),
        "witnesses": list(event.destruction.witnesses.all()) if event.destruction else [],
    }


def _place(store: Any, location: Any, km: bool) -> str:
    if store is None:
        return ""
    name = store.name_km if km and store.name_km else store.name
    text = f"{store.code} {name}"
    return f"{text} / {location.code}" if location is not None else text
