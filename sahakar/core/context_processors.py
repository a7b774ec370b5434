"""Navigation: the record types the signed-in user may see, in the order users work."""

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import reverse

from sahakar.core import permissions

_NAV = [
    "operations.operation",
    "seizures.seizure",
    "venues.venue",
    "persons.person",
    "audit.auditentry",
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for label in _NAV:
        model = apps.get_model(label)
        if permissions.can(user, model, permissions.VIEW):
            meta = model._meta
            items.append(
                {
                    "label": meta.verbose_name_plural,
                    "url": reverse(f"{meta.app_label}:{meta.model_name}_list"),
                    "app": meta.app_label,
                }
            )
    return {"nav_items": items, "profile": permissions.profile_of(user)}
