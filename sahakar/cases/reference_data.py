"""This app's reference data, loaded by `sahakar load_reference` from the country's folder:
legal_clock_rules.csv (time limits of the code of criminal procedure) and penalty_bands.csv
(quantity thresholds of the drug law). A country without these files has no case clocks or
bands. Rows are keyed by `code`; a clock rule no longer in the file is deactivated.
Khmer wording: `label_km`, `article_km`, `note_km`, `penalty_km`, `legal_basis_km`; `km_verified`
(yes or no) says whether it was checked against the official text, in the data only.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from sahakar.cases.models import LegalClockRule, PenaltyBand
from sahakar.reference.files import LoadReport, read_csv, sync

CLOCK_RULES = "legal_clock_rules.csv"
PENALTY_BANDS = "penalty_bands.csv"
_TRUE, _FALSE = frozenset({"yes", "true", "1"}), frozenset({"no", "false", "0", ""})


def load(folder: Path, report: LoadReport) -> None:
    """Insert or update this app's reference rows from `folder` (see reference/files.py)."""
    changed = 0
    if (folder / CLOCK_RULES).is_file():
        changed += load_clock_rules(folder / CLOCK_RULES, report)
    if (folder / PENALTY_BANDS).is_file():
        load_penalty_bands(folder / PENALTY_BANDS, report)
    if changed:
        from sahakar.cases.services import refresh_open_cases

        refresh_open_cases()


def load_clock_rules(path: Path, report: LoadReport) -> int:
    rows = []
    for line, row in enumerate(read_csv(path), start=2):
        where = f"{path.name} line {line}"
        rows.append(
            {
                "code": row["code"],
                "label_en": row["label_en"],
                "label_km": row.get("label_km", ""),
                "article": row["article"],
                "starts_at": row["starts_at"],
                "ends_at": row.get("ends_at") or "judgment",
                "duration_value": _integer(row["duration_value"], where),
                "duration_unit": row["duration_unit"],
                "extension_value": _integer(row.get("extension_value") or "0", where),
                "max_extensions": _integer(row.get("max_extensions") or "0", where),
                "warn_hours": _integer(row.get("warn_hours") or "0", where),
                "procedure": row.get("procedure", ""),
                "offence_class": row.get("offence_class", ""),
                "note": row.get("note", ""),
                "article_km": row.get("article_km", ""),
                "note_km": row.get("note_km", ""),
                "km_verified": _boolean(row.get("km_verified", ""), where),
                "active": True,
            }
        )
    synced = sync(LegalClockRule, "code", rows, "legal clock rules", report, source=path.name)
    stale = LegalClockRule.objects.filter(active=True).exclude(code__in=[r["code"] for r in rows])
    deactivated = stale.update(active=False)
    report.add("legal clock rules", 0, deactivated)
    return synced.created + synced.updated + deactivated


def load_penalty_bands(path: Path, report: LoadReport) -> None:
    rows = []
    for line, row in enumerate(read_csv(path), start=2):
        where = f"{path.name} line {line}"
        rows.append(
            {
                "code": row["code"],
                "substance_category": row["substance_category"],
                "lower_g": _decimal(row["lower_g"], where),
                "lower_inclusive": _boolean(row["lower_inclusive"], where),
                "upper_g": _decimal(row["upper_g"], where),
                "upper_inclusive": _boolean(row["upper_inclusive"], where),
                "penalty_en": row["penalty_en"],
                "penalty_km": row.get("penalty_km", ""),
                "legal_basis": row["legal_basis"],
                "note": row.get("note", ""),
                "legal_basis_km": row.get("legal_basis_km", ""),
                "note_km": row.get("note_km", ""),
                "km_verified": _boolean(row.get("km_verified", ""), where),
            }
        )
    _refuse_overlaps(rows, path.name)
    sync(PenaltyBand, "code", rows, "penalty bands", report, source=path.name)


def _refuse_overlaps(rows: list[dict[str, Any]], name: str) -> None:
    bands = [(index, PenaltyBand(**row)) for index, row in enumerate(rows, start=2)]
    for first_line, first in bands:
        for second_line, second in bands:
            same_category = first.substance_category == second.substance_category
            if first_line < second_line and same_category and first.overlaps(second):
                raise ValidationError(
                    f"{name} lines {first_line} and {second_line}: the bands for "
                    f"{first.substance_category!r} overlap"
                )


def _integer(value: str, where: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise ValidationError(f"{where}: {value!r} is not a whole number") from exc


def _decimal(value: str, where: str) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValidationError(f"{where}: {value!r} is not a number") from exc


def _boolean(value: str, where: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValidationError(f"{where}: {value!r} is not yes or no")
