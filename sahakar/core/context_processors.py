"""Navigation: the record types the signed-in user may see, in the order users work, and
whether the API belongs in their menu."""

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from sahakar.core import permissions

# Each record type with the icon (static/sahakar/icons/sprite.svg) shown beside its name.
_NAV = {
    "operations.operation": "crosshair",
    "seizures.seizure": "package",
    "venues.venue": "map-pin",
    "arrests.arrest": "lock",
    "cases.casefile": "folder-open",
    "evidence.exhibit": "archive",
    "persons.person": "users",
    "prevention.campaign": "megaphone",
    "statistics.fact": "chart-column",
    "audit.auditentry": "scroll-text",
}
API_ROLES = frozenset({"administrator", "analyst"})
# Record types whose first page is not a list.
_PAGES = {"statistics.fact": "statistics:dashboard"}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for label, icon in _NAV.items():
        model = apps.get_model(label)
        if not permissions.can(user, model, permissions.VIEW):
            continue
        meta = model._meta
        try:
            url = reverse(_PAGES.get(label, f"{meta.app_label}:{meta.model_name}_list"))
        except NoReverseMatch:  # a record type whose pages are not built yet
            continue
        item = {"label": meta.verbose_name_plural, "url": url, "app": meta.app_label, "icon": icon}
        items.append(item)
    return {
        "nav_items": items,
        "profile": permissions.profile_of(user),
        "shows_api": shows_api(user),
    }


def shows_api(user: Any) -> bool:
    """The API in the main menu only for the roles that work with it: administrators (who
    issue tokens for other systems) and analysts. Everyone else finds it under Security,
    beside their API tokens."""
    if permissions.is_administrator(user):
        return True
    return any(scope.role in API_ROLES for scope in permissions.scopes(user))
