"""Venue pages: list with filters, detail with inspection history, create and edit."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.testing import factories as f
from sahakar.testing.access import assert_out_of_scope
from sahakar.testing.records import RecordPageTests
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db


def test_it_lists_searches_and_filters_venues(client: Any, pp_officer: Any) -> None:
    f.make_venue(f.first_district(f.PHNOM_PENH), name="Sky KTV", kind="karaoke")
    f.make_venue(f.unit(f.PHNOM_PENH), name="Riverside Port", kind="port")
    client.force_login(pp_officer)
    page = client.get(reverse("venues:venue_list")).content.decode()
    assert "Sky KTV" in page and "Riverside Port" in page
    found = client.get(reverse("venues:venue_list"), {"q": "sky"}).content.decode()
    assert "Sky KTV" in found and "Riverside Port" not in found
    ports = client.get(reverse("venues:venue_list"), {"kind": "port"}).content.decode()
    assert "Riverside Port" in ports and "Sky KTV" not in ports
    district = f.first_district(f.PHNOM_PENH).code
    within = client.get(reverse("venues:venue_list"), {"org_unit": district}).content.decode()
    assert "Sky KTV" in within and "Riverside Port" not in within
    ordered = client.get(reverse("venues:venue_list"), {"sort": "-name"}).content.decode()
    assert ordered.index("Sky KTV") < ordered.index("Riverside Port")


def test_it_shows_a_venue_with_its_inspection_history(client: Any, pp_officer: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV")
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    f.make_inspection(operation, venue, result="drugs_found")
    client.force_login(pp_officer)
    page = client.get(venue.get_absolute_url()).content.decode()
    assert "Sky KTV" in page
    assert operation.reference in page
    assert "drugs found" in page


def test_it_creates_a_venue_from_the_form(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    form = client.get(reverse("venues:venue_add"))
    assert form.status_code == 200
    # Only org units inside the officer's jurisdiction are offered.
    assert "Siem Reap" not in form.content.decode()
    response = client.post(
        reverse("venues:venue_add"),
        {
            "name": "Golden Club",
            "kind": "nightclub",
            "org_unit": f.first_district(f.PHNOM_PENH).pk,
            "latitude": "11.5564",
            "longitude": "104.9282",
            "licence_number": "PP-NC-001",
        },
    )
    venue = Venue.objects.get(name="Golden Club")
    assert response.status_code == 302 and response["Location"] == venue.get_absolute_url()
    assert venue.created_by == pp_officer


def test_it_edits_a_venue(client: Any, pp_officer: Any) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Old name")
    client.force_login(pp_officer)
    response = client.post(
        reverse("venues:venue_edit", args=[venue.pk]),
        {"name": "New name", "kind": "bar", "org_unit": venue.org_unit_id, "expected_version": 1},
    )
    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.name, venue.kind, venue.version) == ("New name", "bar", 2)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"latitude": "11.5"}, "longitude", "both latitude and longitude"),
        ({"latitude": "95", "longitude": "104"}, "latitude", "less than or equal to 90"),
        ({"kind": "spaceship"}, "kind", "Select a valid choice"),
        ({"name": ""}, "name", "This field is required"),
    ],
)
def test_it_refuses_bad_input_next_to_the_field_and_saves_nothing(
    client: Any, pp_officer: Any, changes: dict[str, str], field: str, message: str
) -> None:
    client.force_login(pp_officer)
    data = {"name": "Kept name", "kind": "bar", "org_unit": f.unit(f.PHNOM_PENH).pk, **changes}
    response = client.post(reverse("venues:venue_add"), data)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert not Venue.objects.exists()
    if data["name"]:
        assert 'value="Kept name"' in response.content.decode()  # what was typed is kept


def test_it_refuses_an_org_unit_outside_the_jurisdiction(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.post(
        reverse("venues:venue_add"),
        {"name": "Far away", "kind": "bar", "org_unit": f.unit(f.SIEM_REAP).pk},
    )
    assert response.status_code == 400
    assert "org_unit" in response.context["form"].errors
    assert not Venue.objects.exists()


def test_it_hides_venues_outside_the_jurisdiction(client: Any, api: Any, pp_officer: Any) -> None:
    venue = f.make_venue(f.unit(f.SIEM_REAP), name="Angkor Night Club")
    assert_out_of_scope(client, api, pp_officer, venue, "Angkor Night Club")


class TestVenuePages(RecordPageTests):
    model = Venue

    def make(self) -> Venue:
        return f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV")
