"""Errors show a generic page: no stack trace, query or path reaches a user."""

from typing import Any

import pytest

from sahakar.core.views.home import HomeView
from sahakar.venues.api.views import VenueViewSet

pytestmark = pytest.mark.django_db


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("secret internal detail /srv/sahakar/settings.py")


def test_it_shows_a_generic_page_for_a_server_error(
    client: Any, pp_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(HomeView, "get_context_data", _boom)
    client.raise_request_exception = False
    client.force_login(pp_officer)
    response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internal detail" not in body and "Traceback" not in body


def test_it_shows_a_generic_page_for_an_api_server_error(
    api: Any, pp_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(VenueViewSet, "list", _boom)
    api.raise_request_exception = False
    api.force_authenticate(pp_officer)
    response = api.get("/api/v1/venues/")
    assert response.status_code == 500
    assert "secret internal detail" not in response.content.decode()


def test_it_answers_404_with_a_generic_page(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.get("/venues/999999/")
    assert response.status_code == 404
    assert "outside what you may see" in response.content.decode()
