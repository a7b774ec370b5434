"""Whatever is typed, the page answers: no server error, no database error."""

from typing import Any

import pytest

from sahakar.search.tests.conftest import search


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "x" * 5000,
        "' OR 1=1 --",
        "%_%",
        "\\",
        "a\x00b",
        "\u200b",
        "ជា" * 300,
        "SZ-",
        "SZ-PP-2026-99999",
        "😀",
        "<script>alert(1)</script>",
    ],
)
def test_it_answers_any_input(signed_in: Any, chea_vibol: Any, typed: str) -> None:
    page = search(signed_in("pp_officer"), typed)
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.content.decode()


def test_it_shows_the_form_without_a_query(signed_in: Any, db: Any) -> None:
    page = signed_in("pp_officer").get("/search/")
    assert page.status_code == 200
    assert 'name="q"' in page.content.decode()
