"""Shared bases: the base model, restrict(), change history, generic views and API bases."""
