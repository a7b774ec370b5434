"""The printable arrest record: a PDF of the arrest and its custody in the user's language,
linked from the arrest's page, for an arrest the user may see only, audited as an export."""

from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from sahakar.arrests.tests.conftest import local, record
from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)


def test_it_prints_the_arrest_record_with_the_person_and_the_deadline(web: Any) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara")
    arrest = record(person=person, arrived_at=local(2025, 3, 1, 23, 30))
    page = web.get(arrest.get_absolute_url()).content.decode()
    url = f"/arrests/{arrest.pk}/record.pdf"
    assert f'href="{url}"' in page
    response = web.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert arrest.reference in text and "Arrest record" in text
    assert "Sok Dara" in text
    assert "2025-03-03 23:30" in text  # the custody deadline, in Phnom Penh time
    entry = AuditEntry.objects.filter(action="export").latest("seq")
    assert entry.object_id == str(arrest.pk) and entry.detail["document"] == "arrest-record"


def test_it_prints_the_arrest_record_in_khmer(web: Any) -> None:
    arrest = record()
    web.cookies["django_language"] = "km"
    text = _text(web.get(f"/arrests/{arrest.pk}/record.pdf").content)
    assert arrest.reference in text and "Arrest record" not in text
    assert any("\u1780" <= ch <= "\u17ff" for ch in text)


def test_it_refuses_an_arrest_outside_the_users_jurisdiction(client: Any, sr_officer: Any) -> None:
    arrest = record()
    client.force_login(sr_officer)
    assert client.get(f"/arrests/{arrest.pk}/record.pdf").status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()
