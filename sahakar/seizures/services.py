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

from django.db import models, transaction

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
            if _assign(part, values):
                save_as(part, acting_user)
        for pk, part in existing.items():
            if pk not in sent_ids:
                part.delete()


def _assign(part: models.Model, values: dict[str, Any]) -> bool:
    """Set the values on `part`; whether anything changed (unchanged parts are not saved)."""
    changed = False
    for name, value in values.items():
        if getattr(part, name) != value:
            setattr(part, name, value)
            changed = True
    return changed
