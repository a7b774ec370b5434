"""Cells written to CSV files that people open in spreadsheets.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula, so a name like `=HYPERLINK(...)` typed into a record would act when
an export is opened. Such text cells get a leading single quote (OWASP's advice for CSV
injection); numbers, including negative ones, are written as they are. Times are written as
the page shows them (local time, in the column's format), not as stored (UTC).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django_tables2 import DateTimeColumn

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should receive it: text that would start a formula is
    quoted; numbers and text that is only a number ("-2.5") are left alone."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def table_rows(table: Any) -> Iterator[list[Any]]:
    """The header and rows of a django-tables2 table for an export: its own `as_values()`,
    except that a time is the one the page shows (django-tables2 writes the stored UTC value)."""
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    yield [force_str(column.header, strings_only=True) for column in columns]
    for row in table.rows:
        yield [
            html.unescape(strip_tags(row.get_cell(column.name))).strip()
            if isinstance(column.column, DateTimeColumn)
            else force_str(row.get_cell_value(column.name), strings_only=True)
            for column in columns
        ]
