"""The custody report PDF: every event in order, in English or Khmer, with its hash, signature,
QR code and signature line."""

import io
import json
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from django.utils import translation

from sahakar.evidence.reports import canonical, document, filesig, keys, token
from sahakar.testing.custody_reports import custody_chain
from sahakar.testing.pdfs import rasterize

PP = ZoneInfo("Asia/Phnom_Penh")
NOW = datetime(2026, 3, 14, 17, 0, tzinfo=PP)
START = datetime(2026, 3, 14, 8, 0, tzinfo=PP)


@pytest.fixture
def exhibit(room):
    room.vault.name_km = "ឃ្លាំងភស្តុតាង"
    room.vault.save()
    with time_machine.travel(NOW, tick=False):
        return custody_chain(room, START)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _keep(name: str, pdf: bytes) -> None:
    """SAHAKAR_KEEP_PDFS=/some/dir keeps the rendered reports, to look at them."""
    folder = os.environ.get("SAHAKAR_KEEP_PDFS")
    if folder:
        Path(folder, name).write_bytes(pdf)


def test_the_report_lists_every_event_in_order_with_its_proof(exhibit):
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        report = document.exhibit_report(exhibit)
    _keep("custody-report-en.pdf", report.pdf)
    text = _text(report.pdf)
    assert exhibit.reference in text and exhibit.seizure.reference in text
    kinds = ["Intake", "Transfer", "Submitted to laboratory", "Received", "Laboratory result"]
    positions = [text.index(kind) for kind in kinds]
    assert positions == sorted(positions)
    for fact in ("pp_custodian", "lab_analyst", "PP-VAULT", "NACD-LAB", "SAFE", "NL-2026-0042"):
        assert fact in text
    assert "Purity: 24.5 %" in text and "net 1,998 tablets" in text
    assert "Corrects event no. 5." in text and "Courier officer" in text
    assert report.digest.hex() in text and report.token.rsplit(".", 1)[1] in text
    assert report.coverage.event_count == 6 and report.token.startswith("1.x." + exhibit.reference)


def test_the_report_is_signed_byte_for_byte_and_carries_its_event_list(exhibit):
    with time_machine.travel(NOW, tick=False):
        report = document.exhibit_report(exhibit)
    body = filesig.check(report.pdf, keys.public_key())
    assert report.pdf.startswith(body) and body.rstrip().endswith(b"%%EOF")
    envelope = filesig.envelope(report.pdf)
    assert envelope.token == report.token
    assert canonical.digest(envelope.payload) == report.digest
    payload = json.loads(envelope.payload)
    assert payload["subject"] == {"kind": "exhibit", "reference": exhibit.reference}
    assert payload["issued_at"] == "2026-03-14T10:00:00.000000Z"
    assert [e["seq"] for e in payload["events"]] == [1, 2, 3, 4, 5, 6]
    lab = payload["events"][4]
    assert (lab["purity_percent"], lab["net_quantity"], lab["net_unit"]) == (
        "24.50",
        "1998.000",
        "tablets",
    )
    assert payload["events"][5]["corrects"] == 5
    assert token.parse(report.token).signature_holds(keys.public_key())


def test_the_report_reads_in_khmer(exhibit):
    with time_machine.travel(NOW, tick=False), translation.override("km"):
        report = document.exhibit_report(exhibit)
    _keep("custody-report-km.pdf", report.pdf)
    text = _text(report.pdf)
    assert exhibit.reference in text
    # (pypdf reads some stacked Khmer clusters back out of order: these words it reads whole)
    assert "របាយការណ៍" in text  # "report", in the title
    assert "វត្ថុតាង" in text  # "exhibit"
    assert "ការផ្ទេរ" in text  # the transfer event
    assert "Transfer" not in text


def test_the_qr_code_leads_to_the_verification_page(exhibit, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")

    with time_machine.travel(NOW, tick=False):
        report = document.exhibit_report(exhibit)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report.pdf)
    found = [
        result.text
        for page in rasterize(pdf.read_bytes(), dpi=150)
        for result in zxingcpp.read_barcodes(page)
    ]
    assert found == [f"/evidence/verify/{report.token}"]


def test_a_destruction_names_its_place_method_orders_and_witnesses(exhibit, room):
    from datetime import timedelta

    from django.db import transaction

    from sahakar.evidence import services
    from sahakar.evidence.models import DestructionBatch, DestructionWitness
    from sahakar.testing import factories as f

    with time_machine.travel(NOW, tick=False), transaction.atomic():
        batch = DestructionBatch.objects.create(
            destroyed_at=NOW - timedelta(hours=1),
            org_unit=f.unit(f.PHNOM_PENH),
            site=room.site,
            place="Incinerator yard, Dangkao",
            method="incineration",
            order_references="PPO-2026-117",
            committee_members="Committee chair, NACD",
        )
        for name, agency in (("Witness One", "PPO-PP"), ("Witness Two", "CFI-PP")):
            DestructionWitness.objects.create(
                batch=batch, name=name, position="observer", agency=f.agency(agency)
            )
        # The destruction service belongs to the batch pages; the event is what matters here.
        services._append(
            exhibit,
            "destroyed",
            acting_user=room.lab_analyst,
            occurred_at=NOW - timedelta(hours=1),
            from_store=room.lab,
            destruction=batch,
            order_reference="PPO-2026-117",
        )
        report = document.exhibit_report(exhibit)
    text = _text(report.pdf)
    assert f"Destruction {batch.reference}: Incinerator yard, Dangkao, incineration" in text
    assert "Witnesses: Witness One, observer (PPO-PP); Witness Two, observer (CFI-PP)" in text
    payload = json.loads(filesig.envelope(report.pdf).payload)
    assert [w["name"] for w in payload["events"][-1]["destruction"]["witnesses"]] == [
        "Witness One",
        "Witness Two",
    ]
