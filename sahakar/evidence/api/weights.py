"""API of the evidence room: weight discrepancies, read, and closed by a supervisor."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from sahakar.core import permissions
from sahakar.core.api.serializers import CodeField
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.evidence import discrepancies, services
from sahakar.evidence.discrepancies import DiscrepancyFilterSet, open_first
from sahakar.evidence.models import WeightDiscrepancy


class DiscrepancySerializer(serializers.ModelSerializer[WeightDiscrepancy]):
    exhibit_reference = serializers.CharField(source="exhibit.reference", read_only=True)
    substance = CodeField(source="exhibit.substance", read_only=True)
    store = CodeField(source="exhibit.store", read_only=True)
    tolerance = CodeField(read_only=True)
    difference = serializers.DecimalField(max_digits=15, decimal_places=3, read_only=True)
    # A plain string: a second enum named "status" (operations have one) has no stable name.
    status = serializers.CharField(read_only=True, help_text="open or closed.")
    closed_by = serializers.CharField(source="closed_by.username", read_only=True, default=None)

    class Meta:
        model = WeightDiscrepancy
        fields = [
            "id",
            "exhibit",
            "exhibit_reference",
            "substance",
            "store",
            "event",
            "stage",
            "expected",
            "measured",
            "difference",
            "unit",
            "tolerance",
            "status",
            "opened_at",
            "closed_at",
            "closed_by",
            "closing_note",
            "version",
        ]
        read_only_fields = fields


class CloseBody(serializers.Serializer[Any]):
    closing_note = serializers.CharField(
        allow_blank=True,
        max_length=4000,
        help_text="Why the weighings differ and what was checked; kept with the exhibit.",
    )
    version = serializers.IntegerField(
        required=False, help_text="The version you read: 409 if it changed since."
    )


@extend_schema_view(
    list=extend_schema(
        summary="Weight discrepancies, open first",
        description=(
            "Two weighings of one exhibit beyond the tolerance, open ones first, oldest "
            "first. Filter by `status` (open, closed), `store` and `substance` codes."
        ),
    ),
    retrieve=extend_schema(summary="One weight discrepancy"),
)
class WeightDiscrepancyViewSet(RestrictedModelViewSet):
    queryset = open_first(
        WeightDiscrepancy.objects.select_related(
            "exhibit__substance", "exhibit__store", "tolerance", "closed_by"
        )
    )
    serializer_class = DiscrepancySerializer
    filterset_class = DiscrepancyFilterSet
    ordering_fields = ["opened_at", "closed_at"]
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        summary="Close a discrepancy with a note",
        description=(
            "By a user who may change weight discrepancies where the exhibit was seized (an "
            "evidence supervisor). Refused (400) without a note or when already closed; "
            "a custodian or auditor who sees it is refused with 403."
        ),
        request=CloseBody,
        responses={
            200: DiscrepancySerializer,
            400: OpenApiResponse(description="Refused; the reason is under `closing_note`."),
            403: OpenApiResponse(description="You may see it but not close it."),
            404: OpenApiResponse(description="No such discrepancy that you may see."),
            409: OpenApiResponse(description="It changed since you read it (stale version)."),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="close",
        url_name="close",
        restrict_with=permissions.VIEW,
        http_method_names=["post", "options"],
    )
    def close(self, request: Request, pk: Any = None) -> Response:
        if not discrepancies.may_change(request.user, self.get_object()):
            raise exceptions.PermissionDenied(str(discrepancies.NOT_YOURS_TO_CLOSE))
        return self.act_on_record(
            request,
            CloseBody,
            lambda discrepancy, data: services.close_discrepancy(
                discrepancy, note=data["closing_note"], acting_user=request.user
            ),
        )


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
    router.register("weight-discrepancies", WeightDiscrepancyViewSet, basename="weightdiscrepancy")
