"""Exhibit labels: the QR payload a phone camera opens, and the printed label sheet.

The payload is a link to the exhibit on this deployment that also spells out what the label
says, so a code read by any phone shows the exhibit number, seizure, substance and seal:

    https://sahakar.example/evidence/x/EX-PP-2026-00001/?sz=SZ-PP-2026-00007&d=METH&seal=S-0042

Only the exhibit number decides which exhibit opens (`code_from`); the rest is for the reader.
The sheet is A4 with 2 x 7 labels of 99.1 x 38.1 mm (the common L7163 sheet); one exhibit's
label prints on a page of one label's size, for a label printer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import unquote, urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from sahakar.core.pdf import render_pdf
from sahakar.evidence.models import Exhibit
from sahakar.evidence.qr import qr_data_uri

LABELS_PER_PAGE = 14  # 2 columns x 7 rows
MAX_CODE_LENGTH = 300  # a pasted payload with a long seal number still fits
PAYLOAD_MARK = "/evidence/x/"


def site_base(request: HttpRequest | None = None) -> str:
    """Where the deployment answers: SAHAKAR_SITE_URL if set, else the request's own host."""
    configured = str(getattr(settings, "SAHAKAR_SITE_URL", "") or "")
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


def payload_for(exhibit: Exhibit, base: str) -> str:
    """The QR payload of an exhibit: the link a phone opens, with what the label says."""
    query = {"sz": exhibit.seizure.reference}
    if exhibit.substance is not None:
        query["d"] = exhibit.substance.code
    query["seal"] = exhibit.seal_number
    path = reverse("evidence:exhibit_by_code", args=[exhibit.reference])
    return f"{base}{path}?{urlencode(query)}"


def code_from(text: str) -> str:
    """The exhibit number in what was typed or scanned: a payload link or the number itself.

    Returns "" when there is nothing that could be an exhibit number.
    """
    text = (text or "").strip()[:MAX_CODE_LENGTH]
    if PAYLOAD_MARK in text:
        path = urlsplit(text).path if "://" in text else text.split("?", 1)[0]
        text = path.split(PAYLOAD_MARK, 1)[-1].split("/", 1)[0]
        text = unquote(text)
    code = text.split("?", 1)[0].strip().strip("/").upper()
    # Not printable: a NUL byte, which PostgreSQL refuses in any text it is asked to match.
    if not code or len(code) > 40 or any(c.isspace() for c in code) or not code.isprintable():
        return ""
    return code


@dataclass(frozen=True)
class Label:
    reference: str
    seizure_reference: str
    substance: str
    substance_code: str
    seal_number: str
    gross_weight_g: Decimal | None
    payload: str
    qr: str  # data: URI of the code's PNG image

    @property
    def gross(self) -> str:
        """The gross weight in grams without trailing zeros: 250.5, 1200."""
        if self.gross_weight_g is None:
            return ""
        return f"{self.gross_weight_g.normalize():f}"


def label_for(exhibit: Exhibit, base: str) -> Label:
    payload = payload_for(exhibit, base)
    substance = exhibit.substance
    return Label(
        reference=exhibit.reference,
        seizure_reference=exhibit.seizure.reference,
        substance=str(substance) if substance is not None else "",
        substance_code=substance.code if substance is not None else "",
        seal_number=exhibit.seal_number,
        gross_weight_g=exhibit.gross_weight_g,
        payload=payload,
        qr=qr_data_uri(payload),
    )


def pages_of(labels: Sequence[Label], per_page: int = LABELS_PER_PAGE) -> list[Sequence[Label]]:
    return [labels[i : i + per_page] for i in range(0, len(labels), per_page)]


def label_sheet_pdf(
    exhibits: Iterable[Exhibit], *, base: str, single: bool = False, request: HttpRequest | None
) -> bytes:
    """The labels of the exhibits, in the order given: an A4 sheet, or one label's page."""
    labels = [label_for(exhibit, base) for exhibit in exhibits]
    context = {"pages": pages_of(labels, 1 if single else LABELS_PER_PAGE), "single": single}
    return render_pdf("evidence/pdf/labels.html", context, request)
