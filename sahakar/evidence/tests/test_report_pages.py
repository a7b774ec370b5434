"""The report pages: an exhibit's or a case file's custody report, for those who may see them."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pypdf
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from sahakar.audit.models import AuditEntry
from sahakar.cases.models import CaseFile
from sahakar.conftest import VerifiedClient, login
from sahakar.evidence.reports import filesig, keys, verify
from sahakar.testing import factories as f
from sahakar.testing.custody_reports import custody_chain
from sahakar.testing.evidence import take_in

PP = ZoneInfo("Asia/Phnom_Penh")
NOW = datetime(2026, 3, 14, 17, 0, tzinfo=PP)
START = datetime(2026, 3, 14, 8, 0, tzinfo=PP)


def test_a_custodian_downloads_an_exhibits_signed_report(room):
    with time_machine.travel(NOW, tick=False):
        exhibit = custody_chain(room, START)
        response = login(VerifiedClient(), room.custodian).get(
            reverse("evidence:exhibit_report", args=[exhibit.pk])
        )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert exhibit.reference in response["Content-Disposition"]
    data = response.content
    filesig.check(data, keys.public_key())
    verdict = verify.check_file(data)
    assert verdict.verified and verdict.event_count == 6
    entry = AuditEntry.objects.filter(action="export").latest("pk")
    assert entry.detail["hash"] == verdict.hash_hex


def test_the_qr_code_and_printed_address_point_at_this_host(room):
    with time_machine.travel(NOW, tick=False):
        exhibit = custody_chain(room, START)
        data = (
            login(VerifiedClient(), room.custodian)
            .get(reverse("evidence:exhibit_report", args=[exhibit.pk]))
            .content
        )
    token = filesig.envelope(data).token
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    text = "".join("".join(page.extract_text().split()) for page in pages)
    assert f"http://testserver/evidence/verify/{token}" in text
    assert verify.check_token(token).verified


def test_outside_the_jurisdiction_there_is_no_report(room, sr_officer, signed_in):
    exhibit = take_in(room)
    url = reverse("evidence:exhibit_report", args=[exhibit.pk])
    assert signed_in("sr_officer").get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to sign in


def test_a_case_report_covers_every_exhibit_of_its_seizures(room, pp_investigator, signed_in):
    with time_machine.travel(NOW, tick=False):
        first = custody_chain(room, START)
        second = take_in(room, first.seizure, at=START)
        case = CaseFile.objects.create(title="Ring on road 5", org_unit=f.unit(f.PHNOM_PENH))
        case.seizures.add(first.seizure)
        response = signed_in("pp_investigator").get(reverse("evidence:case_report", args=[case.pk]))
    assert response.status_code == 200
    verdict = verify.check_file(response.content)
    assert verdict.verified and verdict.event_count == 7
    assert verdict.reference == case.reference
    assert verdict.coverage is not None
    assert sorted(pk for pk, _n in verdict.coverage.counts) == sorted([first.pk, second.pk])


def test_a_case_report_is_refused_when_an_exhibit_is_out_of_sight(room, pp_prosecutor, signed_in):
    case = CaseFile.objects.create(title="Two provinces", org_unit=f.unit(f.PHNOM_PENH))
    case.seizures.add(take_in(room).seizure)
    sr_seizure = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    case.seizures.add(sr_seizure)
    take_in(room, sr_seizure)
    response = signed_in("pp_prosecutor").get(reverse("evidence:case_report", args=[case.pk]))
    assert response.status_code == 403


def test_production_without_a_key_answers_plainly(room):
    exhibit = take_in(room)
    client = login(VerifiedClient(), room.custodian)
    with override_settings(SAHAKAR_PRODUCTION=True, DEBUG=False, SAHAKAR_REPORT_SIGNING_KEY=""):
        response = client.get(reverse("evidence:exhibit_report", args=[exhibit.pk]))
        page = Client().get(reverse("evidence:verify"))
    assert response.status_code == 503 and page.status_code == 503
    assert "the deployment has no report key" in response.content.decode()
