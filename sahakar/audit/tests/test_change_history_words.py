"""A record's history names who or what made each change and which fields changed in the
page's language: "system" and field names such as "place_description" are not shown."""

from typing import Any

from django.conf import settings
from django.utils import translation

from sahakar.audit.models import AuditEntry
from sahakar.core.context import acting
from sahakar.testing import factories as f
from sahakar.venues.models import Venue


def test_it_names_the_changed_fields_and_the_source_in_khmer(
    signed_in: Any, pp_officer: Any
) -> None:
    venue = f.make_venue(f.first_district(f.PHNOM_PENH), name="History venue")
    with acting(source="command:fix_names"):
        venue.name = "History venue renamed"
        venue.save()
    entry = AuditEntry.objects.filter(action="update", object_id=str(venue.pk)).latest("seq")
    assert entry.changed_fields == ["name"]
    client = signed_in("pp_officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    page = client.get(venue.get_absolute_url()).content.decode()
    assert "(name)" not in page and "command:fix_names" not in page
    assert "fix_names" in page  # the command's own name stays as typed
    with translation.override("km"):
        name = str(Venue._meta.get_field("name").verbose_name)
    assert f"({name})" in page and name != "name"


def test_it_names_the_source_in_english(db: Any) -> None:
    assert AuditEntry(source="web").source_label == "web pages"
    assert AuditEntry(source="system").source_label == "system"
    assert AuditEntry(source="command:demo").source_label == "command demo"
