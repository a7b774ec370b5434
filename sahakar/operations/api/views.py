from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.operations import services
from sahakar.operations.api.serializers import (
    InspectionSerializer,
    OperationSerializer,
    OperationStatusSerializer,
)
from sahakar.operations.filtersets import InspectionFilterSet, OperationFilterSet
from sahakar.operations.models import Inspection, Operation


class OperationViewSet(RestrictedModelViewSet):
    queryset = Operation.objects.select_related("lead_agency", "org_unit").prefetch_related(
        "participating_agencies", "target_venues"
    )
    serializer_class = OperationSerializer
    filterset_class = OperationFilterSet
    ordering_fields = ["planned_start", "reference", "created"]

    @extend_schema(
        summary="Move an operation to its next status",
        description=(
            "planned > active > closed. Going active records the actual start, closing the "
            "actual end: the time given in `at`, else the time already recorded, else now. A "
            "refused move answers 400 with the reason under `status`, a refused time under "
            "`at`; a stale `version` answers 409."
        ),
        request=OperationStatusSerializer,
        responses={
            200: OperationSerializer,
            400: OpenApiResponse(
                description="The move or its time is not allowed (reason under `status` or `at`)."
            ),
            404: OpenApiResponse(description="No such operation in your scope."),
            409: OpenApiResponse(description="The operation changed since you read it."),
        },
    )
    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    def change_status(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            OperationStatusSerializer,
            lambda operation, data: services.change_status(
                operation, data["status"], data.get("at"), acting_user=request.user
            ),
        )


class InspectionViewSet(RestrictedModelViewSet):
    queryset = Inspection.objects.all()
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet
    ordering_fields = ["inspected_at", "created"]
