"""Arrests, the legal custody clock and how each custody ended."""
