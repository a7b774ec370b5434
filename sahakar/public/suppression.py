"""Disclosure control for the public figures: which counts are withheld.

The published tables are counts with their row, column and grand totals. Together they form a
`Ledger`: one variable per published number (a cell or a total) and the linear equations that
tie them (each row sums to its total, each column to its total, the totals to the grand total).
Tables can share variables, so that a figure printed in two tables is withheld in both or in
neither.

The rule, as the page states it:

1. Primary suppression: every count from 1 to `threshold - 1` is withheld, totals included.
   Zeros are published (a zero points to nobody).
2. Complementary suppression: while a withheld count can still be worked out exactly from the
   published numbers and the equations, one more count is withheld: the smallest non-zero
   published count that shares an equation (a row or a column) with the exposed one; failing
   that, the smallest non-zero published count anywhere. Ties go to the first in table order.

A withheld count is "worked out exactly" when it is the same in every solution of the
equations given the published numbers: with exact rational elimination over the withheld
variables, it is a pivot whose row holds no free variable. Since zeros are never withheld,
each withheld count is at least 1, so a linear freedom is also a freedom among non-negative
whole numbers (the tables' equations have circuits of +1/-1 steps).

Rates are withheld when their denominator is under the threshold (`rate`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# An equation: coefficients by variable; the weighted sum is zero.
Equation = dict[int, int]


@dataclass(frozen=True)
class Layout:
    """Where one table's numbers are in a ledger: variable indexes of the cells (rows of
    columns), of the row totals, of the column totals and of the grand total."""

    cells: list[list[int]]
    row_totals: list[int]
    column_totals: list[int]
    grand_total: int


@dataclass
class Ledger:
    """Counts and the equations that tie them."""

    values: list[int] = field(default_factory=list)
    equations: list[Equation] = field(default_factory=list)

    def variable(self, value: int) -> int:
        if value < 0:
            raise ValueError("Counts are never negative.")
        self.values.append(int(value))
        return len(self.values) - 1

    def table(
        self, cells: Sequence[Sequence[int]], *, shared: dict[tuple[int, int], int] | None = None
    ) -> Layout:
        """Adds a table of counts with its totals. `shared` maps positions of the table with
        its margins, (row, column) where row == len(cells) is the column totals and column ==
        the number of columns is the row totals, to variables already in the ledger that
        hold the same figure."""
        shared = shared or {}
        rows = len(cells)
        columns = len(cells[0]) if rows else 0
        if any(len(row) != columns for row in cells):
            raise ValueError("Every row needs the same number of cells.")
        row_sums = [sum(row) for row in cells]
        column_sums = [sum(cells[r][c] for r in range(rows)) for c in range(columns)]

        def var(position: tuple[int, int], value: int) -> int:
            if position in shared:
                index = shared[position]
                if self.values[index] != value:
                    raise ValueError(f"Shared figure at {position} differs: {value}.")
                return index
            return self.variable(value)

        grid = [[var((r, c), cells[r][c]) for c in range(columns)] for r in range(rows)]
        row_totals = [var((r, columns), row_sums[r]) for r in range(rows)]
        column_totals = [var((rows, c), column_sums[c]) for c in range(columns)]
        grand = var((rows, columns), sum(row_sums))
        for r in range(rows):
            self._sum([*grid[r]], row_totals[r])
        for c in range(columns):
            self._sum([grid[r][c] for r in range(rows)], column_totals[c])
        self._sum(row_totals, grand)
        self._sum(column_totals, grand)
        return Layout(grid, row_totals, column_totals, grand)

    def _sum(self, parts: list[int], whole: int) -> None:
        equation: Equation = {}
        for part in parts:
            equation[part] = equation.get(part, 0) + 1
        equation[whole] = equation.get(whole, 0) - 1
        equation = {k: v for k, v in equation.items() if v}
        if equation:
            self.equations.append(equation)


def primary(values: Sequence[int], threshold: int) -> set[int]:
    """The counts from 1 to threshold - 1."""
    return {i for i, value in enumerate(values) if 0 < value < threshold}


def exposed(
    values: Sequence[int], equations: Sequence[Equation], withheld: Iterable[int]
) -> list[int]:
    """The withheld variables whose value the equations fix, given every other value."""
    unknowns = sorted(set(withheld))
    if not unknowns:
        return []
    column = {v: j for j, v in enumerate(unknowns)}
    width = len(unknowns)
    matrix: list[list[Fraction]] = []
    for equation in equations:
        row = [Fraction(0)] * (width + 1)
        known = 0
        for variable, coefficient in equation.items():
            if variable in column:
                row[column[variable]] += coefficient
            else:
                known += coefficient * values[variable]
        if any(row[:width]):
            row[width] = Fraction(-known)
            matrix.append(row)
    pivots = _reduce(matrix, width)
    pivot_columns = {c for c, _ in pivots}
    fixed = []
    for c, r in pivots:
        if not any(matrix[r][j] for j in range(width) if j not in pivot_columns):
            fixed.append(unknowns[c])
    return sorted(fixed)


def _reduce(matrix: list[list[Fraction]], width: int) -> list[tuple[int, int]]:
    """Reduced row echelon form in place; the (column, row) of each pivot."""
    pivots: list[tuple[int, int]] = []
    row = 0
    for col in range(width):
        found = next((r for r in range(row, len(matrix)) if matrix[r][col]), None)
        if found is None:
            continue
        matrix[row], matrix[found] = matrix[found], matrix[row]
        lead = matrix[row][col]
        if lead != 1:
            matrix[row] = [x / lead for x in matrix[row]]
        for r in range(len(matrix)):
            if r != row and matrix[r][col]:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[row], strict=True)]
        pivots.append((col, row))
        row += 1
        if row == len(matrix):
            break
    return pivots


def neighbours(equations: Sequence[Equation], variable: int) -> set[int]:
    """Variables that share an equation (a row or a column) with `variable`."""
    return {v for eq in equations if variable in eq for v in eq if v != variable}


def protect(ledger: Ledger, threshold: int, *, forced: Iterable[int] = ()) -> set[int]:
    """The variables to withhold: primary suppression, then complementary suppression until
    none is exposed. `forced` are withheld whatever their value (e.g. already withheld in an
    earlier publication of the same figure)."""
    values, equations = ledger.values, ledger.equations
    withheld = primary(values, threshold) | {v for v in forced if values[v]}
    while True:
        found = exposed(values, equations, withheld)
        if not found:
            return withheld
        target = found[0]
        published = [v for v in range(len(values)) if v not in withheld and values[v] > 0]
        near = [v for v in published if v in neighbours(equations, target)]
        pool = near or published
        if not pool:  # every non-zero count is withheld: nothing can be worked out
            return withheld
        withheld.add(min(pool, key=lambda v: (values[v], v)))


def rate(numerator: int, denominator: int, threshold: int, places: int = 1) -> Decimal | None:
    """numerator / denominator as a percentage, or None (withheld) when the denominator is
    under the threshold (zero included)."""
    if denominator < max(threshold, 1):
        return None
    share = Decimal(numerator) * 100 / Decimal(denominator)
    return share.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
