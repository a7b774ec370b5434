"""A return as tables, and the two files it downloads as: CSV and XLSX.

Every text cell goes through `safe_cell`, in both files, so a value that would start a
formula is quoted and the two files hold the same cells. Numbers stay numbers (decimals are
written in full, without exponent, in CSV). A return of several tables is one XLSX sheet per
table; in CSV, each table follows its title line, with an empty line between tables.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from sahakar.core.spreadsheet import safe_cell

Cell = str | int | Decimal


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class ReturnFile:
    """A built return: its file name stem and its tables."""

    name: str
    tables: list[Table]

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)


def _number(value: Decimal) -> Decimal | int:
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def cell(value: Any) -> Any:
    """A value as both files write it."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return _number(value)
    return safe_cell(value)


def _csv_text(value: Any) -> Any:
    value = cell(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def to_csv(built: ReturnFile) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    titled = len(built.tables) > 1
    for index, tab in enumerate(built.tables):
        if titled:
            if index:
                writer.writerow([])
            writer.writerow([cell(tab.title)])
        writer.writerow([_csv_text(h) for h in tab.header])
        for row in tab.rows:
            writer.writerow([_csv_text(v) for v in row])
    return buffer.getvalue()


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str, taken: set[str]) -> str:
    """A title Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def to_xlsx(built: ReturnFile) -> bytes:
    book = Workbook()
    default = book.active
    taken: set[str] = set()
    bold = Font(bold=True)
    for tab in built.tables:
        sheet = book.create_sheet(sheet_title(tab.title, taken))
        sheet.append([cell(h) for h in tab.header])
        for header_cell in sheet[1]:
            header_cell.font = bold
        for row in tab.rows:
            sheet.append([cell(v) for v in row])
        for column in sheet.iter_cols(min_row=1, max_row=1):
            letter = column[0].column_letter
            width = max(len(str(c.value or "")) for c in column) + 2
            sheet.column_dimensions[letter].width = min(max(width, 10), 40)
        sheet.freeze_panes = "A2"
    if default is not None:
        book.remove(default)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
