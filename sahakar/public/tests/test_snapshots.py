"""Snapshots: a published month never changes silently; a change is a new, dated revision."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import Client, override_settings

from sahakar.audit.models import AuditEntry
from sahakar.public.models import Snapshot
from sahakar.public.services import content_hash, publish_month
from sahakar.statistics.models import Fact

pytestmark = pytest.mark.django_db

MONTH = date(2026, 10, 1)


def test_it_publishes_nothing_new_when_the_figures_are_unchanged(
    published: Snapshot, clock: None
) -> None:
    again = publish_month(MONTH, acting_user=None)
    assert not again.created
    assert again.snapshot.pk == published.pk
    assert Snapshot.objects.filter(month=MONTH).count() == 1


def test_it_keeps_the_hash_stable(published: Snapshot) -> None:
    stored = Snapshot.objects.get(pk=published.pk)
    assert content_hash(stored.content) == published.sha256 == stored.sha256


def test_it_publishes_changed_figures_as_a_dated_revision(
    published: Snapshot, client: Client
) -> None:
    Fact.objects.filter(family="drug", period__gte=MONTH, period__lt=date(2026, 11, 1)).update(
        x=F("x") + 7
    )
    with time_machine.travel("2026-12-03 09:00 +07:00", tick=False):
        second = publish_month(MONTH, acting_user=None)
    assert second.created
    assert second.snapshot.revision == 2
    first = Snapshot.objects.get(month=MONTH, revision=1)
    assert first.content == published.content and first.sha256 == published.sha256
    assert second.snapshot.sha256 != published.sha256
    html = client.get("/public/2026-10/").content.decode()
    assert "Revised on 2026-12-03 (revision 2)." in html
    assert "?revision=1" in html and "Revision 1, 2026-11-25" in html
    old = client.get("/public/2026-10/?revision=1").content.decode()
    assert published.sha256 in old and "the current one is revision 2" in old
    assert AuditEntry.objects.filter(object_id=str(second.snapshot.pk), action="create").exists()


def test_it_publishes_a_new_revision_when_the_threshold_changes(
    published: Snapshot, clock: None
) -> None:
    with override_settings(SAHAKAR_PUBLIC_MIN_COUNT=10):
        result = publish_month(MONTH, acting_user=None)
    assert result.created and result.snapshot.threshold == 10


def test_it_never_changes_a_published_snapshot(published: Snapshot) -> None:
    with pytest.raises(ValueError):
        published.save()
    with pytest.raises(ValueError):
        published.delete()


def test_it_publishes_from_the_command_and_refuses_months_not_ended(
    published: Snapshot, clock: None
) -> None:
    out = StringIO()
    call_command("publish_figures", "--month", "2026-10", stdout=out)
    assert "unchanged since revision 1" in out.getvalue()
    for month in ("2026-11", "2027-01", "2026-13", "October"):
        with pytest.raises(CommandError):
            call_command("publish_figures", "--month", month, stdout=StringIO())
    call_command("publish_figures", stdout=out)  # the last whole month: October
    assert Snapshot.objects.filter(month=MONTH).count() == 1
