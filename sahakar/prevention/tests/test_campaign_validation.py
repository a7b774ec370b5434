"""Bad input on the page and in the API is refused with a specific error and saves nothing."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.prevention.models import AudienceCount, Campaign
from sahakar.prevention.tests.conftest import api_payload, page_data

pytestmark = pytest.mark.django_db


def nothing_saved() -> bool:
    return not Campaign.objects.exists() and not AudienceCount.objects.exists()


def test_it_refuses_a_negative_audience_count(
    client: Any, api: Any, prevention_officer: Any
) -> None:
    client.force_login(prevention_officer)
    rows = [{"sex": "F", "age_group": "under_15", "count": "-5"}]
    response = client.post(reverse("prevention:campaign_add"), page_data(rows))
    assert response.status_code == 400
    formset = response.context["extra_forms"]["audience"]
    assert "count" in formset.forms[0].errors
    api.force_authenticate(prevention_officer)
    body = api_payload(audience=[{"sex": "F", "age_group": "under_15", "count": -5}])
    answer = api.post("/api/v1/campaigns/", body, format="json")
    assert answer.status_code == 400
    assert "count" in answer.json()["audience"][0]
    assert nothing_saved()


def test_it_refuses_an_end_before_the_start(client: Any, api: Any, prevention_officer: Any) -> None:
    client.force_login(prevention_officer)
    data = page_data([], starts_on="2026-03-10", ends_on="2026-03-09")
    response = client.post(reverse("prevention:campaign_add"), data)
    assert response.status_code == 400
    assert "ends_on" in response.context["form"].errors
    api.force_authenticate(prevention_officer)
    body = api_payload(starts_on="2026-03-10", ends_on="2026-03-09")
    answer = api.post("/api/v1/campaigns/", body, format="json")
    assert answer.status_code == 400 and "ends_on" in answer.json()
    assert nothing_saved()


def test_it_refuses_counting_a_group_twice(client: Any, api: Any, prevention_officer: Any) -> None:
    client.force_login(prevention_officer)
    row = {"sex": "M", "age_group": "15_24", "count": "10"}
    response = client.post(reverse("prevention:campaign_add"), page_data([row, row]))
    assert response.status_code == 400
    assert response.context["extra_forms"]["audience"].non_form_errors()
    api.force_authenticate(prevention_officer)
    twice = [{"sex": "M", "age_group": "15_24", "count": 10}] * 2
    answer = api.post("/api/v1/campaigns/", api_payload(audience=twice), format="json")
    assert answer.status_code == 400
    assert answer.json()["audience"][0] == {} and "age_group" in answer.json()["audience"][1]
    assert nothing_saved()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"org_unit": "99"}, "org_unit"),
        ({"organiser": "NOPE"}, "organiser"),
        ({"partners": ["MOH", "NOPE"]}, "partners"),
        ({"kind": "rave"}, "kind"),
        ({"audience": [{"sex": "X", "age_group": "15_24", "count": 1}]}, "audience"),
        ({"audience": [{"sex": "F", "age_group": "15-24", "count": 1}]}, "audience"),
        ({"audience": [{"sex": "F", "age_group": "15_24", "count": 10**12}]}, "audience"),
        ({"materials": "", "materials_quantity": 20}, "materials"),
        ({"organiser": "MOH", "partners": ["MOH"]}, "partners"),
        ({"starts_on": "2026-02-30"}, "starts_on"),
    ],
)
def test_it_refuses_bad_input_in_the_api(
    api: Any, prevention_officer: Any, changes: dict[str, Any], field: str
) -> None:
    api.force_authenticate(prevention_officer)
    answer = api.post("/api/v1/campaigns/", api_payload(**changes), format="json")
    assert answer.status_code == 400
    assert field in answer.json()
    assert nothing_saved()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"materials": "", "materials_quantity": "20"}, "materials"),
        ({"starts_on": "10/03/2026x"}, "starts_on"),
    ],
)
def test_it_refuses_bad_input_on_the_page(
    client: Any, prevention_officer: Any, changes: dict[str, Any], field: str
) -> None:
    client.force_login(prevention_officer)
    response = client.post(reverse("prevention:campaign_add"), page_data([], **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert nothing_saved()


def test_it_refuses_the_organiser_as_its_own_partner_on_the_page(
    client: Any, prevention_officer: Any
) -> None:
    client.force_login(prevention_officer)
    data = page_data([], partners=[page_data([])["organiser"]])
    response = client.post(reverse("prevention:campaign_add"), data)
    assert response.status_code == 400
    assert "partners" in response.context["form"].errors
    assert nothing_saved()
