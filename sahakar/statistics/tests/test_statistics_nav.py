"""The statistics pages link to each other: returns only for those who may export."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def _menu(page: Any) -> str:
    return str(page.content.decode().split('class="section-nav"')[1].split("</nav>")[0])


def test_it_offers_an_analyst_every_statistics_page(signed_in: Any) -> None:
    menu = _menu(signed_in("national_analyst").get("/statistics/"))
    for url in ("/statistics/", "/statistics/reports/", "/statistics/returns/", "/public/"):
        assert f'href="{url}"' in menu
    assert 'href="/statistics/" aria-current="page"' in menu


def test_it_leaves_out_the_returns_for_a_field_officer(signed_in: Any) -> None:
    menu = _menu(signed_in("pp_officer").get("/statistics/reports/"))
    assert 'href="/statistics/returns/"' not in menu
    assert 'href="/statistics/reports/" aria-current="page"' in menu
