"""Nonsense in query strings and bodies gets a clear answer, never a server error."""

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["venues", "operations", "seizures", "persons"]
NONSENSE = [
    {"page": "abc"},
    {"page": "99999"},
    {"per_page": "-5"},
    {"sort": "no_such_column"},
    {"org_unit": "not-a-code"},
    {"q": "'; DROP TABLE x; --"},
    {"kind": "spaceship"},
    {"planned_after": "yesterday", "seized_after": "31/31/2025"},
    {"q": "\x00"},
]


@pytest.mark.parametrize("kind", LISTS)
def test_it_never_fails_on_nonsense_list_parameters(
    client: Any, api: Any, admin_user: Any, kind: str
) -> None:
    client.raise_request_exception = False
    api.raise_request_exception = False
    client.force_login(admin_user)
    api.force_authenticate(admin_user)
    for params in NONSENSE:
        page = client.get(f"/{kind}/", params)
        assert page.status_code in (200, 400, 404), (params, page.status_code)
        endpoint = api.get(f"/api/v1/{kind}/", {**params, "page_size": "x", "ordering": "zz"})
        assert endpoint.status_code in (200, 400, 404), (params, endpoint.status_code)


@pytest.mark.parametrize("kind", LISTS)
def test_it_never_fails_on_nonsense_bodies(api: Any, admin_user: Any, kind: str) -> None:
    api.raise_request_exception = False
    api.force_authenticate(admin_user)
    bodies: list[Any] = [[], "text", {"org_unit": {"nested": 1}}, {"version": "x"}, {"id": 10**30}]
    for body in bodies:
        response = api.post(f"/api/v1/{kind}/", body, format="json")
        assert response.status_code == 400, (body, response.status_code, response.content)


@pytest.mark.parametrize("path", ["/venues/0/", "/venues/99999999999999999999/", "/venues/x/"])
def test_it_answers_404_to_impossible_ids(client: Any, admin_user: Any, path: str) -> None:
    client.raise_request_exception = False
    client.force_login(admin_user)
    assert client.get(path).status_code == 404
