"""The demo sizes: `large` is `national` ten times over, for the benchmarks."""

from __future__ import annotations

from dataclasses import fields

from sahakar.demo.evidence import EXHIBITS
from sahakar.demo.sizes import SIZES


def test_it_makes_large_ten_times_national_in_every_count() -> None:
    large, national = SIZES["large"], SIZES["national"]
    counts = [f.name for f in fields(large) if f.name not in ("name", "years")]
    assert counts  # venues, operations, seizures, persons, planned, active, campaigns
    for name in counts:
        assert getattr(large, name) == 10 * getattr(national, name), name
    assert large.years == national.years == 10  # ten times the records over the same years


def test_it_keeps_the_evidence_room_of_national_at_large() -> None:
    # Exhibits go through the custody service one save at a time: not scaled up.
    assert EXHIBITS["large"] == EXHIBITS["national"]
