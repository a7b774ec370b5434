"""Reference data kept in both languages (offence titles, law names, legal-clock texts): the
words of the page's language, English when the Khmer wording is not yet in the data."""

from __future__ import annotations

from django.utils.translation import get_language


def in_language(english: str, khmer: str) -> str:
    """`khmer` on the Khmer pages when there is one, otherwise `english`."""
    if khmer and (get_language() or "").startswith("km"):
        return khmer
    return english
