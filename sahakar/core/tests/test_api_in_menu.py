"""The API is in the main menu only for the roles that use it (administrators, analysts);
everyone else finds it beside their API tokens on the security page."""

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

API_DOCS = 'href="/api/v1/docs/"'


def _menu(client: Any, user: Any) -> str:
    client.force_login(user)
    page: str = client.get("/").content.decode()
    return page.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]


def test_it_leaves_the_api_out_of_a_field_officers_menu(client: Any, pp_officer: Any) -> None:
    assert API_DOCS not in _menu(client, pp_officer)


def test_it_shows_the_api_to_analysts_and_administrators(
    client: Any, national_analyst: Any, admin_user: Any
) -> None:
    assert API_DOCS in _menu(client, national_analyst)
    assert API_DOCS in _menu(client, admin_user)


def test_it_links_the_api_docs_beside_the_tokens(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    assert API_DOCS in client.get("/security/").content.decode()
