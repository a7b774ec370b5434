"""The one writer of a seizure's items and property, used by the page and the API alike.

The page (views.SeizureEditView) turns its validated inline formsets into rows
(core.forms.formset_rows); the API (api/serializers.py) sends its validated nested rows. Both
follow one rule: rows are matched to the seizure's parts by id. A row with an id updates that
part, a row without one adds a part, and a part whose id is not sent is deleted. Matching by
id rather than replacing the set keeps each item's identity (and its history, and the
exhibits that will point at it) when it is only corrected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from sahakar.core.attribution import save_as
from sahakar.seizures.models import Seizure

if TYPE_CHECKING:
    pass


def sync_parts(
    seizure: Seizure, related_name: str, rows: Iterable[dict[str, Any]], *, acting_user: Any
) -> None:
    """Make `seizure.<related_name>` match `rows` (validated field values, optional "id"),
    each part added or changed attributed to `acting_user`."""
    manager = getattr(seizure, related_name)
    existing = {part.pk: part for part in manager.all()}
    sealed = _sealed(manager.model, existing)
    sent_ids = set()
    with transaction.atomic():
        for row in rows:
            values = dict(row)
            pk = values.pop("id", None)
            if pk is None:
                save_as(manager.model(seizure=seizure, **values), acting_user)
                continue
            part = existing[pk]
            sent_ids.add(pk)
            if pk in sealed and _changes_identity(part, values):
                raise ValidationError(
                    {
                        related_name: _(
                            "%(part)s is sealed in exhibit %(exhibits)s: its substance, form "
                            "and unit can no longer change."
                        )
                        % {"part": part, "exhibits": sealed[pk]}
                    }
                )
            if _assign(part, values):
                save_as(part, acting_user)
        for pk, part in existing.items():
            if pk not in sent_ids:
                if pk in sealed:
                    raise ValidationError(
                        {
                            related_name: _(
                                "%(part)s is sealed in exhibit %(exhibits)s: it cannot be removed."
                            )
                            % {"part": part, "exhibits": sealed[pk]}
                        }
                    )
                part.delete()


# What a sealed item keeps: its exhibit was sealed, weighed and reconciled as this.
_IDENTITY = ("substance", "substance_id", "form", "unit", "kind")


def _sealed(model: type[models.Model], parts: dict[Any, Any]) -> dict[Any, str]:
    """The parts packed in an exhibit, with the exhibits' numbers."""
    if not parts or not hasattr(model, "exhibits"):
        return {}
    through = model.exhibits.through
    column = f"{model._meta.model_name}_id"
    rows = through.objects.filter(**{f"{column}__in": list(parts)}).values_list(
        column, "exhibit__reference"
    )
    sealed: dict[Any, list[str]] = {}
    for pk, reference in rows:
        sealed.setdefault(pk, []).append(reference)
    return {pk: ", ".join(sorted(refs)) for pk, refs in sealed.items()}


def _changes_identity(part: models.Model, values: dict[str, Any]) -> bool:
    return any(name in values and getattr(part, name) != values[name] for name in _IDENTITY)


def _assign(part: models.Model, values: dict[str, Any]) -> bool:
    """Set the values on `part`; whether anything changed (unchanged parts are not saved)."""
    changed = False
    for name, value in values.items():
        if getattr(part, name) != value:
            setattr(part, name, value)
            changed = True
    return changed
