"""Who sees campaigns, and that prevention officers never see suspects."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sahakar.arrests.models import Arrest
from sahakar.prevention.tests.conftest import make_campaign
from sahakar.testing import factories as f
from sahakar.testing.access import assert_out_of_scope

pytestmark = pytest.mark.django_db


def test_it_hides_campaigns_held_outside_the_jurisdiction(
    client: Any, api: Any, sr_prevention_officer: Any
) -> None:
    campaign = make_campaign(f.PHNOM_PENH, title="Phnom Penh school talk")
    assert_out_of_scope(client, api, sr_prevention_officer, campaign, "Phnom Penh school talk")


@pytest.mark.parametrize("persona", ["pp_officer", "outsider"])
def test_it_hides_campaigns_from_roles_without_prevention(
    client: Any, api: Any, persona: str, request: Any
) -> None:
    campaign = make_campaign(f.PHNOM_PENH, title="Phnom Penh school talk")
    assert_out_of_scope(client, api, request.getfixturevalue(persona), campaign, "school talk")


def test_it_offers_only_org_units_inside_the_jurisdiction(
    client: Any, api: Any, sr_prevention_officer: Any
) -> None:
    client.force_login(sr_prevention_officer)
    form = client.get(reverse("prevention:campaign_add")).context["form"]
    codes = set(form.fields["org_unit"].queryset.values_list("code", flat=True))
    assert f.SIEM_REAP in codes and f.PHNOM_PENH not in codes


def _arrest_of(person: Any) -> Arrest:
    moment = timezone.now() - timedelta(hours=2)
    return Arrest.objects.create(
        person=person,
        arrested_at=moment,
        arrived_at=moment + timedelta(minutes=30),
        org_unit=person.org_unit,
        place_description="Street 271",
        arresting_agency=f.agency("ADB-PP"),
        suspect_role="dealer",
        custody_deadline=moment + timedelta(hours=48, minutes=30),
    )


def test_it_never_shows_suspects_to_prevention_officers(
    client: Any, api: Any, prevention_officer: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara", name_km="សុខ ដារ៉ា")
    arrest = _arrest_of(person)
    campaign = make_campaign(f.PHNOM_PENH, audience={("M", "15_24"): 12})
    client.force_login(prevention_officer)
    api.force_authenticate(prevention_officer)
    for url in (
        person.get_absolute_url(),
        f"/persons/{person.pk}/edit/",
        f"/arrests/{arrest.pk}/",
        f"/arrests/{arrest.pk}/edit/",
        f"/api/v1/persons/{person.pk}/",
        f"/api/v1/arrests/{arrest.pk}/",
    ):
        assert (client if not url.startswith("/api/") else api).get(url).status_code == 404, url
    for path in ("/persons/", "/arrests/", "/api/v1/persons/", "/api/v1/arrests/"):
        response = (client if not path.startswith("/api/") else api).get(path)
        assert "Sok Dara" not in response.content.decode(), path
    for url in (
        reverse("prevention:campaign_list"),
        campaign.get_absolute_url(),
        reverse("prevention:campaign_edit", args=[campaign.pk]),
        f"/api/v1/campaigns/{campaign.pk}/",
        "/api/v1/campaigns/",
    ):
        response = (client if not url.startswith("/api/") else api).get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Sok Dara" not in text and "សុខ ដារ៉ា" not in text
        assert reverse("persons:person_list") not in text and arrest.reference not in text
