from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.seizures.api.serializers import SeizureSerializer
from sahakar.seizures.filtersets import SeizureFilterSet
from sahakar.seizures.models import Seizure


class SeizureViewSet(RestrictedModelViewSet):
    queryset = Seizure.objects.select_related("org_unit", "seizing_agency")
    serializer_class = SeizureSerializer
    filterset_class = SeizureFilterSet
    ordering_fields = ["seized_at", "reference", "created"]
