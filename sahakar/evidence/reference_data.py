"""This app's reference data, loaded by `sahakar load_reference` from the country's folder:
lab_turnaround.csv (days a laboratory has to answer, per substance) and weight_tolerances.csv
(how far two weighings may differ, per substance and form). Rows are keyed by `code`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError

from sahakar.evidence.models import LabTurnaroundRule, WeightTolerance
from sahakar.reference.files import LoadReport, read_csv, sync
from sahakar.substances.choices import Form
from sahakar.substances.models import Substance

TURNAROUND = "lab_turnaround.csv"
TOLERANCES = "weight_tolerances.csv"


def load(folder: Path, report: LoadReport) -> None:
    if (folder / TURNAROUND).is_file():
        load_turnaround(folder / TURNAROUND, report)
    if (folder / TOLERANCES).is_file():
        load_tolerances(folder / TOLERANCES, report)


def _substance(code: str, where: str) -> Substance | None:
    if not code:
        return None
    try:
        return Substance.objects.get(code=code)
    except Substance.DoesNotExist as exc:
        raise ValidationError(f"{where}: unknown substance {code!r}") from exc


def _decimal(value: str, where: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise ValidationError(f"{where}: {value!r} is not a number") from exc
    if number < 0:
        raise ValidationError(f"{where}: {value!r} is negative")
    return number


def load_turnaround(path: Path, report: LoadReport) -> None:
    rows = []
    for line, row in enumerate(read_csv(path), start=2):
        where = f"{path.name} line {line}"
        days = _decimal(row["days"], where)
        if days != days.to_integral_value() or days < 1:
            raise ValidationError(f"{where}: days must be a whole number from 1")
        rows.append(
            {
                "code": row["code"],
                "substance": _substance(row.get("substance", ""), where),
                "days": int(days),
                "note": row.get("note", ""),
            }
        )
    sync(LabTurnaroundRule, "code", rows, "lab turnaround rules", report, source=path.name)


def load_tolerances(path: Path, report: LoadReport) -> None:
    rows = []
    for line, row in enumerate(read_csv(path), start=2):
        where = f"{path.name} line {line}"
        form = row.get("form", "")
        if form and form not in Form.values:
            raise ValidationError(f"{where}: unknown form {form!r}")
        rows.append(
            {
                "code": row["code"],
                "substance": _substance(row.get("substance", ""), where),
                "form": form,
                "absolute": _decimal(row["absolute"], where),
                "relative_percent": _decimal(row["relative_percent"], where),
                "note": row.get("note", ""),
            }
        )
    sync(WeightTolerance, "code", rows, "weight tolerances", report, source=path.name)
