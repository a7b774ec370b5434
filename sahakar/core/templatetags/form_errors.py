"""The error summary's links: one per wrong field, to the field itself (#id_...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS

register = template.Library()


def _forms_in(item: Any) -> Iterable[Any]:
    if isinstance(item, forms.BaseForm):
        yield item
    elif isinstance(item, forms.BaseFormSet):
        yield from item.forms
    elif isinstance(item, list | tuple):
        for part in item:
            yield from _forms_in(part)


def field_anchor(field: forms.BoundField) -> str:
    """The id of the control a link should lead to: a group of boxes' first box."""
    if field.id_for_label:
        return str(field.id_for_label)
    return f"{field.auto_id}_0" if field.auto_id else ""


@register.simple_tag
def error_links(*items: Any) -> list[dict[str, str]]:
    """Each error of the bound forms and formset rows among `items`, with the field's label
    and a link to it; errors of a whole form have no link (they stand above it)."""
    links: list[dict[str, str]] = []
    for form in (f for item in items for f in _forms_in(item)):
        if not form.is_bound:
            continue
        for name, errors in form.errors.items():
            if name == NON_FIELD_ERRORS or name not in form.fields:
                links.extend({"href": "", "label": "", "message": str(e)} for e in errors)
                continue
            field = form[name]
            anchor = field_anchor(field)
            links.append(
                {
                    "href": f"#{anchor}" if anchor else "",
                    "label": str(field.label or name),
                    "message": str(errors[0]),
                }
            )
    return links
