"""Writing a seizure's items and property from a list of rows (the API's nested write).

The page does the same through Django's inline formsets (views.SeizureEditView). Both follow
one rule: rows are matched to the seizure's parts by id. A row with an id updates that part,
a row without one adds a part, and a part whose id is not sent is deleted. Matching by id
rather than replacing the set keeps each item's identity (and its history, and the exhibits
that will point at it) when it is only corrected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from sahakar.seizures.models import Seizure


def sync_parts(seizure: Seizure, related_name: str, rows: Iterable[dict[str, Any]]) -> None:
    """Make `seizure.<related_name>` match `rows` (validated field values, optional "id")."""
    manager = getattr(seizure, related_name)
    existing = {part.pk: part for part in manager.all()}
    sent_ids = set()
    with transaction.atomic():
        for row in rows:
            values = dict(row)
            pk = values.pop("id", None)
            if pk is None:
                manager.model(seizure=seizure, **values).save()
                continue
            part = existing[pk]
            sent_ids.add(pk)
            if _assign(part, values):
                part.save()
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
