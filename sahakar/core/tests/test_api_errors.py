"""Under /api/ every answer is JSON, errors included; `/api/v1/` lists the endpoints."""

import json
from typing import Any

import pytest
from django.test import override_settings

from sahakar.venues.api.views import VenueViewSet

pytestmark = pytest.mark.django_db


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("secret internal detail /srv/sahakar/settings.py")


def test_it_answers_an_unknown_api_path_with_json(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_it_still_answers_an_unknown_page_with_html(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_it_answers_an_api_server_error_with_json_without_details(
    api: Any, pp_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(VenueViewSet, "list", _boom)
    api.raise_request_exception = False
    api.force_authenticate(pp_officer)
    response = api.get("/api/v1/venues/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "server_error"
    body = response.content.decode()
    assert "secret internal detail" not in body and "Traceback" not in body


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_it_answers_an_oversized_api_body_with_json(api: Any, pp_officer: Any) -> None:
    api.raise_request_exception = False
    api.force_authenticate(pp_officer)
    body = json.dumps({"name": "x" * 5000, "kind": "karaoke", "org_unit": "12"})
    response = api.post("/api/v1/venues/", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "request_too_large"


def test_it_lists_the_endpoints_at_the_api_root(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    response = api.get("/api/v1/")
    assert response.status_code == 200
    endpoints = response.json()
    assert endpoints["venues"].endswith("/api/v1/venues/")
    assert {"persons", "arrests", "cases", "campaigns", "org-units"} <= set(endpoints)


def test_the_api_root_page_describes_the_api_in_the_browser(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    page = client.get("/api/v1/", HTTP_ACCEPT="text/html").content.decode()
    assert "DefaultRouter" not in page
    assert "Sahakar API" in page
