"""Searchable pickers: widgets that static/sahakar/pickers.js enhances with Tom Select.

Without JavaScript every one of them is a plain form control that works on its own:

- `Picker` / `PickerMultiple`: a `<select>` with all its options (org units, agencies:
  short lists), made searchable by typing.
- `RemotePicker`: a `<select>` for a big table (venues). Up to `LOCAL_LIMIT` choices it is
  rendered whole; beyond, only the chosen option is rendered and the picker searches the
  app's lookup endpoint (core/views/lookup.py) as the user types: a page never carries a
  whole table.
- `ReferencePicker`: a text box of record references (seizures) that the server reads as
  before ("SZ-PP-2026-00042 SZ-PP-2026-00043"); the picker offers the records found by
  reference or place, and writes their references into the box.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LOCAL_LIMIT = 200


def _texts() -> dict[str, Any]:
    """What the picker says itself, in the page's language (lazy: read when drawn)."""
    return {
        "data-picker-empty": _("Nothing found"),
        "data-picker-loading": _("Searching…"),
        "data-picker-remove": _("Remove"),
    }


class Picker(forms.Select):
    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__({"data-picker": "local", **_texts(), **(attrs or {})}, choices)


class PickerMultiple(forms.SelectMultiple):
    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__({"data-picker": "local", **_texts(), **(attrs or {})}, choices)


class RemotePicker(forms.Select):
    """A `<select>` whose options come from `url` (a URL name) when there are many."""

    def __init__(self, url: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"data-picker": "local", **_texts(), **(attrs or {})})
        self.url = url

    def _is_big(self) -> bool:
        queryset = getattr(self.choices, "queryset", None)
        return queryset is not None and queryset.count() > LOCAL_LIMIT

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        full = self.choices
        if not self._is_big():
            return super().get_context(name, value, attrs)
        chosen = [v for v in self.format_value(value) if v]
        iterator: Any = full
        self.choices = [("", iterator.field.empty_label or "")] + [
            iterator.choice(obj) for obj in iterator.queryset.filter(pk__in=chosen)
        ]
        try:
            context = super().get_context(name, value, attrs)
        finally:
            self.choices = full
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.update({"data-picker": "remote", "data-picker-url": reverse(self.url)})
        return context


class ReferencePicker(forms.TextInput):
    """A text box of references, separated by spaces, that the picker fills by search."""

    def __init__(self, url: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {"data-picker": "references", "autocomplete": "off", **_texts(), **(attrs or {})}
        )
        self.url = url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-picker-url"] = reverse(self.url)
        return context
