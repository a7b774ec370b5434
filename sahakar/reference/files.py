"""Reading and syncing reference files: the one CSV reader and the one keyed insert-or-update.

Every app's reference-data loader (declared as `reference_loader` on its AppConfig) and the
country loader build on these, so running a load again changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, created: int, updated: int) -> None:
        self.created[kind] = self.created.get(kind, 0) + created
        self.updated[kind] = self.updated.get(kind, 0) + updated

    def lines(self) -> Iterator[str]:
        for kind in self.created:
            yield f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated"


def read_csv(path: Path, required: Iterable[str] = ()) -> list[dict[str, str]]:
    """The file's rows, values stripped. A `required` column missing from the header refuses
    the file, naming the columns."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in reader]
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in required if column not in header]
    if missing:
        raise ValidationError(f"{path.name} line 1: missing column(s) {', '.join(missing)}")
    return rows


@dataclass(frozen=True)
class Synced:
    """What a sync left: every object by its key, and how many were created and updated."""

    objects: dict[Any, Any]
    created: int
    updated: int


def sync(
    model: type,
    key: str,
    rows: Iterable[dict[str, Any]],
    kind: str,
    report: LoadReport,
    *,
    source: str | None = None,
) -> Synced:
    """Insert missing rows and update changed ones, matching on `key`, and count them in
    `report` under `kind`. With a `source` file name, a refused row is named by its line."""
    existing = {getattr(obj, key): obj for obj in model._default_manager.all()}  # type: ignore[attr-defined]
    created = updated = 0
    for line, values in enumerate(rows, start=2):
        obj = existing.get(values[key])
        if obj is not None and all(getattr(obj, k) == v for k, v in values.items()):
            continue
        if obj is None:
            obj = model(**values)
            created += 1
        else:
            for name, value in values.items():
                setattr(obj, name, value)
            updated += 1
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            if source is None:
                raise
            raise ValidationError(f"{source} line {line}: {exc.message_dict}") from exc
        obj.save()
        existing[values[key]] = obj
    report.add(kind, created, updated)
    return Synced(existing, created, updated)
