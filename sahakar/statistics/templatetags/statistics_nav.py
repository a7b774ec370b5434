"""The statistics pages' own menu: `{% load statistics_nav %}{% statistics_nav %}`.

The dashboard and the monthly report for everyone who sees statistics; the international
returns for those who may export them; the public figures for all.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sahakar.core import permissions
from sahakar.statistics.models import Fact

register = template.Library()

ENTRIES = (
    (_("Dashboard"), "statistics:dashboard", permissions.VIEW),
    (_("Monthly report"), "statistics:reports", permissions.VIEW),
    (_("International returns"), "statistics:returns", permissions.EXPORT),
    (_("Public figures"), "public:latest", None),
)


@register.inclusion_tag("statistics/includes/statistics_nav.html", takes_context=True)
def statistics_nav(context: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    here = getattr(request, "path", "")
    links = [
        {"label": label, "url": reverse(name), "current": reverse(name) == here}
        for label, name, action in ENTRIES
        if action is None or permissions.can(user, Fact, action)
    ]
    return {"links": links}
