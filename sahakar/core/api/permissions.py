from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from sahakar.core import permissions


class ActionPermission(BasePermission):
    """Signed in, and the role allows creating this record type; reads and edits of existing
    records are decided by the restricted queryset (out of scope is 404)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method == "POST" and getattr(view, "action", None) == "create":
            model = view.get_queryset().model
            return permissions.can(request.user, model, permissions.ADD)
        return True
