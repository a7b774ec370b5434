"""An audit entry's detail and snapshots as people read them: labelled rows, never a Python
or JSON repr. Keys of a snapshot are the record's fields (shown by their verbose names);
keys of a detail are the words the app records, each with a translated label."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# The words services and views put in an entry's detail (audit.log.record(detail=...)).
LABELS = {
    "factor": _("factor"),
    "totp": _("authenticator app"),
    "otp": _("one-time code"),
    "backup_code": _("backup code"),
    "reason": _("reason"),
    "lookup": _("looked up"),
    "ids": _("records"),
    "count": _("count"),
    "document": _("document"),
    "language": _("language"),
    "event": _("event"),
    "token": _("token"),
    "username": _("user name"),
    "path": _("path"),
    "method": _("method"),
    "merged": _("merged"),
    "merged_into": _("merged into"),
    "moved": _("moved"),
    "snapshot": _("record before"),
    "id": _("id"),
    "hash": _("hash"),
    "events": _("events"),
    "size": _("size"),
    "seed": _("seed"),
}


@dataclass
class Row:
    label: str
    text: str = ""
    rows: list[Row] = field(default_factory=list)


def _label(key: str, model: type[Model] | None) -> str:
    if model is not None:
        try:
            name = getattr(model._meta.get_field(key), "verbose_name", None)
        except FieldDoesNotExist:
            name = None
        if name:
            return capfirst(str(name))
    return capfirst(str(LABELS.get(key, key.replace("_", " "))))


def text_of(value: Any) -> str:
    """One value as a line of text: — for nothing, yes/no, lists joined by commas."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, (list, tuple)):
        return ", ".join(text_of(item) for item in value)
    if isinstance(value, str) and value in LABELS:
        return str(LABELS[value])
    return str(value)


def rows_of(value: Any, model: type[Model] | None = None) -> list[Row]:
    """A detail or snapshot as rows; nested mappings become nested rows."""
    if not isinstance(value, dict):
        return [] if value in (None, "", [], {}) else [Row(str(_("value")), text_of(value))]
    rows = []
    for key, item in value.items():
        label = _label(str(key), model)
        if isinstance(item, dict):
            rows.append(Row(label, rows=rows_of(item, model)))
        else:
            rows.append(Row(label, text_of(item)))
    return rows
