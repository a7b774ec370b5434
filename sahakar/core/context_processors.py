"""Navigation: the record types the signed-in user may see, in the order users work."""

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from sahakar.core import permissions

_NAV = [
    "operations.operation",
    "seizures.seizure",
    "venues.venue",
    "arrests.arrest",
    "cases.casefile",
    "evidence.exhibit",
    "persons.person",
    "prevention.campaign",
    "statistics.fact",
    "audit.auditentry",
]
# Record types whose first page is not a list.
_PAGES = {"statistics.fact": "statistics:dashboard"}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for label in _NAV:
        model = apps.get_model(label)
        if not permissions.can(user, model, permissions.VIEW):
            continue
        meta = model._meta
        try:
            url = reverse(_PAGES.get(label, f"{meta.app_label}:{meta.model_name}_list"))
        except NoReverseMatch:  # a record type whose pages are not built yet
            continue
        items.append({"label": meta.verbose_name_plural, "url": url, "app": meta.app_label})
    return {"nav_items": items, "profile": permissions.profile_of(user)}
