"""`{% load icons %}{% icon "printer" %}`: an icon from the vendored Lucide sprite
(static/sahakar/icons/), drawn in the text colour and hidden from screen readers, so the
words beside it always say what it means."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

SPRITE = "sahakar/icons/sprite.svg"


@register.simple_tag
def icon(name: str) -> SafeString:
    if not name:
        return SafeString("")
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        static(SPRITE),
        name,
    )
