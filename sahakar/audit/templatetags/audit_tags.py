"""`{% audit_rows object.detail model %}`: an entry's detail or snapshot as labelled rows."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from sahakar.audit.readable import Row, rows_of

register = template.Library()


@register.inclusion_tag("audit/includes/rows.html")
def audit_rows(value: Any, model: type[Model] | None = None) -> dict[str, list[Row]]:
    return {"rows": rows_of(value, model)}
