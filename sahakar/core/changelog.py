"""Change history for every BaseModel subclass, from one pair of signal handlers.

Before a save we snapshot the stored row; after it, we compare and append an entry to the
audit trail (audit.log.record), attributed through core.context, so web, API and command
changes are recorded alike.

Many-to-many changes are set changes: the entry's detail says what was added to and removed
from each set ({"participating_agencies": {"added": [3], "removed": [1]}}). Inside
grouped() (every create and edit through the pages and the API) a record's changes are
collected and written as one entry when the block ends, still inside its transaction: a new
record's history opens with one "created" entry that includes its sets.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.forms.models import model_to_dict
from django.utils import timezone

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record, record_many
from sahakar.core.models import BaseModel

_SKIPPED = {
    "created",
    "updated",
    "created_by",
    "updated_by",
    "version",
    "password",
    "last_login",
    # derived search keys of persons: not information anyone entered
    "name_key",
    "name_fold",
    "name_key_km",
    "document_key",
}

# Not records, but who may do what: their changes are audited like records' (never the
# password hash; sign-in times are audited as sign-ins).
ACCESS_MODELS = {
    "auth.user",
    "accounts.profile",
    "accounts.role",
    "accounts.grant",
    "accounts.roleassignment",
}
_encoder = DjangoJSONEncoder()


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The record's own fields as JSON-safe values (many-to-many as sorted id lists)."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in _SKIPPED:
            continue
        data[field.name] = jsonable(field.value_from_object(instance))
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(
                obj.pk for obj in model_to_dict(instance, fields=[field.name])[field.name]
            )
    return data


def jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = value.astimezone(UTC)  # the same moment reads the same from a form or the DB
    try:
        return _encoder.default(value)
    except TypeError:
        return str(value)


def _record(
    instance: models.Model, action: str, before: Any, after: Any, detail: Any = None
) -> None:
    record(action, instance, before=before, after=after, detail=detail)


def set_changes(before: dict[str, Any] | None, after: dict[str, Any], model: Any) -> dict[str, Any]:
    """What was added to and removed from each many-to-many set between two snapshots."""
    changes = {}
    for m2m in model._meta.many_to_many:
        old, new = set((before or {}).get(m2m.name, [])), set(after.get(m2m.name, []))
        if old != new:
            changes[m2m.name] = {"added": sorted(new - old), "removed": sorted(old - new)}
    return changes


@dataclass
class _Pending:
    instance: models.Model
    created: bool = False
    before: dict[str, Any] | None = None


@dataclass
class _Group:
    pending: dict[tuple[str, Any], _Pending] = dataclass_field(default_factory=dict)

    def touch(self, instance: models.Model, before: dict[str, Any] | None) -> _Pending:
        key = _key(instance)
        if key not in self.pending:
            self.pending[key] = _Pending(instance, before=before)
        self.pending[key].instance = instance
        return self.pending[key]

    def flush(self) -> None:
        """One entry per changed record, appended to the trail in one write."""
        entries = [
            entry
            for pending in self.pending.values()
            if (entry := _entry(pending.instance, pending.before, created=pending.created))
        ]
        record_many(entries)
        self.pending.clear()


def _key(instance: models.Model) -> tuple[str, Any]:
    return (instance._meta.label_lower, instance.pk)


_group: ContextVar[_Group | None] = ContextVar("sahakar_changelog_group", default=None)


@contextmanager
def grouped() -> Iterator[None]:
    """Collect each record's changes made in the block; write one entry per record at its end.
    Use inside the transaction that makes the changes (nested blocks join the outer one)."""
    if _group.get() is not None:
        yield
        return
    group = _Group()
    token = _group.set(group)
    try:
        yield
        group.flush()
    finally:
        _group.reset(token)


def _write(instance: models.Model, before: dict[str, Any] | None, *, created: bool) -> None:
    entry = _entry(instance, before, created=created)
    if entry:
        record(**entry)


def _entry(
    instance: models.Model, before: dict[str, Any] | None, *, created: bool
) -> dict[str, Any] | None:
    """What `record` is given for a record created or changed; None when nothing changed."""
    after = snapshot(instance)
    if created:
        return {"action": AuditAction.CREATE, "obj": instance, "before": None, "after": after}
    if before != after:
        changes = set_changes(before, after, type(instance))
        return {
            "action": AuditAction.UPDATE,
            "obj": instance,
            "before": before,
            "after": after,
            "detail": changes,
        }
    return None


def _pre_save(sender: type, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance._state.adding or instance.pk is None:
        instance._changelog_before = None  # type: ignore[attr-defined]
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()  # type: ignore[attr-defined]
    instance._changelog_before = snapshot(stored) if stored else None  # type: ignore[attr-defined]


def _post_save(
    sender: type, instance: models.Model, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    before = getattr(instance, "_changelog_before", None)
    group = _group.get()
    if group is not None:
        pending = group.touch(instance, before)
        pending.created = pending.created or created
        return
    _write(instance, before, created=created)


def _m2m_changed(
    sender: type, instance: models.Model, action: str, reverse: bool = False, **kwargs: Any
) -> None:
    if reverse or not _is_tracked(type(instance)):
        return
    if action in {"pre_add", "pre_remove", "pre_clear"}:
        before = snapshot(instance)
        group = _group.get()
        if group is not None:
            group.touch(instance, before)
        elif not hasattr(instance, "_changelog_m2m_before"):
            instance._changelog_m2m_before = before  # type: ignore[attr-defined]
    elif action in {"post_add", "post_remove", "post_clear"} and _group.get() is None:
        before = instance.__dict__.pop("_changelog_m2m_before", None)
        _write(instance, before, created=False)


def _pre_delete(sender: type, instance: models.Model, **kwargs: Any) -> None:
    group = _group.get()
    pending = group.pending.pop(_key(instance), None) if group is not None else None
    if pending is not None:  # its changes so far come before its deletion
        _write(pending.instance, pending.before, created=pending.created)
    instance._changelog_before = snapshot(instance)  # type: ignore[attr-defined]


def _post_delete(sender: type, instance: models.Model, **kwargs: Any) -> None:
    _record(instance, AuditAction.DELETE, getattr(instance, "_changelog_before", None), None)


def _is_tracked(sender: Any) -> bool:
    if not (isinstance(sender, type) and issubclass(sender, models.Model)):
        return False
    return issubclass(sender, BaseModel) or sender._meta.label_lower in ACCESS_MODELS


def connect() -> None:
    """Attach the handlers to every concrete BaseModel subclass and the access models."""
    from django.apps import apps

    for model in apps.get_models():
        if not _is_tracked(model):
            continue
        uid = model._meta.label_lower
        pre_save.connect(_pre_save, sender=model, dispatch_uid=f"changelog-pre-{uid}")
        post_save.connect(_post_save, sender=model, dispatch_uid=f"changelog-post-{uid}")
        pre_delete.connect(_pre_delete, sender=model, dispatch_uid=f"changelog-pdel-{uid}")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=f"changelog-del-{uid}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"changelog-m2m-{uid}-{field.name}",
            )
