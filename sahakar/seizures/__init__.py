"""Seizures: what was confiscated, where and by whom, as items and other property."""
