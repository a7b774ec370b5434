"""Pages read back in tests as a user reads them: the main content's text, tags removed."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

# What a Python or JSON value looks like when it reaches a page unformatted.
REPRS = re.compile(r"\bNone\b|\{'|\{\"|\[\{|\['|<QuerySet|\bTrue\b|\bFalse\b")


def main_text(response: Any) -> str:
    html = response.content.decode()
    main = html.split('<main id="main">', 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def reprs_in(response: Any) -> list[str]:
    """Each repr-looking piece of the main content's text, with a little context."""
    text = main_text(response)
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in REPRS.finditer(text)]
