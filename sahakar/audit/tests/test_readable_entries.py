"""An audit entry's detail and snapshots read as labelled rows, never as a Python repr."""

from typing import Any

import pytest

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f
from sahakar.testing.pages import main_text, reprs_in

pytestmark = pytest.mark.django_db


def test_it_reads_a_sign_in_detail_as_words(client: Any, auditor: Any) -> None:
    entry = record(AuditAction.LOGIN, detail={"factor": "totp", "ids": [3, 4], "extra": None})
    client.force_login(auditor)
    response = client.get(entry.get_absolute_url())
    assert reprs_in(response) == []
    text = main_text(response)
    assert "Factor authenticator app" in text and "Records 3, 4" in text


def test_it_labels_a_snapshot_by_the_records_field_names(client: Any, auditor: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV")
    venue.name = "Sky KTV 2"
    venue.save()
    entry = AuditEntry.objects.filter(action="update", object_id=str(venue.pk)).latest("seq")
    client.force_login(auditor)
    response = client.get(entry.get_absolute_url())
    assert reprs_in(response) == []
    assert "Sky KTV 2" in main_text(response)
