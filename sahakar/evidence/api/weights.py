"""API of the evidence room: weights."""

from rest_framework.routers import SimpleRouter


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
