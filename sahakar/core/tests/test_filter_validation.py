"""Every filter of every list page and API list endpoint validates its value: nonsense answers
400 (API) or the list with a message (page), never a server error, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django_filters.views import FilterView
from rest_framework.viewsets import ViewSetMixin

from sahakar.accounts.models import Role, RoleAssignment
from sahakar.core.api.filters import FilterBackend
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

NONSENSE = [
    "0",
    "-1",
    "99999999999999999999999",
    "1e400",
    "x",
    "ÿ" * 5000,
    "a\x00b",
]


def _patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
            yield "/" + re.sub(r"[\^$\\]", "", route), entry.callback


def _list_pages() -> list[tuple[str, Any]]:
    pages = []
    for path, callback in _patterns():
        view = getattr(callback, "view_class", None)
        if view is not None and issubclass(view, FilterView) and view.filterset_class:
            pages.append((path, view.filterset_class))
        cls = getattr(callback, "cls", None)
        actions = getattr(callback, "actions", {}) or {}
        listed = cls is not None and issubclass(cls, ViewSetMixin) and actions.get("get") == "list"
        if cls is not None and listed and getattr(cls, "queryset", None) is not None:
            # (not the figures' sums, which have no records to filter)
            view = cls(action="list", request=None, format_kwarg=None)
            filterset = FilterBackend().get_filterset_class(view, cls.queryset)
            if filterset is not None:
                pages.append((path, filterset))
    return pages


LISTS = _list_pages()


def test_it_finds_every_filtered_list() -> None:
    paths = {path for path, _filterset in LISTS}
    assert {"/persons/", "/operations/inspections/", "/audit/"} <= paths
    assert {"/api/v1/persons/", "/api/v1/inspections/", "/api/v1/agencies/"} <= paths


@pytest.fixture
def everyone(admin_user: Any) -> Any:
    """The administrator, who also audits: sees every list."""
    RoleAssignment.objects.create(
        user=admin_user, role=Role.objects.get(code="auditor"), jurisdiction=f.nation()
    )
    return admin_user


def _parameters(filterset: Any) -> Iterator[str]:
    """The query parameters a filterset reads: a date range reads <name>_after and
    <name>_before."""
    for name, filter_ in filterset.base_filters.items():
        suffixes = getattr(filter_.field_class.widget, "suffixes", None)
        if isinstance(filter_.extra.get("widget"), type):
            suffixes = getattr(filter_.extra["widget"], "suffixes", suffixes)
        yield from ([f"{name}_{suffix}" for suffix in suffixes] if suffixes else [name])


def test_it_reads_date_ranges_as_after_and_before() -> None:
    from sahakar.arrests.filtersets import ArrestFilterSet

    assert {"arrested_after", "arrested_before"} <= set(_parameters(ArrestFilterSet))


@pytest.mark.parametrize(("path", "filterset"), LISTS, ids=[path for path, _fs in LISTS])
def test_it_validates_every_filter(
    client: Any, api: Any, everyone: Any, path: str, filterset: Any
) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    f.make_inspection(f.make_operation(f.unit(f.PHNOM_PENH)), venue)
    f.make_person(f.unit(f.PHNOM_PENH), birth_year=1990)
    is_api = path.startswith("/api/")
    caller = api if is_api else client
    caller.raise_request_exception = False
    if is_api:
        api.force_authenticate(everyone)
    else:
        client.force_login(everyone)
    assert caller.get(path).status_code == 200
    for name in _parameters(filterset):
        for value in NONSENSE:
            response = caller.get(path, {name: value})
            assert response.status_code in (200, 400), (path, name, value, response.status_code)
            if is_api:
                assert response["Content-Type"].startswith("application/json")


def test_it_says_what_is_wrong_with_a_filter(client: Any, api: Any, admin_user: Any) -> None:
    client.force_login(admin_user)
    page = client.get("/persons/", {"birth_year": "0"})
    assert page.status_code == 200
    assert 'class="error"' in page.content.decode()
    api.force_authenticate(admin_user)
    answer = api.get("/api/v1/inspections/", {"operation": "99999999999999999999999"})
    assert answer.status_code == 400
    assert "operation" in answer.json()


def test_it_shows_a_date_range_as_two_labelled_date_inputs(client: Any, admin_user: Any) -> None:
    client.force_login(admin_user)
    html = client.get("/seizures/", {"seized_after": "2025-04-01"}).content.decode()
    after = re.search(r"<input[^>]*name=\"seized_after\"[^>]*>", html)
    before = re.search(r"<input[^>]*name=\"seized_before\"[^>]*>", html)
    assert after and before, html
    assert 'type="date"' in after[0] and 'value="2025-04-01"' in after[0]
    assert 'aria-label="from"' in after[0] and 'aria-label="until"' in before[0]
