"""API of the evidence room: events."""

from rest_framework.routers import SimpleRouter


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
