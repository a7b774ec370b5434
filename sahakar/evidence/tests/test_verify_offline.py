"""`sahakar verify_report`: a report checked with the published public key alone, no database."""

import json
import subprocess
import sys
from datetime import datetime, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from cryptography.hazmat.primitives import serialization
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from sahakar.evidence import services
from sahakar.evidence.reports import document, keys
from sahakar.testing.custody_reports import custody_chain

PP = ZoneInfo("Asia/Phnom_Penh")
NOW = datetime(2026, 3, 14, 17, 0, tzinfo=PP)
START = datetime(2026, 3, 14, 8, 0, tzinfo=PP)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def files(room, tmp_path):
    """The report as downloaded and the key as published, both on disk."""
    with time_machine.travel(NOW, tick=False):
        exhibit = custody_chain(room, START)
        report = document.exhibit_report(exhibit)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report.pdf)
    published = Client().get(reverse("evidence:report_key"))
    assert published.status_code == 200
    key = tmp_path / "report-key.pem"
    key.write_bytes(published.content)
    return exhibit, report, pdf, key


def _verify(*args: str, **options: str) -> str:
    out = StringIO()
    call_command("verify_report", *args, stdout=out, **options)
    return out.getvalue()


def test_the_published_key_is_the_public_half_of_the_signing_key(files):
    _exhibit, _report, _pdf, key = files
    loaded = serialization.load_pem_public_key(key.read_bytes())
    assert loaded.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    ) == keys.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert b"PRIVATE" not in key.read_bytes()


def test_a_valid_report_verifies_offline(files):
    exhibit, report, pdf, key = files
    out = _verify(str(pdf), public_key=str(key))
    assert out.startswith("VERIFIED")
    assert f"Subject:    exhibit {exhibit.reference}" in out
    assert "Events:     6" in out and "Issued at:  2026-03-14T10:00:00.000000Z" in out
    assert f"Hash:       {report.digest.hex()}" in out


def test_one_changed_byte_fails_offline_with_a_non_zero_exit(files, tmp_path):
    _exhibit, report, pdf, key = files
    changed = bytearray(report.pdf)
    changed[len(changed) // 3] ^= 0x20
    pdf.write_bytes(bytes(changed))
    with pytest.raises(CommandError, match="DOES NOT VERIFY"):
        _verify(str(pdf), public_key=str(key))
    result = subprocess.run(  # noqa: S603 (the command as a clerk would type it)
        [sys.executable, "manage.py", "verify_report", str(pdf), "--public-key", str(key)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1 and "DOES NOT VERIFY" in result.stderr


def test_a_key_of_another_deployment_fails(files, tmp_path):
    _exhibit, _report, pdf, _key = files
    other = tmp_path / "other.pem"
    private = serialization.load_pem_private_key(keys.new_private_pem(), password=None)
    other.write_bytes(keys.public_pem(private.public_key()))  # type: ignore[arg-type]
    with pytest.raises(CommandError, match="DOES NOT VERIFY"):
        _verify(str(pdf), public_key=str(other))


def test_a_printed_report_is_checked_by_its_scanned_qr_code(files):
    exhibit, report, _pdf, key = files
    scanned = f"https://sahakar.example/evidence/verify/{report.token}"
    out = _verify(token=scanned, public_key=str(key))
    assert out.startswith("VERIFIED") and exhibit.reference in out
    forged = scanned.replace(":6.", ":5.")
    assert forged != scanned
    with pytest.raises(CommandError, match="signature does not hold"):
        _verify(token=forged, public_key=str(key))


def test_a_hidden_later_event_is_found_against_a_newer_export(files, room, tmp_path):
    exhibit, _report, pdf, key = files
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        services.weigh(
            exhibit,
            net_quantity=Decimal("1978"),
            net_unit="tablets",
            occurred_at=NOW + timedelta(hours=1),
            acting_user=room.lab_analyst,
        )
        newer = document.exhibit_report(exhibit)
    newer_pdf = tmp_path / "newer.pdf"
    newer_pdf.write_bytes(newer.pdf)
    export = tmp_path / "events.json"
    _verify(str(newer_pdf), public_key=str(key), payload_out=str(export))
    assert len(json.loads(export.read_text())["events"]) == 7
    with pytest.raises(CommandError, match="1 later event") as raised:
        _verify(str(pdf), public_key=str(key), events_json=str(export))
    assert raised.value.returncode == 2
    # The old report's own events are all in the export, unchanged; a changed one is named.
    data = json.loads(export.read_text())
    data["events"][1]["to_location"] = "A1"
    export.write_text(json.dumps(data))
    with pytest.raises(CommandError, match=r"DOES NOT MATCH .*#2"):
        _verify(str(pdf), public_key=str(key), events_json=str(export))
