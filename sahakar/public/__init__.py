"""Public figures at /public/: monthly snapshots of national and provincial statistics, open
without signing in, with small counts suppressed so that no figure points to a person."""
