"""The audit trail names a record's type as the pages do ("Person"), in the page's language,
not as Django's content types write it ("Persons | person")."""

from typing import Any

from django.conf import settings
from django.urls import reverse

from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f


def test_it_names_the_record_type_in_khmer(signed_in: Any, auditor: Any) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Record Type Person")
    entry = AuditEntry.objects.filter(object_repr=str(person)).latest("seq")
    client = signed_in("auditor")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    for url in (reverse("audit:auditentry_list"), entry.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "បុគ្គល" in page, url
        assert "Persons | person" not in page, url


def test_it_names_the_record_type_in_english(signed_in: Any, auditor: Any) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Record Type Person")
    entry = AuditEntry.objects.filter(object_repr=str(person)).latest("seq")
    page = signed_in("auditor").get(entry.get_absolute_url()).content.decode()
    assert "Person #" in page
