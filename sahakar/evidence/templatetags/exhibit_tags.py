"""The exhibits section of a seizure's page:
`{% load exhibit_tags %}{% seizure_exhibits object %}`."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("evidence/includes/seizure_exhibits.html", takes_context=True)
def seizure_exhibits(context: Any, seizure: Any) -> dict[str, Any]:
    from sahakar.evidence.web.exhibits import seizure_exhibits as section

    request = context.get("request")
    return section(seizure, getattr(request, "user", None))
