"""Users' agency, role and jurisdiction (the org-unit subtree they work in)."""
