"""Audit entries for reading: views of personal data, exports, and refused look-ups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.http import Http404

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core import permissions

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser


def get_or_404_logged(queryset: QuerySet[Any], user: AnyUser | None, **lookup: Any) -> Any:
    """The record from the user's restricted queryset, else 404. When the record exists but
    lies outside the user's scope (a forged or guessed id), the refusal is audited."""
    try:
        obj = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        _log_if_hidden(queryset.model, user, lookup)
        raise Http404 from exc
    if permissions.holds_personal_data(queryset.model):
        record(AuditAction.VIEW, obj)
    return obj


def _log_if_hidden(model: type[Model], user: AnyUser | None, lookup: dict[str, Any]) -> None:
    try:
        hidden = model._base_manager.filter(**lookup).first()
    except (ValueError, TypeError, OverflowError):
        return
    if hidden is not None:
        record(
            AuditAction.DENIED,
            hidden,
            detail={
                "reason": "outside the user's scope",
                "lookup": {k: str(v) for k, v in lookup.items()},
            },
        )


def log_list_view(model: type[Model], shown: list[Any], detail: dict[str, Any]) -> None:
    """A list showing personal data counts as a view of every record on it."""
    if shown and permissions.holds_personal_data(model):
        record(
            AuditAction.VIEW,
            record_type=model,
            detail={**detail, "ids": [obj.pk for obj in shown]},
        )


def log_export(model: type[Model], count: int, detail: dict[str, Any]) -> None:
    record(AuditAction.EXPORT, record_type=model, detail={**detail, "count": count})
