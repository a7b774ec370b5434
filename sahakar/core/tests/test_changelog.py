"""Change history: every create, update and delete, attributed in web, API and commands."""

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from sahakar.core.context import acting
from sahakar.core.management.base import AttributedCommand
from sahakar.core.models import ObjectChange
from sahakar.testing import factories as f
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db


def changes_of(obj: Any) -> Any:
    return ObjectChange.objects.filter(object_id=str(obj.pk), content_type__model="venue")


def test_it_records_create_update_and_delete_with_before_and_after(pp_officer: Any) -> None:
    with acting(user=pp_officer, source="test"):
        venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Golden KTV")
        venue.name = "Golden KTV 2"
        venue.save()
        pk = venue.pk
        venue.delete()
    create, update, delete = ObjectChange.objects.filter(
        object_id=str(pk), content_type__model="venue"
    ).order_by("pk")
    assert create.after and update.before and update.after and delete.before
    assert (create.action, update.action, delete.action) == ("create", "update", "delete")
    assert create.before is None and create.after["name"] == "Golden KTV"
    assert update.changed_fields == ["name"]
    assert (update.before["name"], update.after["name"]) == ("Golden KTV", "Golden KTV 2")
    assert delete.after is None and delete.before["name"] == "Golden KTV 2"
    assert {c.user for c in (create, update, delete)} == {pp_officer}


def test_it_records_nothing_when_nothing_changed(pp_officer: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    venue.save()
    assert changes_of(venue).count() == 1


def test_it_attributes_web_changes_to_the_user_and_request(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.post(
        reverse("venues:venue_add"),
        {"name": "Star Club", "kind": "nightclub", "org_unit": f.unit(f.PHNOM_PENH).pk},
        HTTP_USER_AGENT="pytest-browser",
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    venue = Venue.objects.get(name="Star Club")
    change = changes_of(venue).get()
    assert (change.user, change.source, change.ip, change.user_agent) == (
        pp_officer,
        "web",
        "10.1.2.3",
        "pytest-browser",
    )
    assert change.request_id == response["X-Request-ID"]
    assert venue.created_by == pp_officer


def test_it_attributes_api_changes_to_the_token_user(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    response = api.post(
        "/api/v1/venues/", {"name": "Moon Bar", "kind": "bar", "org_unit": "12"}, format="json"
    )
    assert response.status_code == 201, response.content
    change = changes_of(Venue.objects.get(name="Moon Bar")).get()
    assert (change.user, change.source) == (pp_officer, "api")


class _RenameVenue(AttributedCommand):
    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("pk", type=int)

    def run(self, *args: Any, **options: Any) -> None:
        venue = Venue.objects.get(pk=options["pk"])
        venue.name = "Renamed by command"
        venue.save()


def test_it_attributes_command_changes_to_the_command_and_user(admin_user: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    command = _RenameVenue()
    call_command(command, str(venue.pk), "--as-user", admin_user.username)
    change = changes_of(venue).filter(action="update").get()
    assert change.user == admin_user
    assert change.source.startswith("command:")


def test_it_shows_the_history_on_the_record_page(client: Any, pp_officer: Any) -> None:
    with acting(user=pp_officer):
        venue = f.make_venue(f.unit(f.PHNOM_PENH))
        venue.address = "Street 51"
        venue.save()
    client.force_login(pp_officer)
    page = client.get(venue.get_absolute_url()).content.decode()
    assert "address" in page
    assert "pp_officer" in page
