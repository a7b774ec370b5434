"""Exhibit labels: the QR payload, and label sheets whose printed codes read back, from the
rasterized PDF, to the exhibits' numbers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from sahakar.evidence.labels import code_from, label_sheet_pdf, payload_for
from sahakar.evidence.qr import qr_matrix
from sahakar.evidence.tests.test_scanning import client_of, exhibit_pages  # noqa: F401
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in
from sahakar.testing.pdfs import rasterize

pytestmark = pytest.mark.django_db
zxingcpp = pytest.importorskip("zxingcpp")
BASE = "https://sahakar.example.gov.kh"


def decoded(pdf: bytes) -> list[list[str]]:
    """The QR codes of each page, read as a scanner would."""
    pages = []
    for image in rasterize(pdf):
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        pages.append([code.text for code in found])
    return pages


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# ---------------------------------------------------------------- the payload


def test_the_payload_says_what_the_label_says_and_stays_short(room: Any) -> None:
    exhibit = take_in(room, seal="SEAL-2026-000417")
    payload = payload_for(exhibit, BASE)
    assert payload == (
        f"{BASE}/evidence/x/{exhibit.reference}/"
        f"?sz={exhibit.seizure.reference}&d=METH&seal=SEAL-2026-000417"
    )
    assert len(payload) <= 120
    assert code_from(payload) == exhibit.reference


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ex-pp-2026-00001", "EX-PP-2026-00001"),
        (" EX-PP-2026-00001 \n", "EX-PP-2026-00001"),
        ("http://h/evidence/x/EX-PP-2026-00001/?sz=SZ&d=METH&seal=A%20B", "EX-PP-2026-00001"),
        ("/evidence/x/EX-PP-2026-00001", "EX-PP-2026-00001"),
        ("", ""),
        ("two words", ""),
        ("x" * 41, ""),
    ],
)
def test_it_finds_the_exhibit_number_in_what_was_typed_or_read(typed: str, code: str) -> None:
    assert code_from(typed) == code


def test_a_qr_code_reads_back_to_its_text() -> None:
    text = f"{BASE}/evidence/x/EX-PP-2026-00001/?sz=SZ-PP-2026-00001&d=METH&seal=S-1"
    matrix = qr_matrix(text)
    image = Image.new("L", (len(matrix), len(matrix)), 255)
    image.putdata([0 if dark else 255 for row in matrix for dark in row])
    image = image.resize((len(matrix) * 8, len(matrix) * 8), Image.Resampling.NEAREST)
    assert [c.text for c in zxingcpp.read_barcodes(image)] == [text]


# ---------------------------------------------------------------- the sheet


def test_a_sheet_of_labels_reads_back_to_the_exhibit_numbers(room: Any) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    exhibits = [take_in(room, seizure, quantity=str(100 + i)) for i in range(16)]
    ids = ",".join(str(e.pk) for e in exhibits)
    response = client_of(room.custodian).get(reverse("evidence:exhibit_labels"), {"ids": ids})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    pages = decoded(pdf)
    assert [len(codes) for codes in pages] == [14, 2]  # 2 x 7 labels a sheet
    read = [code for codes in pages for code in codes]
    assert sorted(code_from(text) for text in read) == sorted(e.reference for e in exhibits)
    assert all(text.startswith("http://testserver/evidence/x/EX-") for text in read)
    assert all(f"sz={seizure.reference}&d=METH&seal=" in text for text in read)
    printed = text_of(pdf)
    for exhibit in exhibits:
        assert exhibit.reference in printed and exhibit.seal_number in printed
    assert seizure.reference in printed and "(METH)" in printed and "250 g" in printed


def test_a_seizures_labels_are_its_exhibits(room: Any) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    mine = [take_in(room, seizure), take_in(room, seizure)]
    take_in(room)  # another seizure's
    response = client_of(room.custodian).get(
        reverse("evidence:exhibit_labels"), {"seizure": seizure.pk}
    )
    assert response.status_code == 200
    assert f"labels-{seizure.reference}.pdf" in response["Content-Disposition"]
    read = [code_from(t) for codes in decoded(response.content) for t in codes]
    assert sorted(read) == sorted(e.reference for e in mine)


def test_one_exhibits_label_prints_on_a_page_of_its_size(room: Any) -> None:
    exhibit = take_in(room)
    response = client_of(room.custodian).get(reverse("evidence:exhibit_label", args=[exhibit.pk]))
    assert response.status_code == 200
    page = PdfReader(io.BytesIO(response.content)).pages
    assert len(page) == 1
    width_mm = float(page[0].mediabox.width) / 72 * 25.4
    height_mm = float(page[0].mediabox.height) / 72 * 25.4
    assert (round(width_mm, 1), round(height_mm, 1)) == (99.1, 38.1)
    assert [code_from(t) for t in decoded(response.content)[0]] == [exhibit.reference]


def test_labels_are_printed_in_khmer_with_the_khmer_substance_name(room: Any) -> None:
    exhibit = take_in(room)
    assert exhibit.substance is not None and exhibit.substance.name_km
    with translation.override("km"):
        pdf = label_sheet_pdf([exhibit], base=BASE, request=None)
    printed = text_of(pdf)
    # "Substance" and the name, shaped by Pango (text extraction splits the vowel ី, so the
    # name is compared without its last syllable).
    assert "សារធាតុ" in printed
    assert exhibit.substance.name_km[:11] in printed
    assert [code_from(t) for t in decoded(pdf)[0]] == [exhibit.reference]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({}, 400, "Choose the exhibits to label"),
        ({"ids": "1,two"}, 400, "“two” is not an exhibit id."),
        ({"ids": "999999"}, 404, "No exhibit 999999 among those you may see."),
        ({"seizure": "abc"}, 404, "No seizure abc among those you may see."),
    ],
)
def test_a_sheet_that_cannot_be_made_says_why(
    room: Any, query: dict[str, str], status: int, message: str
) -> None:
    response = client_of(room.custodian).get(reverse("evidence:exhibit_labels"), query)
    assert response.status_code == status
    assert message in response.content.decode()


def test_labels_print_only_exhibits_the_user_may_see(room: Any) -> None:
    exhibit = take_in(room)  # seized and held in Phnom Penh
    other = client_of(room.sr_custodian)
    sheet = other.get(reverse("evidence:exhibit_labels"), {"ids": str(exhibit.pk)})
    assert sheet.status_code == 404
    assert other.get(reverse("evidence:exhibit_label", args=[exhibit.pk])).status_code == 404
