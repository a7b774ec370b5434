"""What is held about a person, gathered from every record that refers to them (reads only).

Merging duplicates is in services.py (merge_persons), finding them in duplicates.py."""

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from sahakar.audit.log import history_of
from sahakar.core import permissions
from sahakar.core.changelog import snapshot
from sahakar.persons.models import Person


def everything_held_about(person: Person, user: Any) -> dict[str, Any]:
    """The person's record, every record linking to them that `user` may export, and the
    audit trail about them."""
    encoder = DjangoJSONEncoder()
    linked: dict[str, list[dict[str, Any]]] = {}
    for relation in person._meta.related_objects:
        accessor = relation.get_accessor_name()
        if not accessor or not hasattr(person, accessor):
            continue
        related = getattr(person, accessor)
        rows = permissions.restrict(related.all(), user, permissions.EXPORT)
        label = relation.related_model._meta.label_lower
        linked[label] = [{"id": row.pk, **snapshot(row)} for row in rows]
    return {
        "person": {"id": person.pk, **snapshot(person)},
        "linked_records": linked,
        "history": [
            {
                "seq": entry.seq,
                "time": encoder.default(entry.time),
                "user": entry.username,
                "action": entry.action,
                "source": entry.source,
                "detail": entry.detail,
                "before": entry.before,
                "after": entry.after,
            }
            for entry in history_of(person)
        ],
    }


def linked_counts(person: Person, user: Any) -> dict[str, int]:
    """How many records of each kind that `user` may see refer to the person (every
    relation, any app), e.g. {"arrests (person)": 2}: what a merge would move within the
    user's scope."""
    counts: dict[str, int] = {}
    for relation in person._meta.related_objects:
        model = relation.related_model
        field = relation.field
        label = f"{model._meta.verbose_name_plural} ({field.verbose_name})"
        linked = model._base_manager.filter(**{field.name: person})
        counts[label] = permissions.restrict(linked, user).count()
    return counts
