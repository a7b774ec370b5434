"""Statistics: the analytics tables (facts) kept current with every write, and what is read
from them: dashboards, the monthly national report, international returns.

- models.py: `Fact` (aggregates by period, org unit and dimensions, at three grains) and
  `PendingSlice` (what a committed write left to recompute).
- families.py: what each family of facts counts, and how it is computed from the records.
- tracking.py: which slices a write touches (signals), recorded in the write's transaction.
- refresh.py: recomputes pending slices right after commit, and rebuilds everything.
- figures.py: restricted reads of the facts for pages, reports and the API.
"""
