"""`{% record_link obj %}`: a reference to another record, linked when the viewer may open
it (core/related.py decides). Give `linked` when the view already knows (a loop's rows);
otherwise the tag asks restrict() once, so keep it out of loops."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from sahakar.core.related import link_html, openable_pks

register = template.Library()


@register.simple_tag(takes_context=True)
def record_link(context: Any, obj: Any, text: Any = None, linked: Any = None) -> SafeString:
    if obj is None:
        return link_html(None, False)
    if linked is None:
        request = context.get("request")
        user = getattr(request, "user", None)
        linked = obj.pk in openable_pks(user, type(obj), [obj.pk])
    return link_html(obj, bool(linked), text)
