"""record(): the one way the rest of Sahakar writes to the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from sahakar.audit import chain
from sahakar.audit.models import AuditEntry
from sahakar.core import context
from sahakar.core.users import AnyUser


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    before: Any = None,
    after: Any = None,
    detail: dict[str, Any] | None = None,
    user: AnyUser | None = None,
    username: str = "",
    record_type: type[models.Model] | None = None,
) -> AuditEntry:
    """Append `action` on `obj` (if any), attributed to the acting user, source and request."""
    fields = entry_fields(
        action,
        obj,
        before=before,
        after=after,
        detail=detail,
        user=user,
        username=username,
        record_type=record_type,
    )
    return chain.append(**fields)


def record_many(entries: list[dict[str, Any]]) -> list[AuditEntry]:
    """Append several entries (each the keyword arguments of `record`) in one write."""
    return chain.append_many([entry_fields(**entry) for entry in entries])


def entry_fields(
    action: str,
    obj: models.Model | None = None,
    *,
    before: Any = None,
    after: Any = None,
    detail: dict[str, Any] | None = None,
    user: AnyUser | None = None,
    username: str = "",
    record_type: type[models.Model] | None = None,
) -> dict[str, Any]:
    """The fields of the entry `record` would append."""
    ctx = context.current()
    user = user if user is not None else context.current_user()
    if user is not None and not getattr(user, "pk", None):
        user = None
    model = record_type or (type(obj) if obj is not None else None)
    return {
        "user": user,
        "username": username or (user.get_username() if user is not None else ""),
        "source": ctx.source,
        "ip": ctx.ip,
        "user_agent": ctx.user_agent,
        "request_id": ctx.request_id,
        "action": action,
        "content_type": ContentType.objects.get_for_model(model) if model is not None else None,
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": str(obj)[:200] if obj is not None else "",
        "before": before,
        "after": after,
        "detail": detail or {},
    }


def history_of(obj: models.Model) -> Any:
    """Every entry about one record, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).select_related("user")
