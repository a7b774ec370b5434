"""Names as people type them: either order, small misspellings, either script, a beginning."""

from typing import Any

import pytest

from sahakar.search.tests.conftest import search


@pytest.mark.parametrize(
    "typed",
    [
        "Chea Vibol",
        "Vibol Chea",
        "vibol chea",
        "Chea Vibul",
        "Jea Vibol",
        "Cheah Viboll",
        "Chea Vib",
    ],
)
def test_it_finds_a_name_typed_in_latin_letters(
    chea_vibol: Any, signed_in: Any, typed: str
) -> None:
    page = search(signed_in("pp_officer"), typed)
    assert page.status_code == 200
    assert chea_vibol.get_absolute_url() in page.content.decode(), typed


@pytest.mark.parametrize("typed", ["ជា វិបុល", "វិបុល ជា", "ជាវិបុល", "ជា"])
def test_it_finds_a_name_typed_in_khmer_script(chea_vibol: Any, signed_in: Any, typed: str) -> None:
    page = search(signed_in("pp_officer"), typed)
    assert chea_vibol.get_absolute_url() in page.content.decode(), typed


def test_it_does_not_find_a_different_name(chea_vibol: Any, signed_in: Any) -> None:
    page = search(signed_in("pp_officer"), "Sok Dara")
    assert chea_vibol.get_absolute_url() not in page.content.decode()
