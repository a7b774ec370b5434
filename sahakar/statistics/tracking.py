"""Which slices of the analytics tables a write touches, recorded in the write's transaction.

For every record type a family depends on (families.py), a save or delete looks up the days
and org units of the anchor records it belongs to, before the change (the stored row) and
after it, and writes them as PendingSlice rows in the same transaction; the refresh after
commit recomputes those slices. Bulk paths that bypass signals (the demo generator) rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache, partial
from typing import Any

from django.apps import apps
from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.signals import post_save, pre_delete, pre_save

from sahakar.core.changelog import jsonable
from sahakar.statistics.families import FAMILIES, Family, slices_of
from sahakar.statistics.models import PendingSlice

# record type label -> [(family, lookup from the family's anchor to that record)]
DEPENDENTS: dict[str, list[tuple[Family, str]]] = defaultdict(list)
for _family in FAMILIES.values():
    for _label, _lookup in _family.depends.items():
        DEPENDENTS[_label].append((_family, _lookup))


def touched(instance: Model, *, saved: bool = False) -> list[PendingSlice]:
    """The slices the stored state of `instance` counts in, for every family it feeds. Just
    after its save (`saved`), an anchor record's own slice is read from the instance when its
    org unit is at hand, without a query."""
    if instance.pk is None:
        return []
    queries: dict[tuple[str, str, tuple[str, ...], str], list[str]] = defaultdict(list)
    for family, lookup in DEPENDENTS.get(instance._meta.label_lower, []):
        key = (family.anchor, lookup, family.anchor_times, family.anchor_path)
        queries[key].append(family.name)
    found: list[PendingSlice] = []
    for (anchor, lookup, times, path), names in queries.items():
        anchor_object = _loaded_anchor(instance, anchor, lookup) if saved else None
        own = _own_slice(anchor_object, times, path) if anchor_object is not None else None
        if own is not None:
            found.extend(PendingSlice(family=n, day=own[0], unit_path=own[1]) for n in names)
            continue
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


def _loaded_anchor(instance: Model, anchor: str, lookup: str) -> Model | None:
    """The anchor record a record just saved belongs to, when it is at hand: the record itself,
    or the parent a part was saved with (a seizure's item, with its seizure loaded)."""
    if lookup == "pk":
        return instance
    if "__" in lookup:
        return None
    relation = apps.get_model(anchor)._meta.get_field(lookup)
    if not relation.auto_created or relation.concrete:
        return None
    link = relation.field.name
    parent: Model | None = instance._state.fields_cache.get(link)
    if parent is None or parent.pk != getattr(instance, relation.field.attname):
        return None
    return parent


def _own_slice(instance: Model, times: tuple[str, ...], path: str) -> tuple[Any, str] | None:
    """(day, org unit path) of a record just saved, from its own values and the related
    records already loaded with it; None when one is not loaded (a query then reads it)."""
    values: list[Any] = []
    for name in (*times, path):
        *relations, attribute = name.split("__")
        value: Any = instance
        for step in relations:
            if value is None:
                break
            if step not in value._state.fields_cache:
                return None
            value = value._state.fields_cache[step]
        values.append(None if value is None else getattr(value, attribute))
    found = slices_of([tuple(values)])
    return next(iter(found)) if found else None


@cache
def relevant_fields(label: str) -> frozenset[str]:
    """The fields of a record type whose change can move the slices it counts in: an anchor's
    time and place, a part's link to its anchor, and fields on the way from an anchor to its
    place (a venue's org unit, for its inspections). Other changes keep the slices."""
    names: set[str] = set()
    for family, lookup in DEPENDENTS.get(label, []):
        spots = (*family.anchor_times, family.anchor_path)
        if lookup == "pk":
            names.update(spot.split("__")[0] for spot in spots)
            continue
        prefix = f"{lookup}__"
        names.update(s[len(prefix) :].split("__")[0] for s in spots if s.startswith(prefix))
        if "__" not in lookup:
            relation = apps.get_model(family.anchor)._meta.get_field(lookup)
            if relation.auto_created and not relation.concrete:  # the link is this record's
                names.add(relation.field.name)
    own = {field.name for field in apps.get_model(label)._meta.concrete_fields}
    return frozenset(names & own)  # a reverse relation (a case's referrals) is not the record's


def moved(instance: Model) -> bool:
    """Whether a save may move the record's slices, judged from the stored row that the change
    history read just before (core.changelog); True when that is not known."""
    before = getattr(instance, "_changelog_before", None)
    if before is None:
        return True
    for name in relevant_fields(instance._meta.label_lower):
        field: Any = instance._meta.get_field(name)
        if before.get(name) != jsonable(field.value_from_object(instance)):
            return True
    return False


class _Marked:
    """A no-op commit callback standing for slices written at one point of a transaction:
    Django drops it with the savepoint it was registered in if that rolls back, so while it
    is registered, so are the slices' pending rows."""

    def __call__(self) -> None:
        return None


def mark(slices: list[PendingSlice], using: str) -> None:
    """Record the slices in the current transaction, and refresh once it commits. A slice
    already written in this transaction (and not rolled back since) is not written again."""
    if not slices:
        return
    connection = connections[using]
    callback = _callbacks.setdefault(using, partial(_committed, using))
    alive = {id(entry[1]) for entry in connection.run_on_commit}
    registered = id(callback) in alive
    marked: dict[tuple[str, Any, str], _Marked] = (
        getattr(connection, "_statistics_marked", {}) if registered else {}
    )
    fresh = [
        item
        for item in slices
        if id(marked.get((item.family, item.day, item.unit_path))) not in alive
    ]
    if fresh:
        PendingSlice.objects.using(using).bulk_create(fresh, ignore_conflicts=True)
        token = _Marked()
        transaction.on_commit(token, using=using)
        marked.update({(item.family, item.day, item.unit_path): token for item in fresh})
    connection._statistics_marked = marked  # type: ignore[attr-defined]
    # One refresh per transaction, however many writes it holds.
    if not registered:
        transaction.on_commit(callback, using=using)


_callbacks: dict[str, Any] = {}  # one per database, so a transaction registers it once


def _committed(using: str) -> None:
    from sahakar.statistics.refresher import after_commit

    after_commit(using)


def _using(instance: Model) -> str:
    return router.db_for_write(type(instance), instance=instance)


def _before_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    """Where the record counted until now, if this save may move it (the after-save marks
    where it counts from now on)."""
    if raw or instance._state.adding or not moved(instance):
        return
    mark(touched(instance), _using(instance))


def _before_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    mark(touched(instance), _using(instance))


def _after(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        mark(touched(instance, saved=True), _using(instance))


def connect() -> None:
    for label in DEPENDENTS:
        model = apps.get_model(label)
        uid = f"statistics:{label}"
        # After core.changelog's handlers (core is ready first): they read the stored row.
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}:pre_save")
        post_save.connect(_after, sender=model, dispatch_uid=f"{uid}:post_save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}:pre_delete")
