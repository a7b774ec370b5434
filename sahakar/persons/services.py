"""The writes with consequences for persons: merging two records of the same person, the one
way duplicates are resolved. (Reads about a person are in queries.py.)

The removed record is kept, marked `merged_into` the kept one, rather than deleted. Its
audit trail (views, changes, the merge itself) keeps pointing at a record that exists, so the
history stays verifiable and readable from its page; lists, search and duplicate candidates
leave merged records out. Every link to it (arrests today, any later record that refers to a
person) moves to the kept record, found generically from Person._meta.related_objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core import permissions
from sahakar.core.attribution import save_as
from sahakar.core.changelog import snapshot
from sahakar.core.models import BaseModel, StaleWrite
from sahakar.persons.choices import Sex
from sahakar.persons.models import Person

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser

# Filled on the kept record from the removed one when blank there; document type and number
# go together. Names are not: the kept names stay, the removed ones remain on its record.
_FILLED = ("name_km", "name_latin", "alias", "nationality", "notes")


class MergeRefused(ValidationError):
    """The merge cannot be made; the message says why. Nothing was changed."""


def merge_persons(
    keep: Person,
    remove: Person,
    *,
    acting_user: AnyUser | None,
    keep_version: int | None = None,
    remove_version: int | None = None,
) -> Person:
    """Merge `remove` into `keep`, in one transaction, attributed to `acting_user`.

    Every record linking to `remove` is changed to link to `keep` (each change in its own
    history); blank fields of `keep` are filled from `remove`; `remove` is marked merged into
    `keep`; both get a "merge" audit entry holding the snapshots before and after. The
    versions, when given, must be those the user saw (StaleWrite otherwise). Returns the kept
    person as saved; the instances passed in are read afresh, not updated.
    """
    if keep.pk == remove.pk:
        raise MergeRefused(_("A person cannot be merged into themselves."))
    with transaction.atomic():
        keep, remove = _lock_for_change(keep.pk, remove.pk, acting_user)
        _check_versions(keep, keep_version, remove, remove_version)
        _check_not_merged(keep, remove)
        keep_before, remove_before = snapshot(keep), snapshot(remove)
        moved = _move_links(remove, keep)
        _fill_blanks(keep, remove)
        save_as(keep, acting_user)
        remove.merged_into = keep
        save_as(remove, acting_user)
        record(
            AuditAction.MERGE,
            keep,
            before=keep_before,
            after=snapshot(keep),
            detail={"merged": {"id": remove.pk, "snapshot": remove_before}, "moved": moved},
            user=acting_user,
        )
        record(
            AuditAction.MERGE,
            remove,
            before=remove_before,
            after=snapshot(remove),
            detail={"merged_into": {"id": keep.pk, "snapshot": keep_before}, "moved": moved},
            user=acting_user,
        )
    return keep


def _lock_for_change(keep_pk: int, remove_pk: int, user: AnyUser | None) -> tuple[Person, Person]:
    """Both records, locked (in key order, so two merges cannot deadlock), if the user may
    change both; PermissionDenied otherwise (views answer 404 before getting here)."""
    changeable = Person.objects.restrict(user, permissions.CHANGE)
    locked = {
        p.pk: p
        for p in changeable.select_for_update(of=("self",))
        .filter(pk__in=[keep_pk, remove_pk])
        .order_by("pk")
    }
    if keep_pk not in locked or remove_pk not in locked:
        raise PermissionDenied
    return locked[keep_pk], locked[remove_pk]


def _check_versions(
    keep: Person, keep_version: int | None, remove: Person, remove_version: int | None
) -> None:
    for person, seen in ((keep, keep_version), (remove, remove_version)):
        if seen is not None and seen != person.version:
            raise StaleWrite(
                _(
                    "%(person)s was changed by someone else after you opened it. "
                    "Review it and merge again."
                )
                % {"person": person}
            )


def _check_not_merged(keep: Person, remove: Person) -> None:
    for person in (remove, keep):
        if person.merged_into_id is not None:
            raise MergeRefused(
                _("%(person)s was already merged into person #%(pk)s.")
                % {"person": person, "pk": person.merged_into_id}
            )


def _move_links(remove: Person, keep: Person) -> dict[str, list[Any]]:
    """Point every record that refers to `remove` at `keep`; what moved, by record type."""
    moved: dict[str, list[Any]] = {}
    for relation in Person._meta.related_objects:
        label = relation.related_model._meta.label_lower
        if relation.many_to_many:
            ids = _move_many_to_many(relation, remove, keep)
        else:
            ids = _move_foreign_keys(relation, remove, keep)
        if ids:
            moved.setdefault(label, []).extend(ids)
    for field in Person._meta.many_to_many:  # links held by the person record itself
        if field.remote_field.through._meta.auto_created:  # type: ignore[union-attr]
            getattr(keep, field.name).add(*getattr(remove, field.name).all())
    return moved


def _move_foreign_keys(relation: Any, remove: Person, keep: Person) -> list[Any]:
    field = relation.field
    model = relation.related_model
    linked = list(model._base_manager.select_for_update().filter(**{field.name: remove}))
    if relation.one_to_one and linked and model._base_manager.filter(**{field.name: keep}).exists():
        raise MergeRefused(
            _("Both persons have a %(record)s; only one may remain. Resolve that first.")
            % {"record": model._meta.verbose_name}
        )
    for obj in linked:
        setattr(obj, field.attname, keep.pk)
        _check_constraints(obj)
        if isinstance(obj, BaseModel):
            obj.save()  # versioned, and recorded in the record's own history
        else:
            model._base_manager.filter(pk=obj.pk).update(**{field.attname: keep.pk})
    return [obj.pk for obj in linked]


def _move_many_to_many(relation: Any, remove: Person, keep: Person) -> list[Any]:
    """Links through a plain many-to-many field of another record. A field with its own
    `through` model is moved as that model's foreign key (with the data it holds)."""
    field = relation.field
    if not field.remote_field.through._meta.auto_created:
        return []
    holders = list(relation.related_model._base_manager.filter(**{field.name: remove}))
    for holder in holders:
        links = getattr(holder, field.name)
        links.remove(remove)
        links.add(keep)
    return [holder.pk for holder in holders]


def _check_constraints(obj: models.Model) -> None:
    try:
        obj.validate_unique()
        obj.validate_constraints()
    except ValidationError as exc:
        raise MergeRefused(
            _("%(record)s already refers to the other person in the same way: %(problem)s")
            % {"record": obj, "problem": " ".join(exc.messages)}
        ) from exc


def _fill_blanks(keep: Person, remove: Person) -> None:
    """What the kept record lacks and the removed one has. Never overwrites a value."""
    for name in _FILLED:
        if not getattr(keep, name) and getattr(remove, name):
            setattr(keep, name, getattr(remove, name))
    if keep.sex == Sex.UNKNOWN and remove.sex != Sex.UNKNOWN:
        keep.sex = remove.sex
    if not keep.document_number and not keep.document_type and remove.document_number:
        keep.document_type, keep.document_number = remove.document_type, remove.document_number
    year = keep.year_of_birth
    if (
        keep.date_of_birth is None
        and remove.date_of_birth is not None
        and year in (None, remove.date_of_birth.year)
    ):
        keep.date_of_birth = remove.date_of_birth
    if keep.year_of_birth is None and remove.year_of_birth is not None:
        keep.birth_year = remove.year_of_birth
    try:
        keep.full_clean()
    except ValidationError as exc:  # the filled values contradict each other
        raise MergeRefused(exc.messages) from exc
