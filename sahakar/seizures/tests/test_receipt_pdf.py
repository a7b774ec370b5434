"""The printable seizure receipt: a PDF of the seizure in the user's language, linked from the
seizure's page, for a seizure the user may see only, and audited as an export."""

from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)


def _seizure() -> Any:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), agency_code="ADB-PP")
    f.make_item(seizure, markings="WY")
    return seizure


def test_it_prints_the_receipt_with_the_reference_and_items(web: Any) -> None:
    seizure = _seizure()
    page = web.get(seizure.get_absolute_url()).content.decode()
    url = f"/seizures/{seizure.pk}/receipt.pdf"
    assert f'href="{url}"' in page
    response = web.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert seizure.reference in text and "Seizure receipt" in text
    assert "WY" in text and "Witness" in text
    entry = AuditEntry.objects.filter(action="export").latest("seq")
    assert entry.object_id == str(seizure.pk) and entry.detail["document"] == "seizure-receipt"


def test_it_prints_the_receipt_in_khmer(web: Any) -> None:
    seizure = _seizure()
    web.cookies["django_language"] = "km"
    response = web.get(f"/seizures/{seizure.pk}/receipt.pdf")
    text = _text(response.content)
    assert seizure.reference in text and "Seizure receipt" not in text
    assert any("\u1780" <= ch <= "\u17ff" for ch in text)


def test_it_refuses_a_seizure_outside_the_users_jurisdiction(client: Any, sr_officer: Any) -> None:
    seizure = _seizure()
    client.force_login(sr_officer)
    response = client.get(f"/seizures/{seizure.pk}/receipt.pdf")
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()
