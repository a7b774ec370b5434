"""The public verification page: by the QR code's token or by the uploaded file, it says
whether a report matches the record and whether events were added since, without signing in
and without showing any personal data; anything altered does not verify, never a 500."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from sahakar.evidence import services
from sahakar.evidence.reports import document, token
from sahakar.testing.custody_reports import custody_chain

PP = ZoneInfo("Asia/Phnom_Penh")
NOW = datetime(2026, 3, 14, 17, 0, tzinfo=PP)
START = datetime(2026, 3, 14, 8, 0, tzinfo=PP)
PERSONAL = ("pp_custodian", "lab_analyst", "Courier officer", "PP-VAULT", "NL-2026-0042")
MATCHES = "This report is authentic and matches the record."
DOES_NOT_VERIFY = "This report does not verify"


@pytest.fixture
def issued(room):
    with time_machine.travel(NOW, tick=False):
        exhibit = custody_chain(room, START)
        return exhibit, document.exhibit_report(exhibit)


def _by_token(text: str) -> str:
    response = Client().get(reverse("evidence:verify_token", args=[text]))
    assert response.status_code == 200
    return response.content.decode()


def _by_file(data: bytes, status: int = 200) -> str:
    upload = SimpleUploadedFile("report.pdf", data, content_type="application/pdf")
    response = Client().post(reverse("evidence:verify"), {"report": upload})
    assert response.status_code == status
    return response.content.decode()


def _no_personal_data(page: str) -> None:
    for fact in PERSONAL:
        assert fact not in page


def test_a_valid_report_matches_by_its_qr_code_without_signing_in(issued):
    exhibit, report = issued
    page = _by_token(report.token)
    assert MATCHES in page and "No event has been recorded since it was issued." in page
    assert exhibit.reference in page and report.digest.hex() in page
    assert "<dd>6</dd>" in page
    _no_personal_data(page)


def test_a_valid_file_matches_byte_for_byte(issued):
    exhibit, report = issued
    page = _by_file(report.pdf)
    assert MATCHES in page and "the file, byte for byte" in page and exhibit.reference in page
    _no_personal_data(page)


@pytest.mark.parametrize("where", [100, 0.5, -120, -3])
def test_one_changed_byte_anywhere_in_the_file_does_not_verify(issued, where):
    _exhibit, report = issued
    at = int(len(report.pdf) * where) if isinstance(where, float) else where
    changed = bytearray(report.pdf)
    changed[at] ^= 0x01
    page = _by_file(bytes(changed))
    assert DOES_NOT_VERIFY in page and MATCHES not in page
    assert "The file was changed after it was issued" in page


def test_a_file_without_its_signature_line_does_not_verify(issued):
    _exhibit, report = issued
    unsigned = report.pdf[: report.pdf.rindex(b"%SAHAKAR-SIGNATURE")]
    assert DOES_NOT_VERIFY in _by_file(unsigned)
    assert DOES_NOT_VERIFY in _by_file(report.pdf + b"% appended\n")


def test_a_later_event_is_reported_as_added_since(issued, room):
    exhibit, report = issued
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        services.weigh(
            exhibit,
            net_quantity=Decimal("1978"),
            net_unit="tablets",
            occurred_at=NOW + timedelta(hours=1),
            acting_user=room.lab_analyst,
        )
    for page in (_by_token(report.token), _by_file(report.pdf)):
        assert MATCHES in page
        assert "1 later event was recorded after this report" in page
        assert "No event has been recorded since" not in page


@pytest.mark.parametrize("field", [4, 5])  # the counts, the hash
def test_a_forged_token_with_an_edited_count_or_hash_does_not_verify(issued, field):
    _exhibit, report = issued
    parts = report.token.split(".")
    if field == 4:
        pk, count = parts[4].split(":")
        parts[4] = f"{pk}:{int(count) - 1}"
    else:
        parts[5] = token.b64(bytes(32))
    page = _by_token(".".join(parts))
    assert DOES_NOT_VERIFY in page and MATCHES not in page
    assert "The code was changed" in page


@pytest.mark.parametrize(
    "text", ["nonsense", "1.x.EX-1.20260314T100000Z.1:1.AAAA.BBBB", "1." * 20, "%E2%98%83"]
)
def test_garbage_does_not_verify_and_never_fails(db, text):
    assert DOES_NOT_VERIFY in _by_token(text)


def test_a_report_signed_with_another_key_does_not_verify(room):
    with time_machine.travel(NOW, tick=False):
        exhibit = custody_chain(room, START)
        with override_settings(SECRET_KEY="another deployment's secret key, long enough"):
            report = document.exhibit_report(exhibit)
    assert DOES_NOT_VERIFY in _by_token(report.token)
    assert DOES_NOT_VERIFY in _by_file(report.pdf)


def test_a_report_no_longer_matches_when_a_name_it_printed_changed(issued, room):
    _exhibit, report = issued
    room.vault.code = "PP-VAULT-2"
    room.vault.save()
    page = _by_token(report.token)
    assert "it no longer matches the record" in page and MATCHES not in page


def test_a_file_that_is_not_a_pdf_is_refused_at_its_field(db):
    page = _by_file(b"hello", status=400)
    assert "This is not a PDF file." in page
    response = Client().post(reverse("evidence:verify"), {})
    assert response.status_code == 400


def test_the_page_works_at_phone_width_without_inline_code(db):
    response = Client().get(reverse("evidence:verify"))
    page = response.content.decode()
    assert response.status_code == 200 and "<style" not in page and "<script>" not in page
    assert 'enctype="multipart/form-data"' in page


def test_a_case_report_counts_the_events_of_an_exhibit_added_since(room):
    from sahakar.cases.models import CaseFile
    from sahakar.testing import factories as f
    from sahakar.testing.evidence import take_in

    with time_machine.travel(NOW, tick=False):
        exhibit = custody_chain(room, START)
        case = CaseFile.objects.create(title="Road 5 ring", org_unit=f.unit(f.PHNOM_PENH))
        case.seizures.add(exhibit.seizure)
        report = document.case_report(case, [exhibit])
        assert MATCHES in _by_token(report.token)
        take_in(room, exhibit.seizure, at=START)  # a second package of the same seizure
    page = _by_token(report.token)
    assert MATCHES in page and "1 later event was recorded after this report" in page
    assert case.reference in page
