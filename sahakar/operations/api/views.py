from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.operations.api.serializers import OperationSerializer
from sahakar.operations.filtersets import OperationFilterSet
from sahakar.operations.models import Operation


class OperationViewSet(RestrictedModelViewSet):
    queryset = Operation.objects.select_related("lead_agency", "org_unit").prefetch_related(
        "participating_agencies", "target_venues"
    )
    serializer_class = OperationSerializer
    filterset_class = OperationFilterSet
    ordering_fields = ["planned_start", "reference", "created"]
