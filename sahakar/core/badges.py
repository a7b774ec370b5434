"""Status badges: one look for every status a page shows, coloured by what the status means.

A badge names its family and value as classes (`custody-overdue`) and carries one of five
tones (`tone-danger`) that the stylesheet colours; the label is always written out, so the
colour is never the only cue. Templates use `{% status_badge family value label %}`
(core/templatetags/badges.py), tables call `badge()`.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

NEUTRAL, INFO, WARN, DANGER, OK = "neutral", "info", "warn", "danger", "ok"

TONES: dict[str, dict[str, str]] = {
    "operation": {"planned": NEUTRAL, "active": INFO, "closed": OK},
    "custody": {
        "in_custody": INFO,
        "due_soon": WARN,
        "overdue": DANGER,
        "missed": DANGER,
        "ended_on_time": OK,
        "ended_late": DANGER,
    },
    "stage": {
        "investigation": INFO,
        "referred": INFO,
        "charged": INFO,
        "at_trial": WARN,
        "judgment": OK,
        "closed": NEUTRAL,
    },
    "clock": {"running": INFO, "due_soon": WARN, "overdue": DANGER, "met": OK, "missed": DANGER},
    "exhibit": {"held": OK, "in_transit": WARN, "released": NEUTRAL, "destroyed": NEUTRAL},
    "lab": {"open": INFO, "overdue": DANGER, "answered": OK},
    "discrepancy": {"open": DANGER, "closed": OK},
}


def tone_of(family: str, value: Any) -> str:
    return TONES.get(family, {}).get(str(value), NEUTRAL)


def badge(family: str, value: Any, label: Any) -> SafeString:
    """`<span class="badge custody-overdue tone-danger">overdue</span>`, label escaped."""
    return format_html(
        '<span class="badge {}-{} tone-{}">{}</span>', family, value, tone_of(family, value), label
    )
