"""Disclosure control: no published count under the threshold, none withheld recoverable."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sahakar.public.suppression import Ledger, exposed, protect, rate

PRIME = 2_147_483_647

counts = st.integers(min_value=0, max_value=30) | st.sampled_from([0, 1, 2, 3, 4])
tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.lists(counts, min_size=cols, max_size=cols), min_size=rows, max_size=rows
        )
    )
)


def _rank_mod_p(rows: list[list[int]]) -> int:
    """Rank over the integers modulo a large prime: another way to the rank than the
    module's rational elimination."""
    matrix = [[x % PRIME for x in row] for row in rows]
    rank, width = 0, len(matrix[0]) if matrix else 0
    for col in range(width):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        inverse = pow(matrix[rank][col], PRIME - 2, PRIME)
        for r in range(len(matrix)):
            if r != rank and matrix[r][col]:
                factor = matrix[r][col] * inverse % PRIME
                matrix[r] = [
                    (a - factor * b) % PRIME for a, b in zip(matrix[r], matrix[rank], strict=True)
                ]
        rank += 1
    return rank


def recoverable(ledger: Ledger, withheld: set[int]) -> list[int]:
    """Withheld variables fixed by the equations: e_k lies in the row space of the equations
    restricted to the withheld variables (the rank does not grow when e_k is added)."""
    unknowns = sorted(withheld)
    rows = [[eq.get(v, 0) for v in unknowns] for eq in ledger.equations]
    rows = [row for row in rows if any(row)]
    base = _rank_mod_p(rows) if rows else 0
    found = []
    for k in range(len(unknowns)):
        unit = [int(j == k) for j in range(len(unknowns))]
        if _rank_mod_p([*rows, unit]) == base:
            found.append(unknowns[k])
    return found


def integer_range(ledger: Ledger, withheld: set[int], variable: int, bound: int) -> set[int]:
    """Every value `variable` takes over the non-negative whole solutions (brute force)."""
    unknowns = sorted(withheld)
    seen = set()
    for guess in itertools.product(range(bound + 1), repeat=len(unknowns)):
        values = list(ledger.values)
        for index, value in zip(unknowns, guess, strict=True):
            values[index] = value
        if all(sum(c * values[v] for v, c in eq.items()) == 0 for eq in ledger.equations):
            seen.add(values[variable])
    return seen


@settings(max_examples=150, deadline=None)
@given(tables, st.integers(2, 6))
def test_it_publishes_no_count_under_the_threshold_and_none_withheld_is_recoverable(
    cells: list[list[int]], threshold: int
) -> None:
    ledger = Ledger()
    ledger.table(cells)
    withheld = protect(ledger, threshold)
    for index, value in enumerate(ledger.values):
        if index not in withheld:
            assert value == 0 or value >= threshold
        else:
            assert value > 0
    assert recoverable(ledger, withheld) == []
    assert exposed(ledger.values, ledger.equations, withheld) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 4), min_size=2, max_size=2), min_size=2, max_size=2),
    st.integers(2, 3),
)
def test_it_leaves_every_withheld_count_more_than_one_whole_value(
    cells: list[list[int]], threshold: int
) -> None:
    ledger = Ledger()
    ledger.table(cells)
    withheld = protect(ledger, threshold)
    if not withheld or len(withheld) > 6:
        return
    bound = max(ledger.values)
    for variable in withheld:
        assert len(integer_range(ledger, withheld, variable, bound)) > 1


@settings(max_examples=80, deadline=None)
@given(tables, tables, st.integers(2, 6))
def test_it_withholds_a_figure_shared_by_two_tables_in_both(
    first: list[list[int]], second: list[list[int]], threshold: int
) -> None:
    ledger = Ledger()
    a = ledger.table(first)
    # The second table's last row holds the first table's column totals.
    columns = len(first[0])
    second = [row[:columns] + [0] * (columns - len(row[:columns])) for row in second]
    second[-1] = [ledger.values[i] for i in a.column_totals]
    shared = {(len(second) - 1, c): a.column_totals[c] for c in range(columns)}
    shared[(len(second) - 1, columns)] = a.grand_total
    ledger.table(second, shared=shared)
    withheld = protect(ledger, threshold)
    assert recoverable(ledger, withheld) == []
    assert all(v == 0 or v >= threshold for i, v in enumerate(ledger.values) if i not in withheld)


def test_it_withholds_a_lone_small_count_with_a_partner_in_its_row_and_column() -> None:
    ledger = Ledger()
    layout = ledger.table([[3, 10, 12], [8, 9, 20]])
    withheld = protect(ledger, 5)
    assert layout.cells[0][0] in withheld
    assert layout.cells[0][1] in withheld  # the smallest in its row
    assert layout.cells[1][0] in withheld  # the smallest in its column
    assert recoverable(ledger, withheld) == []


def test_it_publishes_zeros_and_large_tables_untouched() -> None:
    ledger = Ledger()
    ledger.table([[0, 10], [7, 0]])
    assert protect(ledger, 5) == set()


def test_it_forces_earlier_withheld_counts() -> None:
    ledger = Ledger()
    layout = ledger.table([[30, 10], [7, 20]])
    withheld = protect(ledger, 5, forced={layout.cells[0][0]})
    assert layout.cells[0][0] in withheld
    assert recoverable(ledger, withheld) == []


def test_it_withholds_a_rate_on_a_small_denominator() -> None:
    assert rate(3, 4, 5) is None
    assert rate(0, 0, 5) is None
    assert rate(4, 5, 5) == Decimal("80.0")
    assert rate(2, 3, 2) == Decimal("66.7")
