"""Two people editing one seizure: the second save, made on a stale copy, is refused (409)
and changes nothing; the seizure's version guards its items and property too."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.seizures.models import Seizure
from sahakar.seizures.tests.conftest import as_sent, counts
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def seizure() -> Seizure:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    return seizure


def _someone_else_edits(seizure: Seizure) -> None:
    copy = Seizure.objects.get(pk=seizure.pk)
    copy.notes = "Edited by a colleague."
    copy.save()


def test_it_refuses_a_stale_save_on_the_page(web: Client, seizure: Seizure) -> None:
    url = reverse("seizures:seizure_edit", args=[seizure.pk])
    data = as_sent(web.get(url))
    _someone_else_edits(seizure)
    data["items-0-quantity"] = "9999"
    before = counts()
    response = web.post(url, data)
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert counts() == before
    assert seizure.items.get().quantity == Decimal("2000")


def test_it_refuses_a_stale_save_in_the_api(pp_api: APIClient, seizure: Seizure) -> None:
    url = reverse("api:seizure-detail", args=[seizure.pk])
    body = pp_api.get(url).json()
    _someone_else_edits(seizure)
    body["items"][0]["quantity"] = "9999"
    before = counts()
    response = pp_api.put(url, body, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    assert counts() == before
    assert seizure.items.get().quantity == Decimal("2000")


def test_it_wants_the_version_read_for_an_api_update(pp_api: APIClient, seizure: Seizure) -> None:
    url = reverse("api:seizure-detail", args=[seizure.pk])
    response = pp_api.patch(url, {"notes": "no version"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["version"]
