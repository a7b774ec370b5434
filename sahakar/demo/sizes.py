"""How much demo data each size holds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    """Record counts over a span of history that ends today.

    Seizures are linked to operations where the province had one at the time, so the share of
    linked seizures (about 85%) emerges from the counts rather than being fixed.
    """

    name: str
    years: int
    venues: int
    operations: int
    seizures: int
    persons: int
    # Operations still to come (planned) and under way now (active), on top of `operations`.
    planned: int
    active: int
    # Prevention campaigns over the period, in every province.
    campaigns: int = 0


SIZES: dict[str, Size] = {
    # For tests: every province and record type present, in about a second.
    "tiny": Size(
        "tiny",
        years=1,
        venues=90,
        operations=70,
        seizures=90,
        persons=110,
        planned=4,
        active=2,
        campaigns=60,
    ),
    # For `make run` and CI: two years, a few seconds.
    "small": Size(
        "small",
        years=2,
        venues=300,
        operations=400,
        seizures=600,
        persons=800,
        planned=8,
        active=4,
        campaigns=300,
    ),
    # Ten years of a country of 17 million (docs/quality.md, performance): minutes.
    "national": Size(
        "national",
        years=10,
        venues=12_000,
        operations=100_000,
        seizures=120_000,
        persons=150_000,
        planned=120,
        active=40,
        campaigns=12_000,
    ),
    # Ten times `national`, for the benchmarks (bench/analytics.py): hours. Bulk-inserted a year
    # at a time like the others (about 1.3 GB of records in memory for the busiest year).
    "large": Size(
        "large",
        years=10,
        venues=120_000,
        operations=1_000_000,
        seizures=1_200_000,
        persons=1_500_000,
        planned=1_200,
        active=400,
        campaigns=120_000,
    ),
}
