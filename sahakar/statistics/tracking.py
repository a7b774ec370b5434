"""Which slices of the analytics tables a write touches, recorded in the write's transaction.

For every record type a family depends on (families.py), a save or delete looks up the days
and org units of the anchor records it belongs to, before the change (the stored row) and
after it, and writes them as PendingSlice rows in the same transaction; the refresh after
commit recomputes those slices. Bulk paths that bypass signals (the demo generator) rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.apps import apps
from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.signals import post_save, pre_delete, pre_save

from sahakar.statistics.families import FAMILIES, Family, slices_of
from sahakar.statistics.models import PendingSlice

# record type label -> [(family, lookup from the family's anchor to that record)]
DEPENDENTS: dict[str, list[tuple[Family, str]]] = defaultdict(list)
for _family in FAMILIES.values():
    for _label, _lookup in _family.depends.items():
        DEPENDENTS[_label].append((_family, _lookup))


def touched(instance: Model) -> list[PendingSlice]:
    """The slices the stored state of `instance` counts in, for every family it feeds."""
    if instance.pk is None:
        return []
    queries: dict[tuple[str, str, tuple[str, ...], str], list[str]] = defaultdict(list)
    for family, lookup in DEPENDENTS.get(instance._meta.label_lower, []):
        key = (family.anchor, lookup, family.anchor_times, family.anchor_path)
        queries[key].append(family.name)
    found: list[PendingSlice] = []
    for (anchor, lookup, times, path), names in queries.items():
        rows = (
            apps.get_model(anchor)
            ._base_manager.filter(**{lookup: instance.pk})
            .order_by()
            .values_list(*times, path)
            .distinct()
        )
        for day, unit_path in slices_of(rows):
            found.extend(PendingSlice(family=n, day=day, unit_path=unit_path) for n in names)
    return found


def mark(slices: list[PendingSlice], using: str) -> None:
    """Record the slices in the current transaction, and refresh once it commits."""
    if not slices:
        return
    PendingSlice.objects.using(using).bulk_create(slices, ignore_conflicts=True)
    from sahakar.statistics.refresh import refresh_after_commit

    connection = connections[using]
    # One refresh per transaction, however many writes it holds.
    if not any(entry[1] is refresh_after_commit for entry in connection.run_on_commit):
        transaction.on_commit(refresh_after_commit, using=using)


def _using(instance: Model) -> str:
    return router.db_for_write(type(instance), instance=instance)


def _before(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance._state.adding:
        return
    mark(touched(instance), _using(instance))


def _after(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        mark(touched(instance), _using(instance))


def connect() -> None:
    for label in DEPENDENTS:
        model = apps.get_model(label)
        uid = f"statistics:{label}"
        pre_save.connect(_before, sender=model, dispatch_uid=f"{uid}:pre_save")
        post_save.connect(_after, sender=model, dispatch_uid=f"{uid}:post_save")
        pre_delete.connect(_before, sender=model, dispatch_uid=f"{uid}:pre_delete")
