"""The audit trail: one append-only, hash-chained log of every change, view and sign-in."""
