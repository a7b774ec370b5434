"""The law's names and the legal-clock texts in Khmer: the Code of Criminal Procedure and the
Law on Drug Control by their Khmer titles, the clock's notes in Khmer. Whether the Khmer
wording was checked against the official text is kept in the data, never shown."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from sahakar.arrests.models import CustodyRule, Offence
from sahakar.arrests.tests.conftest import record
from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.models import LegalClockRule, PenaltyBand
from sahakar.cases.tests.conftest import bring_to, first_defendant, make_case
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

CCP_KM = "ក្រមនីតិវិធីព្រហ្មទណ្ឌ"
LDC_KM = "ច្បាប់ស្ដីពីការត្រួតពិនិត្យគ្រឿងញៀន"
NOT_SHOWN = [
    "Code of Criminal Procedure",
    "Law on Drug Control",
    "UNVERIFIED",
    "Khmer label to be reviewed",
    "legal translator",
    "official text",
]


def in_khmer(client: Any) -> Any:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    return client


def test_it_keeps_the_khmer_wording_and_its_check_in_the_data() -> None:
    for rule in LegalClockRule.objects.filter(active=True):
        assert rule.article_km.startswith(CCP_KM) and rule.note_km, rule.code
        assert not rule.km_verified  # not yet checked against the official text
        assert "translator" not in rule.note
    for offence in Offence.objects.all():
        assert offence.article_km.startswith(LDC_KM), offence.code
    for custody in CustodyRule.objects.all():
        assert custody.legal_basis_km.startswith(CCP_KM)
    for band in PenaltyBand.objects.all():
        assert band.penalty_km and band.legal_basis_km.startswith(LDC_KM) and band.note_km


def test_it_shows_the_clock_and_its_law_in_khmer(signed_in: Any, pp_investigator: Any) -> None:
    case = bring_to(
        make_case(pp_investigator, offence_class="felony"), Stage.CHARGED, pp_investigator
    )
    services.record_detention(
        first_defendant(case),
        detained_since=timezone.now() - timedelta(days=3),
        acting_user=pp_investigator,
    )
    page = in_khmer(signed_in("pp_investigator")).get(case.get_absolute_url()).content.decode()
    assert f"{CCP_KM} (ឆ្នាំ 2007) មាត្រា 208" in page
    assert "ចៅក្រមស៊ើបសួរ" in page  # the clock's note
    for phrase in NOT_SHOWN:
        assert phrase not in page, phrase
    assert "km_verified" not in page


def test_it_shows_the_custody_rule_and_offences_in_khmer(signed_in: Any, pp_officer: Any) -> None:
    arrest = record(f.first_district(f.PHNOM_PENH))
    page = in_khmer(signed_in("pp_officer")).get(arrest.get_absolute_url()).content.decode()
    assert f"{CCP_KM} មាត្រា 96" in page
    assert LDC_KM in page
    for phrase in NOT_SHOWN:
        assert phrase not in page, phrase
