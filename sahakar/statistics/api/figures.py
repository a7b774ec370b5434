"""figures API (being built)."""

from rest_framework.routers import SimpleRouter


def register(router: SimpleRouter) -> None:
    """Adds this part's viewsets to the statistics router."""
