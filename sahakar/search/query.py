"""What was typed in the search box, cleaned once: the finders read these forms of it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_LENGTH = 100  # longer than any name, reference or marking; the rest is ignored
# A reference as records carry them (OP-PP-2026-00042), or its first part (SZ-PP, SZ-PP-2026).
_REFERENCE = re.compile(r"^[A-Z]{2,4}(-[A-Z0-9]*)*$")


@dataclass(frozen=True)
class SearchQuery:
    text: str

    @classmethod
    def of(cls, raw: str) -> SearchQuery:
        """Printable characters only (no NUL or control characters), spaces collapsed, at
        most MAX_LENGTH characters."""
        cleaned = "".join(
            c
            for c in unicodedata.normalize("NFC", raw)
            if unicodedata.category(c)[0] != "C" or c in "\u200b\u200c\u200d"
        )
        return cls(" ".join(cleaned.split())[:MAX_LENGTH].strip())

    @property
    def is_empty(self) -> bool:
        return not self.text

    @property
    def reference(self) -> str:
        """The query as a reference prefix ("sz-pp-2026" -> "SZ-PP-2026"), else ""."""
        candidate = self.text.upper().replace(" ", "")
        return candidate if _REFERENCE.match(candidate) else ""

    def reference_for(self, prefix: str) -> str:
        """The reference prefix when it names records of this kind (SZ for seizures)."""
        reference = self.reference
        return reference if reference.split("-")[0] == prefix else ""
