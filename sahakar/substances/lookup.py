"""Substances by any of their names: code, English, Khmer or a street name ("yaba", "ice",
"WY"). The vocabulary is a few dozen rows of reference data, read in one query and matched
here; searches (the header search, the seizure list) turn a typed word into substance ids."""

from __future__ import annotations

import re
import unicodedata

from sahakar.substances.models import Substance

# A word shorter than this matches a name only whole ("ic" is not "ice"): short prefixes
# would match half the vocabulary.
MIN_PREFIX = 3


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [w for w in re.split(r"[\s,;/()]+", folded) if w]


def _names(substance: Substance) -> list[str]:
    street = [s.strip() for s in substance.street_names.split(",")]
    return [n for n in (substance.code, substance.name_en, substance.name_km, *street) if n]


def _matches(query: str, name: str) -> bool:
    """The whole query is the name, or each of its words starts a word of the name."""
    wanted, held = _words(query), _words(name)
    if not wanted or not held:
        return False
    if wanted == held:
        return True
    for word in wanted:
        if len(word) < MIN_PREFIX and word not in held:
            return False
        if not any(h.startswith(word) for h in held):
            return False
    return True


def substances_named(query: str) -> list[Substance]:
    """The substances one of whose names the query names ("ketamine", "yaba", "WY", "METH",
    "មេតំហ្វេតាមីន"); empty for a query naming none."""
    if not _words(query):
        return []
    return [
        s
        for s in Substance.objects.order_by("name_en")
        if any(_matches(query, n) for n in _names(s))
    ]
