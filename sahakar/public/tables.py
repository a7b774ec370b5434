"""The public tables of one month, computed from the analytics tables and suppressed.

`build(month, threshold, earlier=...)` returns the content of a snapshot: plain JSON (strings,
lists, dicts) holding every label in English and Khmer, so that a snapshot shows the same
words and numbers for ever, whatever is renamed later. A withheld number is `WITHHELD`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sahakar.geo.models import OrgUnit
from sahakar.persons.choices import Sex
from sahakar.public import suppression
from sahakar.statistics import figures
from sahakar.statistics.choices import CustodyCompliance
from sahakar.substances.models import Substance

WITHHELD = "x"
FORMAT = 1  # bumped when the shape of the content changes

TITLES: dict[str, Promise] = {
    "seizures-by-province": _("Seizure cases by province and substance"),
    "national-by-substance": _("Seizure cases and quantities by substance, whole country"),
    "seizures-by-month": _("Seizure cases by month and substance, year to date"),
    "kg-by-month": _("Kilograms seized by month and substance, year to date"),
    "arrests-by-sex": _("Arrests by province and sex"),
    "custody-compliance": _("Custodies ended within the legal time, by province"),
}


def both(text: Promise | str) -> dict[str, str]:
    """The text in English and in Khmer."""
    labels = {}
    for language in ("en", "km"):
        with translation.override(language):
            labels[language] = str(text)
    return labels


def named(code: str, name_en: str, name_km: str) -> dict[str, str]:
    return {"code": code, "en": name_en, "km": name_km or name_en}


def count_text(value: int, withheld: bool) -> str:
    return WITHHELD if withheld else str(value)


def kg_text(value: Decimal, withheld: bool) -> str:
    if withheld:
        return WITHHELD
    rounded = Decimal(value).quantize(Decimal("0.001"))
    return f"{rounded.normalize():f}" if rounded else "0"


def _table(
    name: str, row_header: Promise, columns: list[dict[str, str]], kind: str
) -> dict[str, Any]:
    return {
        "name": name,
        "title": both(TITLES[name]),
        "kind": kind,
        "row_header": both(row_header),
        "columns": columns,
        "rows": [],
        "totals": None,
    }


def _row(label: dict[str, str], cells: list[str], total: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {**label, "cells": cells}
    if total is not None:
        row["total"] = total
    return row


class _Grid:
    """Counts (and optionally kilograms) keyed by (row code, column code)."""

    def __init__(self) -> None:
        self.n: dict[tuple[Any, str], int] = defaultdict(int)
        self.kg: dict[tuple[Any, str], Decimal] = defaultdict(Decimal)

    def matrix(self, rows: Iterable[Any], columns: Iterable[str]) -> list[list[int]]:
        cols = list(columns)
        return [[self.n[(r, c)] for c in cols] for r in rows]


def build(
    month: date, threshold: int, *, earlier: dict[date, set[str]] | None = None
) -> dict[str, Any]:
    """The month's published tables. `earlier` maps earlier months of the year to the
    substance codes of their cells already withheld in "seizures-by-month" (published
    before): they stay withheld, so that no later table reveals them."""
    period = figures.Period.month(month.year, month.month)
    to_date = figures.Period.months(date(month.year, 1, 1), month)
    everything = figures.EVERYTHING
    provinces = list(
        OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE)
        .order_by("code")
        .values_list("code", "name_en", "name_km")
    )
    codes = [p[0] for p in provinces]

    by_province = _Grid()
    for row in figures.breakdown(
        everything, "drug", period, by=("province", "substance"), measures=("seizures", "kg")
    ):
        by_province.n[(row["province"], row["substance"])] += row["seizures"]
    by_month = _Grid()
    for row in figures.breakdown(
        everything, "drug", to_date, by=("month", "substance"), measures=("seizures", "kg")
    ):
        by_month.n[(row["month"], row["substance"])] += row["seizures"]
        by_month.kg[(row["month"], row["substance"])] += row["kg"]
    present = {s for (_m, s), n in by_month.n.items() if n}
    substances = list(
        Substance.objects.filter(code__in=present)
        .order_by("code")
        .values_list("code", "name_en", "name_km")
    )
    subs = [s[0] for s in substances]
    months = to_date.month_starts()

    arrests = _Grid()
    for row in figures.breakdown(
        everything, "arrest", period, by=("province", "sex"), measures=("arrests",)
    ):
        arrests.n[(row["province"], row["sex"] or Sex.UNKNOWN)] += row["arrests"]
    sexes = [Sex.MALE, Sex.FEMALE, Sex.UNKNOWN]

    custody = _Grid()
    for row in figures.breakdown(
        everything, "custody", period, by=("province", "compliance"), measures=("custodies",)
    ):
        custody.n[(row["province"], row["compliance"])] += row["custodies"]

    ledger = suppression.Ledger()
    a = ledger.table(by_province.matrix(codes, subs))
    last = len(months) - 1
    shared = {(last, c): a.column_totals[c] for c in range(len(subs))}
    shared[(last, len(subs))] = a.grand_total
    m = ledger.table(by_month.matrix(months, subs), shared=shared)
    s = ledger.table(arrests.matrix(codes, [str(x) for x in sexes]))
    forced = {
        m.cells[i][j]
        for i, start in enumerate(months[:-1])
        for j, code in enumerate(subs)
        if code in (earlier or {}).get(start, set())
    }
    withheld = suppression.protect(ledger, threshold, forced=forced)
    values = ledger.values

    def n(index: int) -> str:
        return count_text(values[index], index in withheld)

    substance_columns = [named(*s) for s in substances]
    total = both(_("Total"))
    tables = []

    t = _table("seizures-by-province", _("Province"), substance_columns, "count")
    t["rows"] = [
        _row(named(*p), [n(i) for i in a.cells[r]], n(a.row_totals[r]))
        for r, p in enumerate(provinces)
    ]
    t["totals"] = _row({"code": "", **total}, [n(i) for i in a.column_totals], n(a.grand_total))
    tables.append(t)

    t = _table(
        "national-by-substance",
        _("Substance"),
        [{"code": "cases", **both(_("Seizure cases"))}, {"code": "kg", **both(_("Kilograms"))}],
        "mixed",
    )
    month_kg = [by_month.kg[(months[-1], code)] for code in subs]
    for j, sub in enumerate(substances):
        index = a.column_totals[j]
        t["rows"].append(_row(named(*sub), [n(index), kg_text(month_kg[j], index in withheld)]))
    t["totals"] = _row(
        {"code": "", **total},
        [n(a.grand_total), kg_text(sum(month_kg, Decimal(0)), a.grand_total in withheld)],
    )
    tables.append(t)

    month_labels = [{"code": f"{d:%Y-%m}", "en": f"{d:%Y-%m}", "km": f"{d:%Y-%m}"} for d in months]
    t = _table("seizures-by-month", _("Month"), substance_columns, "count")
    t["rows"] = [
        _row(month_labels[r], [n(i) for i in m.cells[r]], n(m.row_totals[r]))
        for r in range(len(months))
    ]
    t["totals"] = _row({"code": "", **total}, [n(i) for i in m.column_totals], n(m.grand_total))
    tables.append(t)

    t = _table("kg-by-month", _("Month"), substance_columns, "kg")
    row_kg = [sum((by_month.kg[(d, c)] for c in subs), Decimal(0)) for d in months]
    column_kg = [sum((by_month.kg[(d, c)] for d in months), Decimal(0)) for c in subs]
    t["rows"] = [
        _row(
            month_labels[r],
            [kg_text(by_month.kg[(d, c)], m.cells[r][j] in withheld) for j, c in enumerate(subs)],
            kg_text(row_kg[r], m.row_totals[r] in withheld),
        )
        for r, d in enumerate(months)
    ]
    t["totals"] = _row(
        {"code": "", **total},
        [kg_text(column_kg[j], m.column_totals[j] in withheld) for j in range(len(subs))],
        kg_text(sum(row_kg, Decimal(0)), m.grand_total in withheld),
    )
    tables.append(t)

    sex_columns = [{"code": str(x), **both(x.label)} for x in sexes]
    t = _table("arrests-by-sex", _("Province"), sex_columns, "count")
    t["rows"] = [
        _row(named(*p), [n(i) for i in s.cells[r]], n(s.row_totals[r]))
        for r, p in enumerate(provinces)
    ]
    t["totals"] = _row({"code": "", **total}, [n(i) for i in s.column_totals], n(s.grand_total))
    tables.append(t)

    t = _table(
        "custody-compliance",
        _("Province"),
        [{"code": "rate", **both(_("Ended in time (%)"))}],
        "rate",
    )
    in_time, late = CustodyCompliance.IN_TIME, CustodyCompliance.LATE
    for code, name_en, name_km in provinces:
        done, ended = (
            custody.n[(code, in_time)],
            custody.n[(code, in_time)] + custody.n[(code, late)],
        )
        t["rows"].append(_row(named(code, name_en, name_km), [_rate(done, ended, threshold)]))
    done = sum(custody.n[(c, in_time)] for c in codes)
    ended = done + sum(custody.n[(c, late)] for c in codes)
    t["totals"] = _row({"code": "", **both(_("Whole country"))}, [_rate(done, ended, threshold)])
    tables.append(t)

    return {"format": FORMAT, "month": f"{month:%Y-%m}", "threshold": threshold, "tables": tables}


def _rate(numerator: int, denominator: int, threshold: int) -> str:
    value = suppression.rate(numerator, denominator, threshold)
    return WITHHELD if value is None else f"{value:f}"


def withheld_months(content: dict[str, Any]) -> dict[date, set[str]]:
    """From a published content: the substance codes withheld in each month's row of
    "seizures-by-month"."""
    table = next((t for t in content["tables"] if t["name"] == "seizures-by-month"), None)
    if table is None:
        return {}
    codes = [c["code"] for c in table["columns"]]
    found: dict[date, set[str]] = {}
    for row in table["rows"]:
        year, month = (int(part) for part in row["code"].split("-"))
        found[date(year, month, 1)] = {
            codes[j] for j, cell in enumerate(row["cells"]) if cell == WITHHELD
        }
    return found
