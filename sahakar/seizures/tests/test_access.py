"""Who sees and changes which seizures, on the page and in the API: a seizure outside the
user's jurisdiction does not exist for them (404, absent from lists); read-only roles read."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.seizures.models import Seizure
from sahakar.seizures.tests.conftest import api_payload, counts
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def pp_seizure() -> Seizure:
    seizure = f.make_seizure(f.first_district(f.PHNOM_PENH))
    f.make_item(seizure)
    return seizure


@pytest.fixture
def sr_seizure() -> Seizure:
    seizure = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    f.make_item(seizure, "CANN", "plants", "40", "plants")
    return seizure


def _page(name: str, seizure: Seizure | None = None) -> str:
    return reverse(f"seizures:seizure_{name}", args=[seizure.pk] if seizure else [])


def _api(seizure: Seizure | None = None) -> str:
    if seizure is None:
        return reverse("api:seizure-list")
    return reverse("api:seizure-detail", args=[seizure.pk])


def _listed(response: Any) -> set[str]:
    return {s.reference for s in response.context["table"].data}


def test_it_opens_every_page_for_an_officer_of_the_jurisdiction(
    web: Client, pp_seizure: Seizure
) -> None:
    for url in (
        _page("list"),
        _page("add"),
        _page("detail", pp_seizure),
        _page("edit", pp_seizure),
    ):
        assert web.get(url).status_code == 200, url


def test_it_serves_the_api_to_an_officer_of_the_jurisdiction(
    pp_api: APIClient, pp_seizure: Seizure
) -> None:
    assert pp_api.get(_api()).status_code == 200
    body = pp_api.get(_api(pp_seizure)).json()
    assert body["reference"] == pp_seizure.reference
    assert body["items"][0]["substance"] == "METH"


def test_it_hides_a_seizure_outside_the_jurisdiction_from_pages(
    web: Client, pp_seizure: Seizure, sr_seizure: Seizure
) -> None:
    for name in ("detail", "edit", "delete"):
        assert web.get(_page(name, sr_seizure)).status_code == 404, name
    assert web.post(_page("edit", sr_seizure), {}).status_code == 404
    assert _listed(web.get(_page("list"))) == {pp_seizure.reference}
    assert _listed(web.get(_page("list"), {"q": sr_seizure.reference})) == set()


def test_it_hides_a_seizure_outside_the_jurisdiction_from_the_api(
    pp_api: APIClient, pp_seizure: Seizure, sr_seizure: Seizure
) -> None:
    url = _api(sr_seizure)
    before = counts()
    assert pp_api.get(url).status_code == 404
    assert pp_api.patch(url, {"notes": "x", "version": 1}, format="json").status_code == 404
    assert pp_api.put(url, api_payload(version=1), format="json").status_code == 404
    assert pp_api.delete(url).status_code == 404
    assert counts() == before
    listed = [s["reference"] for s in pp_api.get(_api()).json()["results"]]
    assert listed == [pp_seizure.reference]
    assert pp_api.get(_api(), {"substance": "CANN"}).json()["count"] == 0


def test_it_refuses_a_venue_outside_the_jurisdiction(pp_api: APIClient) -> None:
    venue = f.make_venue(f.unit(f.SIEM_REAP))
    response = pp_api.post(_api(), api_payload(venue=venue.pk), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["venue"]


def test_it_lets_a_national_analyst_read_everything_and_change_nothing(
    client: Client, api: APIClient, national_analyst: Any, pp_seizure: Seizure, sr_seizure: Seizure
) -> None:
    client.force_login(national_analyst)
    assert _listed(client.get(_page("list"))) == {pp_seizure.reference, sr_seizure.reference}
    detail = client.get(_page("detail", sr_seizure))
    assert detail.status_code == 200
    assert "edit_url" not in detail.context
    assert client.get(_page("edit", sr_seizure)).status_code == 404
    assert client.get(_page("add")).status_code == 403
    api.force_authenticate(national_analyst)
    assert api.get(_api()).json()["count"] == 2
    assert api.post(_api(), api_payload(), format="json").status_code == 403
    patch = {"notes": "x", "version": 1}
    assert api.patch(_api(sr_seizure), patch, format="json").status_code == 404


@pytest.mark.parametrize("persona", ["prevention_officer", "outsider"])
def test_it_shows_no_seizure_to_users_without_a_role_for_them(
    client: Client, api: APIClient, persona: str, request: Any, pp_seizure: Seizure
) -> None:
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert _listed(client.get(_page("list"))) == set()
    assert client.get(_page("detail", pp_seizure)).status_code == 404
    assert client.get(_page("add")).status_code == 403
    api.force_authenticate(user)
    assert api.get(_api()).json()["count"] == 0
    assert api.get(_api(pp_seizure)).status_code == 404
    assert api.post(_api(), api_payload(), format="json").status_code == 403


def test_it_asks_anonymous_users_to_sign_in(client: Client, api: APIClient) -> None:
    assert client.get(_page("list"))["Location"].startswith(reverse("login"))
    assert api.get(_api()).status_code == 403
