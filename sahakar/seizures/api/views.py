from django.db.models import Prefetch

from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.seizures.api.serializers import SeizureSerializer
from sahakar.seizures.filtersets import SeizureFilterSet
from sahakar.seizures.models import Seizure, SeizureItem


class SeizureViewSet(RestrictedModelViewSet):
    """Seizures with their items and property nested; parts are written through the seizure."""

    queryset = Seizure.objects.select_related("org_unit", "seizing_agency").prefetch_related(
        Prefetch("items", queryset=SeizureItem.objects.select_related("substance")), "property"
    )
    serializer_class = SeizureSerializer
    filterset_class = SeizureFilterSet
    ordering_fields = ["seized_at", "reference", "created"]
