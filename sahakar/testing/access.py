"""Reusable access checks: a record outside the user's scope does not exist for them."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse


def ui_urls(obj: Any) -> dict[str, str]:
    """The record's pages among list, add, detail, edit and delete (those its type has)."""
    meta = obj._meta
    name = f"{meta.app_label}:{meta.model_name}"
    urls = {}
    for view, args in (
        ("list", []),
        ("add", []),
        ("detail", [obj.pk]),
        ("edit", [obj.pk]),
        ("delete", [obj.pk]),
    ):
        try:
            urls[view] = reverse(f"{name}_{view}", args=args)
        except NoReverseMatch:
            continue
    return urls


def api_url(obj: Any) -> str:
    return f"/api/v1/{obj._meta.verbose_name_plural.replace(' ', '-')}/{obj.pk}/"


def assert_out_of_scope(client: Any, api: Any, user: Any, obj: Any, marker: str) -> None:
    """`obj` answers 404 on every page and endpoint, and `marker` (its name or reference) is
    absent from the list page and the API list."""
    client.force_login(user)
    urls = ui_urls(obj)
    for view in ("detail", "edit", "delete"):
        assert client.get(urls[view]).status_code == 404, view
    assert client.post(urls["edit"], {}).status_code == 404
    assert client.post(urls["delete"]).status_code == 404
    listing = client.get(urls["list"], {"per_page": 500})
    assert listing.status_code == 200
    assert marker not in listing.content.decode()

    api.force_authenticate(user)
    detail = api_url(obj)
    assert api.get(detail).status_code == 404
    assert api.patch(detail, {"version": obj.version}, format="json").status_code == 404
    assert api.delete(detail).status_code == 404
    collection = api.get(detail.rsplit("/", 2)[0] + "/", {"page_size": 500})
    assert collection.status_code == 200
    assert marker not in collection.content.decode()
    obj.refresh_from_db()  # still there, unchanged
