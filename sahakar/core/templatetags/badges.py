"""`{% load badges %}{% status_badge "operation" object.status object.get_status_display %}`"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from sahakar.core.badges import badge

register = template.Library()


@register.simple_tag
def status_badge(family: str, value: Any, label: Any) -> SafeString:
    return badge(family, value, label)
