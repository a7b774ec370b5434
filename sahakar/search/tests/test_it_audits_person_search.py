"""Searching persons is a look at personal data: the persons shown are logged as viewed."""

from typing import Any

from django.contrib.contenttypes.models import ContentType

from sahakar.audit.models import AuditEntry
from sahakar.persons.models import Person
from sahakar.search.tests.conftest import search
from sahakar.testing import factories as f


def test_it_logs_the_persons_a_search_showed(signed_in: Any, chea_vibol: Any) -> None:
    search(signed_in("pp_officer"), "Vibol Chea")
    entry = AuditEntry.objects.filter(
        action="view",
        content_type=ContentType.objects.get_for_model(Person),
        username="pp_officer",
    ).latest("seq")
    assert entry.detail["ids"] == [chea_vibol.pk]
    assert entry.detail["purpose"] == "search"
    assert entry.detail["query"] == "Vibol Chea"


def test_it_logs_nothing_when_no_person_is_shown(signed_in: Any, db: Any) -> None:
    f.make_venue(f.unit(f.PHNOM_PENH), name="Golden Star Karaoke")
    search(signed_in("pp_officer"), "golden star")
    person_type = ContentType.objects.get_for_model(Person)
    assert not AuditEntry.objects.filter(action="view", content_type=person_type).exists()
