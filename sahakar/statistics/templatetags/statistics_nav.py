"""The statistics pages' own menu: `{% load statistics_nav %}{% statistics_nav %}`.

The dashboard and the monthly report for everyone who sees statistics; the international
returns for those who may export them; the public figures for all.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from sahakar.core import permissions
from sahakar.core.sections import section_menu
from sahakar.statistics.models import Fact

register = template.Library()

ENTRIES = (
    (_("Dashboard"), "statistics:dashboard", permissions.VIEW),
    (_("Monthly report"), "statistics:reports", permissions.VIEW),
    (_("International returns"), "statistics:returns", permissions.EXPORT),
    (_("Public figures"), "public:latest", None),
)


@register.inclusion_tag("core/section_nav.html", takes_context=True)
def statistics_nav(context: Any) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    entries = [
        (label, name)
        for label, name, action in ENTRIES
        if action is None or permissions.can(user, Fact, action)
    ]
    return section_menu(context, _("Statistics"), entries)
