"""API of the evidence room: disposal approvals, create-only.

An approval is written by evidence.disposal.approve_disposal (with its custody event) and
never changed or deleted: PUT, PATCH and DELETE answer 405.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from sahakar.core import permissions
from sahakar.core.api.serializers import ExplainedPrimaryKeyRelatedField
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.core.filtersets import ValidatedFilterSet, date_range
from sahakar.evidence.choices import DisposalBasis, OrderAuthority
from sahakar.evidence.disposal import approve_disposal
from sahakar.evidence.models import DisposalApproval, Exhibit

CREATE_ONLY = ["get", "post", "head", "options"]
REFUSED = OpenApiResponse(
    description="Refused: the reason under the field concerned, or under non_field_errors."
)


class DisposalApprovalSerializer(serializers.ModelSerializer[DisposalApproval]):
    exhibit_reference = serializers.CharField(source="exhibit.reference", read_only=True)
    approved_by = serializers.CharField(source="approved_by.get_username", read_only=True)

    class Meta:
        model = DisposalApproval
        fields = [
            "id",
            "exhibit",
            "exhibit_reference",
            "basis",
            "authority",
            "order_reference",
            "ordered_on",
            "note",
            "approved_by",
            "approved_at",
            "event",
        ]
        read_only_fields = fields


class DisposalApprovalRequestSerializer(serializers.Serializer[Any]):
    """What a prosecutor sends to approve one exhibit's disposal."""

    exhibit = ExplainedPrimaryKeyRelatedField(queryset=Exhibit.objects.none())
    basis = serializers.ChoiceField(
        choices=DisposalBasis.choices,
        help_text=_(
            "verdict: every linked arrest has a final outcome; pre_verdict_order: a prosecutor's "
            "or court's order, after weighing and a laboratory result with a retained sample."
        ),
    )
    authority = serializers.ChoiceField(choices=OrderAuthority.choices)
    order_reference = serializers.CharField(max_length=200)
    ordered_on = serializers.DateField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        exhibit: Any = fields["exhibit"]
        exhibit.queryset = Exhibit.objects.restrict(user, permissions.VIEW)
        return fields


class DisposalApprovalFilterSet(ValidatedFilterSet):
    basis = django_filters.ChoiceFilter(choices=DisposalBasis.choices)
    authority = django_filters.ChoiceFilter(choices=OrderAuthority.choices)
    exhibit = django_filters.NumberFilter(field_name="exhibit_id")
    ordered = date_range("ordered_on", _("Ordered between"))

    class Meta:
        model = DisposalApproval
        fields = ["basis", "authority", "exhibit", "ordered"]


class DisposalApprovalViewSet(RestrictedModelViewSet):
    """Disposal approvals: after the verdict for eligible exhibits, before it by order. Only
    prosecutors of the exhibit's jurisdiction create them; none is ever changed or deleted."""

    queryset = DisposalApproval.objects.select_related("exhibit", "approved_by")
    serializer_class = DisposalApprovalSerializer
    filterset_class = DisposalApprovalFilterSet
    ordering_fields = ["approved_at", "ordered_on"]
    http_method_names = CREATE_ONLY

    @extend_schema(
        summary="Approve an exhibit's disposal",
        description=(
            "Writes the approval and its `disposal_approved` custody event. Refused when the "
            "exhibit is not eligible after the verdict, when an order before the verdict lacks "
            "a weighing or a retained sample, when the exhibit is destroyed, released or "
            "already approved, and for users who may not approve in its jurisdiction."
        ),
        request=DisposalApprovalRequestSerializer,
        responses={201: DisposalApprovalSerializer, 400: REFUSED, 403: OpenApiResponse()},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = DisposalApprovalRequestSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        approval = approve_disposal(data.pop("exhibit"), **data, acting_user=request.user)
        answer = self.get_serializer(approval)
        return Response(answer.data, status=status.HTTP_201_CREATED)


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
    router.register("disposal-approvals", DisposalApprovalViewSet)
