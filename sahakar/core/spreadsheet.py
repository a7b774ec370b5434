"""Cells written to CSV files that people open in spreadsheets.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula, so a name like `=HYPERLINK(...)` typed into a record would act when
an export is opened. Such text cells get a leading single quote (OWASP's advice for CSV
injection); numbers, including negative ones, are written as they are.
"""

from __future__ import annotations

import re
from typing import Any

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
