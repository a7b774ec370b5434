"""Typed text is cleaned one way everywhere: NFC, no invisible-only values, no hidden
characters in names and references, Khmer word separators kept in free text."""

import unicodedata

import pytest

from sahakar.core.text import clean_line, clean_prose, is_blank

ZWSP, ZWNJ, ZWJ, RLO, PDF, LRM, BOM = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u202e",
    "\u202c",
    "\u200e",
    "\ufeff",
)


@pytest.mark.parametrize(
    "value", [ZWSP, f" {ZWSP}\u2060 ", BOM + LRM, f"{ZWNJ}{ZWJ}", "\u3164", ""]
)
def test_it_finds_nothing_in_invisible_only_text(value: str) -> None:
    assert is_blank(value)
    assert clean_line(value) == ""
    assert clean_prose(value) == ""


def test_it_removes_hidden_characters_from_a_single_line() -> None:
    assert clean_line(f"Sok{ZWSP} Dara{LRM}") == "Sok Dara"
    assert clean_line(f"{RLO}ABC-123{PDF}") == "ABC-123"
    assert clean_line(f"W{BOM}Y") == "WY"
    assert clean_line("ចាន់\u200bសុផល") == "ចាន់សុផល"
    assert clean_line("SZ-PP-2026\x00-00001\x07") == "SZ-PP-2026-00001"
    assert clean_line("line one\nline two") == "line one line two"


def test_it_keeps_joiners_inside_a_word_and_drops_them_at_the_ends() -> None:
    shaped = f"ប{ZWNJ}៊ី"  # a Khmer shifter kept in its own shape
    assert clean_line(shaped) == shaped
    assert clean_line(f"{ZWJ}Sok{ZWNJ}") == "Sok"
    assert clean_line(f"a{ZWSP}{ZWJ}b") == "ab"


def test_it_keeps_khmer_word_separators_inside_free_text() -> None:
    note = f"{ZWSP} ជនសង្ស័យ{ZWSP}ត្រូវ{ZWSP}បាន{ZWSP}ចាប់ {ZWSP}\n"
    assert clean_prose(note) == f"ជនសង្ស័យ{ZWSP}ត្រូវ{ZWSP}បាន{ZWSP}ចាប់"


def test_it_composes_text_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    assert decomposed != "Nguyễn"
    assert clean_line(decomposed) == "Nguyễn"
    assert clean_prose(decomposed) == "Nguyễn"


def test_it_keeps_line_breaks_and_tabs_in_free_text() -> None:
    assert clean_prose("first\n\tsecond\x00") == "first\n\tsecond"
