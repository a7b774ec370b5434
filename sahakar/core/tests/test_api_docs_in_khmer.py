"""The API docs' chrome in the user's language: the page's title and language, the schema's
title and description (Swagger UI's own buttons have no translations to give)."""

from typing import Any

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_it_titles_the_docs_page_in_khmer(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    page = client.get("/api/v1/docs/").content.decode()
    assert '<html lang="km">' in page
    assert "<title>Sahakar API</title>" not in page
    assert "<title>API សហការ</title>" in page


def test_it_gives_the_schema_title_in_the_language_asked(api: Any, pp_officer: Any) -> None:
    api.force_authenticate(pp_officer)
    accept = "application/vnd.oai.openapi+json"
    english = api.get("/api/v1/schema/", HTTP_ACCEPT=accept).json()["info"]
    assert english["title"] == "Sahakar API"
    khmer = api.get("/api/v1/schema/?lang=km", HTTP_ACCEPT=accept).json()["info"]
    assert khmer["title"] == "API សហការ"
    assert khmer["description"].startswith("កំណត់ត្រារួម")
