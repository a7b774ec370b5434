"""Reusable record tests, NetBox style: an app's test class names its model and says how to
make one record in the Phnom Penh field officer's scope (and, for the API, what to post); the
mixin brings the checks every record type shares.

    class TestVenuePages(RecordPageTests):
        model = Venue
        def make(self) -> Venue: ...
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.urls import reverse


class _RecordTests:
    model: ClassVar[type[models.Model]]

    def make(self) -> Any:
        """One record the Phnom Penh field officer may see and change."""
        raise NotImplementedError

    def listed_as(self, record: Any) -> str:
        """What the list shows of the record (its str by default)."""
        return str(record)

    def route(self, view: str, *args: Any) -> str:
        meta = self.model._meta
        return reverse(f"{meta.app_label}:{meta.model_name}_{view}", args=args)


class RecordPageTests(_RecordTests):
    """The list, detail, add and edit pages: anonymous users are sent to sign in, writers see
    the record, read-only roles read it but never get a form."""

    def test_it_sends_anonymous_users_to_sign_in(self, client: Any, db: Any) -> None:
        record = self.make()
        for url in (
            self.route("list"),
            self.route("add"),
            record.get_absolute_url(),
            self.route("edit", record.pk),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/login/"), url

    def test_it_lists_and_shows_the_record_to_a_writer(self, web: Any) -> None:
        record = self.make()
        assert self.listed_as(record) in web.get(self.route("list")).content.decode()
        assert web.get(record.get_absolute_url()).status_code == 200
        assert web.get(self.route("add")).status_code == 200
        assert web.get(self.route("edit", record.pk)).status_code == 200

    def test_it_keeps_read_only_roles_out_of_the_forms(
        self, client: Any, national_analyst: Any
    ) -> None:
        record = self.make()
        client.force_login(national_analyst)
        assert client.get(record.get_absolute_url()).status_code == 200
        assert client.get(self.route("add")).status_code == 403
        assert client.get(self.route("edit", record.pk)).status_code == 404


class RecordApiTests(_RecordTests):
    """The endpoint: authentication required, list and detail for a reader, creation refused
    to read-only roles and nothing saved, deletion by an administrator where allowed."""

    endpoint: ClassVar[str]  # "/api/v1/venues/"
    deletable: ClassVar[bool] = True

    def payload(self) -> dict[str, Any]:
        """A valid new record as the Phnom Penh field officer would post it."""
        raise NotImplementedError

    def test_it_requires_authentication(self, api: Any, db: Any) -> None:
        record = self.make()
        assert api.get(self.endpoint).status_code in (401, 403)
        assert api.get(f"{self.endpoint}{record.pk}/").status_code in (401, 403)

    def test_it_lists_and_shows_the_record(self, pp_api: Any) -> None:
        record = self.make()
        listed = pp_api.get(self.endpoint).json()
        assert [row["id"] for row in listed["results"]] == [record.pk]
        assert pp_api.get(f"{self.endpoint}{record.pk}/").json()["id"] == record.pk

    def test_it_refuses_creation_to_read_only_roles(self, api: Any, national_analyst: Any) -> None:
        api.force_authenticate(national_analyst)
        response = api.post(self.endpoint, self.payload(), format="json")
        assert response.status_code == 403
        assert not self.model._default_manager.exists()

    def test_it_lets_an_administrator_delete(self, api: Any, admin_user: Any) -> None:
        record = self.make()
        api.force_authenticate(admin_user)
        answer = api.delete(f"{self.endpoint}{record.pk}/")
        if self.deletable:
            assert answer.status_code == 204
            assert not self.model._default_manager.filter(pk=record.pk).exists()
        else:
            assert answer.status_code in (403, 405)
            assert self.model._default_manager.filter(pk=record.pk).exists()
