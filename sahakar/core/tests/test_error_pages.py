"""The 400, 403, 404 and 500 pages wear the app's header and logo; the 500 page draws without
the database, the session or the signed-in user, and shows no internal detail."""

from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import translation

from sahakar.core.views.errors import server_error


@pytest.mark.django_db
def test_it_shows_the_404_page_with_the_header_and_menu(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.get("/venues/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'class="topbar"' in page and "sahakar/logo.svg" in page
    assert "Page not found" in page and "outside what you may see" in page
    assert 'href="/operations/"' in page  # the menu, so the user can go on


@pytest.mark.django_db
def test_it_shows_the_403_page_with_the_header(client: Any, auditor: Any) -> None:
    client.force_login(auditor)
    response = client.get("/arrests/add/")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'class="topbar"' in page and "Access refused" in page


def test_it_draws_the_500_page_without_touching_the_database() -> None:
    # No django_db mark: any query here fails the test.
    with translation.override("en"):
        response = server_error(RequestFactory().get("/seizures/1/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert 'class="topbar"' in page and "sahakar/logo.svg" in page
    assert "Something went wrong" in page
    assert "Traceback" not in page and "/seizures/1/" not in page


@pytest.mark.django_db
def test_it_shows_the_500_page_in_khmer_when_the_user_reads_khmer(
    client: Any, pp_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sahakar.core.views.home import HomeView

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("internal")

    monkeypatch.setattr(HomeView, "get_context_data", boom)
    client.raise_request_exception = False
    client.force_login(pp_officer)
    client.cookies["django_language"] = "km"
    response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert 'lang="km"' in page and "Something went wrong" not in page
