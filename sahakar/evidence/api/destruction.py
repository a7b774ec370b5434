"""API of the evidence room: destruction batches, create-only.

A batch is written by evidence.destruction.destroy_batch (its witnesses and one `destroyed`
custody event per exhibit, all or nothing) and never changed or deleted: PUT, PATCH and
DELETE answer 405.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from sahakar.agencies.models import Agency
from sahakar.core import permissions, postcheck
from sahakar.core.api.serializers import CodeField, ExplainedPrimaryKeyRelatedField
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.evidence.api.disposal import CREATE_ONLY, REFUSED
from sahakar.evidence.destruction import destroy_batch
from sahakar.evidence.destruction_filters import DestructionBatchFilterSet
from sahakar.evidence.models import CustodyEvent, DestructionBatch, EvidenceStore, Exhibit
from sahakar.geo.models import OrgUnit
from sahakar.substances.choices import Unit

MAX_EXHIBITS = 1000  # per batch: more than any one furnace takes in a day
MAX_TEXT = 4000


class WitnessSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    agency = CodeField(queryset=Agency.objects.all())


class DestroyedExhibitSerializer(serializers.ModelSerializer[CustodyEvent]):
    """One exhibit of the batch, with its weight at destruction and its order."""

    exhibit_reference = serializers.CharField(source="exhibit.reference", read_only=True)
    unit = serializers.ChoiceField(
        source="net_unit", choices=Unit.choices, read_only=True, allow_blank=True
    )

    class Meta:
        model = CustodyEvent
        fields = ["exhibit", "exhibit_reference", "net_quantity", "unit", "order_reference"]
        read_only_fields = fields


class DestructionBatchSerializer(serializers.ModelSerializer[DestructionBatch]):
    org_unit = serializers.CharField(source="org_unit.code", read_only=True)
    site = serializers.CharField(source="site.code", read_only=True, allow_null=True)
    witnesses = WitnessSerializer(many=True, read_only=True)
    exhibits = DestroyedExhibitSerializer(source="events", many=True, read_only=True)

    class Meta:
        model = DestructionBatch
        fields = [
            "id",
            "reference",
            "destroyed_at",
            "org_unit",
            "site",
            "place",
            "method",
            "order_references",
            "committee_members",
            "notes",
            "witnesses",
            "exhibits",
        ]
        read_only_fields = fields


class WeightSerializer(serializers.Serializer[Any]):
    exhibit = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    net_quantity = serializers.DecimalField(max_digits=14, decimal_places=3)
    unit = serializers.ChoiceField(choices=Unit.choices)


class DestructionRequestSerializer(serializers.Serializer[Any]):
    """What the destruction site's custodian sends to record one destruction."""

    exhibits = serializers.ListField(
        child=ExplainedPrimaryKeyRelatedField(queryset=Exhibit.objects.none()),
        max_length=MAX_EXHIBITS,
        help_text=_("Ids of the exhibits destroyed: all are destroyed, or none."),
    )
    destroyed_at = serializers.DateTimeField()
    org_unit = CodeField(queryset=OrgUnit.objects.all())
    site = CodeField(
        queryset=EvidenceStore.objects.all(), help_text=_("Code of the destruction site.")
    )
    place = serializers.CharField(max_length=300)
    method = serializers.CharField(max_length=200)
    order_references = serializers.CharField(max_length=MAX_TEXT)
    committee_members = serializers.CharField(max_length=MAX_TEXT)
    notes = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True, default="")
    witnesses = WitnessSerializer(
        many=True,
        help_text=_("At least two, none from an agency that held or seized the exhibits."),
    )
    weights = WeightSerializer(many=True, required=False, default=list)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        exhibits: Any = fields["exhibits"]
        exhibits.child.queryset = Exhibit.objects.restrict(user, permissions.VIEW)
        org_unit: Any = fields["org_unit"]
        org_unit.queryset = permissions.choices_for(OrgUnit.objects.all(), user, DestructionBatch)
        return fields


class DestructionBatchViewSet(RestrictedModelViewSet):
    """Destructions: many approved exhibits destroyed together before witnesses. Recorded by
    a custodian of the destruction site; never changed or deleted."""

    queryset = DestructionBatch.objects.select_related("org_unit", "site").prefetch_related(
        "witnesses__agency", "events__exhibit"
    )
    serializer_class = DestructionBatchSerializer
    filterset_class = DestructionBatchFilterSet
    ordering_fields = ["destroyed_at", "reference"]
    http_method_names = CREATE_ONLY

    @extend_schema(
        summary="Record a destruction",
        description=(
            "Destroys every exhibit listed, or none. Refused (naming the exhibit) when one is "
            "not approved for disposal, not held at the site, in transit, or already closed; "
            "refused (naming the witness) with fewer than two witnesses or a witness from an "
            "agency that held or seized the exhibits; refused for anyone but a custodian of "
            "the site. `weights` gives net weights measured at destruction."
        ),
        request=DestructionRequestSerializer,
        responses={201: DestructionBatchSerializer, 400: REFUSED, 403: OpenApiResponse()},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = DestructionRequestSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        weights = {w["exhibit"]: (w["net_quantity"], w["unit"]) for w in data.pop("weights")}
        try:
            with transaction.atomic():
                batch = destroy_batch(**data, weights=weights, acting_user=request.user)
                postcheck.ensure_in_scope(batch, request.user, permissions.ADD)
        except postcheck.OutOfScope as exc:
            postcheck.log_refusal(exc)
            raise exceptions.PermissionDenied(exc.message) from exc
        fresh = self.queryset.get(pk=batch.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
    router.register("destruction-batches", DestructionBatchViewSet)
