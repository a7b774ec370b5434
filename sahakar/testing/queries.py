"""Query counts: a page or endpoint runs the same number of queries however many rows it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

Fetch = Callable[[], Any]


def count_queries(fetch: Fetch) -> int:
    """The queries `fetch()` runs; its answer must be a 200."""
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200, response.status_code
    return len(captured)


def assert_constant_queries(grow: Callable[[], Any], *fetches: Fetch) -> None:
    """Each of `fetches` runs as many queries after `grow()` adds rows as before it."""
    few = [count_queries(fetch) for fetch in fetches]
    grow()
    many = [count_queries(fetch) for fetch in fetches]
    assert many == few, f"queries grew with the rows: {few} -> {many}"
