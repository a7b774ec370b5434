"""A section's own menu (the evidence room's, the statistics'): links shown only to users who
may use them, the current page marked. Rendered by core/section_nav.html."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


def section_menu(
    context: Any, label: str | Promise, entries: Iterable[tuple[str | Promise, str]]
) -> dict[str, Any]:
    """`entries`: (label, url name) pairs the user may follow, in menu order."""
    here = getattr(context.get("request"), "path", "")
    links = []
    for text, name in entries:
        url = reverse(name)
        links.append({"label": text, "url": url, "current": url == here})
    return {"label": label, "links": links}
