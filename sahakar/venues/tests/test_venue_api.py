"""The venues endpoint: list, filter, create, update, delete, with structured errors."""

from typing import Any

import pytest

from sahakar.testing import factories as f
from sahakar.testing.records import RecordApiTests
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db


def test_it_lists_and_filters_venues(api: Any, pp_officer: Any) -> None:
    f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV", kind="karaoke")
    f.make_venue(f.unit(f.PHNOM_PENH), name="Port One", kind="port")
    api.force_authenticate(pp_officer)
    body = api.get("/api/v1/venues/", {"kind": "port"}).json()
    assert body["count"] == 1 and body["results"][0]["name"] == "Port One"
    assert body["results"][0]["org_unit"] == "12"


def test_it_creates_a_venue_by_org_unit_code(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    code = f.first_district(f.PHNOM_PENH).code
    response = api.post(
        "/api/v1/venues/",
        {"name": "New KTV", "kind": "karaoke", "org_unit": code},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1
    assert Venue.objects.get(name="New KTV").org_unit.code == code


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"org_unit": "999999"}, "org_unit"),
        ({"org_unit": "17"}, "org_unit"),  # Siem Reap: outside a Phnom Penh officer's scope
        ({"kind": "spaceship"}, "kind"),
        ({"latitude": "11.5"}, "longitude"),
        ({"longitude": "500", "latitude": "1"}, "longitude"),
        ({"name": ""}, "name"),
    ],
)
def test_it_answers_400_with_the_field_and_saves_nothing(
    api: Any, pp_officer: Any, payload: dict[str, str], field: str
) -> None:
    api.force_authenticate(pp_officer)
    data = {"name": "Bad", "kind": "bar", "org_unit": "12", **payload}
    response = api.post("/api/v1/venues/", data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Venue.objects.exists()


def test_it_answers_400_not_500_to_a_malformed_body(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    response = api.post("/api/v1/venues/", "{not json", content_type="application/json")
    assert response.status_code == 400


class TestVenueEndpoint(RecordApiTests):
    model = Venue
    endpoint = "/api/v1/venues/"

    def make(self) -> Venue:
        return f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV")

    def payload(self) -> dict[str, Any]:
        return {"name": "X", "kind": "bar", "org_unit": "12"}
