"""A form sent without its CSRF token is refused, on pages and on the session API."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sahakar.security.models import ApiToken
from sahakar.security.tests.helpers import sign_in
from sahakar.testing import factories as f
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db

VENUE = {"name": "Blue Moon", "kind": "bar", "org_unit": "", "address": ""}


def _csrf_client(user: Any) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_it_refuses_a_record_form_sent_without_the_token(pp_officer: Any) -> None:
    client = _csrf_client(pp_officer)
    data = {**VENUE, "org_unit": f.unit(f.PHNOM_PENH).pk}
    response = client.post(reverse("venues:venue_add"), data)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Form refused" in page and "<style" not in page  # our page, within the CSP
    assert not Venue.objects.exists()


def test_it_accepts_the_same_form_with_the_token(pp_officer: Any) -> None:
    client = _csrf_client(pp_officer)
    page = client.get(reverse("security:token_create")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    data = {"name": "export", "lifetime": "30", "csrfmiddlewaretoken": token.group(1)}
    assert client.post(reverse("security:token_create"), data).status_code == 200
    assert ApiToken.objects.filter(user=pp_officer).exists()


def test_it_refuses_a_security_form_sent_without_the_token(pp_officer: Any) -> None:
    client = _csrf_client(pp_officer)
    response = client.post(reverse("security:token_create"), {"name": "x", "lifetime": "30"})
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_it_refuses_a_sign_in_sent_without_the_token(pp_officer: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    assert sign_in(client, "pp_officer").status_code == 403
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_session_api_write_without_the_token(pp_officer: Any) -> None:
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(pp_officer)
    response = api.post(
        "/api/v1/venues/", {"name": "Blue Moon", "kind": "bar", "org_unit": "12"}, format="json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
