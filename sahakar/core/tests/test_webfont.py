"""The Khmer web font is the packaged Noto Sans Khmer cut to what Khmer text needs, with the
weights the pages use; English pages carry their two Khmer words as SVG and need no font."""

from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from fontTools.ttLib import TTFont

from sahakar.core import webfont

STATIC = Path(webfont.default_dirs()[0])
CSS = STATIC / "sahakar" / "sahakar.css"


def test_it_serves_a_woff2_cut_to_the_khmer_ranges_with_weights_400_to_700() -> None:
    font = TTFont(finders.find(str(webfont.FONT_PATH)))
    assert font.flavor == "woff2"
    covered = set(font.getBestCmap())
    khmer = set(webfont.khmer_codepoints())
    assert covered <= khmer  # nothing outside the ranges
    assert set(range(0x1780, 0x17DE)) - {0x17A3, 0x17A4, 0x17B4, 0x17B5} <= covered
    axes = {axis.axisTag: (axis.minValue, axis.maxValue) for axis in font["fvar"].axes}
    assert axes == {"wght": (400, 700)}
    assert (STATIC / webfont.FONT_PATH).stat().st_size < 40_000


def test_it_declares_the_font_for_the_same_ranges_and_weights() -> None:
    css = CSS.read_text()
    assert 'url("fonts/noto-sans-khmer.woff2") format("woff2")' in css
    assert "font-weight: 400 700;" in css
    assert "unicode-range: U+1780-17FF, U+19E0-19FF, U+200B-200D, U+25CC;" in css
    ranges = [(0x1780, 0x17FF), (0x19E0, 0x19FF), (0x200B, 0x200D), (0x25CC, 0x25CC)]
    assert list(webfont.KHMER_RANGES) == ranges


def test_it_rebuilds_the_same_font_and_words(tmp_path: Path) -> None:
    built = webfont.build_font(tmp_path / "static")
    assert built.read_bytes() == (STATIC / webfont.FONT_PATH).read_bytes()
    committed = Path(webfont.default_dirs()[1])
    for word in webfont.build_words(tmp_path / "templates"):
        name = word.relative_to(tmp_path / "templates")
        assert word.read_text() == (committed / name).read_text(), name


@pytest.mark.django_db
def test_it_shows_english_pages_without_khmer_text(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    for path in ("/", "/login/"):
        page = client.get(path).content.decode()
        visible = page.replace('aria-label="សហការ"', "").replace('aria-label="ខ្មែរ"', "")
        assert not any(0x1780 <= ord(char) <= 0x19FF for char in visible), path
        assert 'aria-label="ខ្មែរ"' in page
    client.logout()
    assert 'aria-label="សហការ"' in client.get("/login/").content.decode()
