"""The campaigns endpoint: audience counts nested, written with the campaign in one go."""

from typing import Any

import pytest

from sahakar.prevention.models import Campaign
from sahakar.prevention.tests.conftest import api_payload, make_campaign
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_creates_a_campaign_with_its_audience(api: Any, prevention_officer: Any) -> None:
    api.force_authenticate(prevention_officer)
    answer = api.post("/api/v1/campaigns/", api_payload(), format="json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["total_reached"] == 75 and body["organiser"] == "MOH"
    assert body["partners"] == ["NACD"] and body["org_unit"] == f.PHNOM_PENH
    assert sorted((a["sex"], a["count"]) for a in body["audience"]) == [("F", 40), ("M", 35)]
    assert Campaign.objects.get().reference == body["reference"]


def test_it_replaces_the_audience_on_update(api: Any, prevention_officer: Any) -> None:
    campaign = make_campaign(audience={("F", "15_24"): 10, ("M", "15_24"): 12})
    female = campaign.audience.get(sex="F")
    api.force_authenticate(prevention_officer)
    url = f"/api/v1/campaigns/{campaign.pk}/"
    answer = api.patch(
        url,
        {
            "version": campaign.version,
            "audience": [
                {"sex": "F", "age_group": "15_24", "count": 14},
                {"sex": "U", "age_group": "35_plus", "count": 3},
            ],
        },
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["total_reached"] == 17
    assert campaign.audience.get(sex="F").pk == female.pk  # corrected, not replaced
    assert not campaign.audience.filter(sex="M").exists()
    kept = api.patch(url, {"version": answer.json()["version"], "title": "New"}, format="json")
    assert kept.status_code == 200 and kept.json()["total_reached"] == 17


def test_it_requires_the_version_read(api: Any, prevention_officer: Any) -> None:
    campaign = make_campaign()
    api.force_authenticate(prevention_officer)
    url = f"/api/v1/campaigns/{campaign.pk}/"
    assert api.patch(url, {"title": "x"}, format="json").status_code == 400
    stale = api.patch(url, {"title": "x", "version": campaign.version + 1}, format="json")
    assert stale.status_code == 409
    assert Campaign.objects.get(pk=campaign.pk).title == "Drug-free school talk"


def test_it_filters_the_list(api: Any, national_analyst: Any) -> None:
    make_campaign(title="A", kind="workplace", audience={("M", "25_34"): 30})
    make_campaign(title="B", organiser=f.agency("MOH"))
    api.force_authenticate(national_analyst)
    body = api.get("/api/v1/campaigns/", {"kind": "workplace"}).json()
    assert [c["title"] for c in body["results"]] == ["A"]
    assert body["results"][0]["total_reached"] == 30
    assert [
        c["title"] for c in api.get("/api/v1/campaigns/", {"organiser": "MOH"}).json()["results"]
    ] == ["B"]
    assert api.post("/api/v1/campaigns/", api_payload(), format="json").status_code == 403
