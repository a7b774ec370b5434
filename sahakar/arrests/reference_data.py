"""This app's reference data, loaded by `sahakar load_reference` from the country's folder.

offences.csv: the offences of the country's drug law (code, article, titles, offence class).
custody_rules.csv: how long police custody may last per offence class, and its extensions;
optionally `max_arrival_hours`, the longest time from the arrest to the arrival at the unit
(24 when the column is absent).
Both may give the Khmer wording of the law (`article_km`, `legal_basis_km`) and say whether it
was checked against the official text (`km_verified`: yes or no, no when absent); the pages show
the Khmer wording in Khmer, and never the flag.
Another country is another folder with its own two files. A folder without them loads none
(arrests cannot then be recorded: record_arrest names the missing rule). Columns other than
those read here (such as `note`) are comments for the people who keep the files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from sahakar.arrests.choices import OffenceClass
from sahakar.arrests.models import CustodyRule, Offence
from sahakar.reference.files import LoadReport, read_csv, sync

OFFENCES = "offences.csv"
CUSTODY_RULES = "custody_rules.csv"


def load(folder: Path, report: LoadReport) -> None:
    """Insert or update this app's reference rows from `folder` (see reference/files.py)."""
    if (folder / OFFENCES).is_file():
        sync(Offence, "code", offence_rows(folder / OFFENCES), "offences", report)
    if (folder / CUSTODY_RULES).is_file():
        sync(
            CustodyRule,
            "offence_class",
            custody_rule_rows(folder / CUSTODY_RULES),
            "custody rules",
            report,
        )


def offence_rows(path: Path) -> list[dict[str, Any]]:
    """The file's rows as Offence field values; any bad row refuses the whole file."""
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(read_csv(path, ("code", "article", "title_en", "offence_class")), 2):
        where = f"{path.name} line {line}"
        for column in ("code", "article", "title_en"):
            if not row[column]:
                raise ValidationError(f"{where}: {column} is empty")
        if row["code"] in seen:
            raise ValidationError(
                f"{where}: code {row['code']!r} is already used on line {seen[row['code']]}"
            )
        seen[row["code"]] = line
        _check_class(where, row["offence_class"])
        rows.append(
            {
                "code": row["code"],
                "article": row["article"],
                "title_en": row["title_en"],
                "title_km": row.get("title_km", ""),
                "offence_class": row["offence_class"],
                "article_km": row.get("article_km", ""),
                "km_verified": _verified(where, row),
            }
        )
    return rows


def custody_rule_rows(path: Path) -> list[dict[str, Any]]:
    """The file's rows as CustodyRule field values; any bad row refuses the whole file."""
    columns = ("offence_class", "base_hours", "extension_hours", "max_extensions", "legal_basis")
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(read_csv(path, columns), 2):
        where = f"{path.name} line {line}"
        _check_class(where, row["offence_class"])
        if row["offence_class"] in seen:
            raise ValidationError(
                f"{where}: offence class {row['offence_class']!r} already has a rule on line "
                f"{seen[row['offence_class']]}"
            )
        seen[row["offence_class"]] = line
        base, extension, count = (
            _hours(where, row, name) for name in ("base_hours", "extension_hours", "max_extensions")
        )
        if base < 1:
            raise ValidationError(f"{where}: base_hours must be at least 1")
        if count and not extension:
            raise ValidationError(
                f"{where}: max_extensions is {count} but extension_hours is 0; give the hours "
                "an extension adds"
            )
        if not row["legal_basis"]:
            raise ValidationError(f"{where}: legal_basis is empty")
        arrival = _hours(where, row, "max_arrival_hours") if row.get("max_arrival_hours") else 24
        if arrival < 1:
            raise ValidationError(f"{where}: max_arrival_hours must be at least 1")
        rows.append(
            {
                "offence_class": row["offence_class"],
                "base_hours": base,
                "extension_hours": extension,
                "max_extensions": count,
                "legal_basis": row["legal_basis"],
                "max_arrival_hours": arrival,
                "legal_basis_km": row.get("legal_basis_km", ""),
                "km_verified": _verified(where, row),
            }
        )
    return rows


def _verified(where: str, row: dict[str, str]) -> bool:
    """`km_verified`: yes when the Khmer wording was checked against the official text."""
    value = (row.get("km_verified") or "no").lower()
    if value not in ("yes", "no"):
        raise ValidationError(f"{where}: km_verified must be yes or no, not {value!r}")
    return value == "yes"


def _check_class(where: str, value: str) -> None:
    if value not in OffenceClass.values:
        raise ValidationError(
            f"{where}: unknown offence class {value!r}; use one of {', '.join(OffenceClass.values)}"
        )


def _hours(where: str, row: dict[str, str], column: str) -> int:
    value = row[column]
    if not value.isdigit():
        raise ValidationError(f"{where}: {column} must be a whole number, not {value!r}")
    return int(value)
