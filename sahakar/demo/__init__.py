"""Synthetic demo data and demo users, at several sizes."""
