"""The browser suite's check for English left on a Khmer page (testing/page_checks.py) finds
each known phrase as a whole phrase, whatever its edges, and nothing inside longer words."""

from __future__ import annotations

from typing import Any

from sahakar.testing import page_checks


class Page:
    """Stands in for a Playwright page whose text is `text`."""

    def __init__(self, text: str) -> None:
        self.text = text

    def evaluate(self, script: Any) -> str:
        return self.text


def test_it_finds_known_english_phrases_as_whole_words() -> None:
    found = page_checks.english(Page("ប្រវត្តិ None\n{'code': 'x'}\nប្រទេស Cambodia"))
    assert set(found) == {repr("None"), repr("{'"), repr("Cambodia")}


def test_it_finds_nothing_in_khmer_text_or_inside_longer_words() -> None:
    assert page_checks.english(Page("កម្ពុជា Nonetheless Saved Searchlight")) == []
