"""Persons: suspects' identities, visible only to roles that need them."""
