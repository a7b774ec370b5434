"""How typed text is cleaned before it is validated and stored.

Every record's text fields pass through here (`BaseModel.clean_fields`, which the forms, the
API serializers and the services all run), so the rule is the same everywhere:

* Unicode NFC, so that one spelling is stored one way and search finds it.
* Invisible characters (Unicode format characters, category Cf, and a few fillers that
  render as nothing) never make a value on their own: a value made only of them and of
  white space is empty, and a required field so filled is refused as empty.
* **Single-line fields** (names, references, document numbers, markings, places): every
  zero-width space (U+200B), word joiner, byte-order mark, soft hyphen and bidirectional
  control (LRM, RLM, ALM, embeddings, overrides, isolates) is removed. They are invisible,
  they break search and duplicate finding, and bidi controls can disguise what is shown.
  Khmer writes U+200B between words only as a line-breaking hint, which a short line does
  not need.
* **Free text** (notes, summaries, reasons: `TextField`s): invisible characters at the ends
  are removed, those inside are kept, since Khmer prose uses U+200B between words.
* **ZWJ and ZWNJ** (U+200D, U+200C) are kept between two visible characters in every field:
  in Khmer they decide how a consonant shifter is shaped, so they are part of the spelling.
  At the ends of a value, or next to another invisible character, they mean nothing and go.
* Control characters (C0, C1) other than tab and line breaks are removed; in single-line
  fields tabs and line breaks become spaces.

Free text has a maximum length: `DEFAULT_TEXT_LIMIT` characters unless a model names
another in `BaseModel.text_limits`.
"""

from __future__ import annotations

import unicodedata

DEFAULT_TEXT_LIMIT = 5_000

JOINERS = "\u200c\u200d"
# Not format characters, but drawn as nothing.
_FILLERS = "\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5"


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in _FILLERS


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char not in "\t\n\r"


def _visible_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and not _is_invisible(text[index]) and not text[index].isspace()


def _keep_joiner(text: str, index: int) -> bool:
    return _visible_at(text, index - 1) and _visible_at(text, index + 1)


def is_blank(value: str) -> bool:
    """True when nothing in `value` would be seen: only white space and invisible characters."""
    return all(char.isspace() or _is_invisible(char) or _is_control(char) for char in value)


def _trim(text: str) -> str:
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or _is_invisible(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or _is_invisible(text[end - 1])):
        end -= 1
    return text[start:end]


def clean_line(value: str) -> str:
    """A single-line value (a name, a reference, a marking) as it is stored."""
    text = unicodedata.normalize("NFC", value)
    text = "".join(" " if char in "\t\n\r" else char for char in text if not _is_control(char))
    kept = [
        char
        for index, char in enumerate(text)
        if not _is_invisible(char) or (char in JOINERS and _keep_joiner(text, index))
    ]
    return _trim("".join(kept))


def clean_prose(value: str) -> str:
    """Free text (a note, a reason) as it is stored: interior invisible characters are kept."""
    text = unicodedata.normalize("NFC", value)
    text = "".join(char for char in text if not _is_control(char))
    return "" if is_blank(text) else _trim(text)
