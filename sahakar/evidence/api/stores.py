"""API of the evidence room: stores and their locations. Everyone whose role may see them
reads them; roles that may add or change them write them (accounts/data/grants.csv)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.evidence.api.serializers_stores import (
    EvidenceStoreSerializer,
    StoreLocationSerializer,
)
from sahakar.evidence.filtersets import EvidenceStoreFilterSet, StoreLocationFilterSet
from sahakar.evidence.models import EvidenceStore, StoreLocation


class EvidenceStoreViewSet(RestrictedModelViewSet):
    """Property rooms, drug vaults, laboratories, court registries and destruction sites."""

    queryset = EvidenceStore.objects.select_related("agency", "org_unit")
    serializer_class = EvidenceStoreSerializer
    filterset_class = EvidenceStoreFilterSet
    ordering_fields = ["code", "name", "created"]


class StoreLocationViewSet(RestrictedModelViewSet):
    """Locations inside the stores."""

    queryset = StoreLocation.objects.select_related("store")
    serializer_class = StoreLocationSerializer
    filterset_class = StoreLocationFilterSet
    ordering_fields = ["code", "created"]


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
    router.register("evidence-stores", EvidenceStoreViewSet)
    router.register("store-locations", StoreLocationViewSet)
