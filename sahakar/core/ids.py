"""Record ids read from a page's query string (?store=3, ?ids=1,2): only 0-9 and within a
database integer name a record ("²" passes str.isdigit() but not int(); a longer number
overflows SQLite's integers)."""

from __future__ import annotations

MAX_ID = 2**63 - 1


def given_id(raw: str) -> int | None:
    """The id `raw` names, or None when it names none."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
