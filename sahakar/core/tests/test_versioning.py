"""Optimistic concurrency: a write based on a stale copy is refused, never silently applied."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.core.models import StaleWrite
from sahakar.testing import factories as f
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db


def test_it_counts_versions_and_refuses_a_stale_save() -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    stale = Venue.objects.get(pk=venue.pk)
    venue.name = "First writer"
    venue.save()
    assert venue.version == 2
    stale.name = "Second writer"
    with pytest.raises(StaleWrite):
        stale.save()
    venue.refresh_from_db()
    assert (venue.name, venue.version) == ("First writer", 2)


def test_it_answers_409_to_a_stale_form_and_keeps_the_first_write(
    client: Any, pp_officer: Any
) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Original")
    Venue.objects.filter(pk=venue.pk).update(version=5)  # someone saved meanwhile
    client.force_login(pp_officer)
    response = client.post(
        reverse("venues:venue_edit", args=[venue.pk]),
        {
            "name": "Overwrite",
            "kind": "karaoke",
            "org_unit": venue.org_unit_id,
            "expected_version": 1,
        },
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    venue.refresh_from_db()
    assert venue.name == "Original"


def test_it_answers_409_to_a_stale_api_update(api: Any, pp_officer: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Original")
    api.force_authenticate(pp_officer)
    url = f"/api/v1/venues/{venue.pk}/"
    fresh = api.patch(url, {"name": "First", "version": 1}, format="json")
    assert fresh.status_code == 200 and fresh.json()["version"] == 2
    stale = api.patch(url, {"name": "Second", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version"
    venue.refresh_from_db()
    assert venue.name == "First"


def test_it_requires_the_version_for_an_api_update(api: Any, pp_officer: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Original")
    api.force_authenticate(pp_officer)
    response = api.patch(f"/api/v1/venues/{venue.pk}/", {"name": "New"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


def test_it_refuses_an_edit_form_sent_without_its_version(client: Any, pp_officer: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Original")
    client.force_login(pp_officer)
    response = client.post(
        reverse("venues:venue_edit", args=[venue.pk]),
        {"name": "Overwrite", "kind": "karaoke", "org_unit": venue.org_unit_id},
    )
    assert response.status_code == 400
    assert "sent without the version" in response.content.decode()
    venue.refresh_from_db()
    assert (venue.name, venue.version) == ("Original", 1)


def test_it_needs_no_version_to_create_a_record(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.post(
        reverse("venues:venue_add"),
        {"name": "New bar", "kind": "bar", "org_unit": f.unit(f.PHNOM_PENH).pk},
    )
    assert response.status_code == 302
    assert Venue.objects.filter(name="New bar", version=1).exists()
