from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from sahakar.accounts.acting import acting_agency_error
from sahakar.agencies.models import Agency
from sahakar.core.api.serializers import BaseModelSerializer, CodeField
from sahakar.geo.models import OrgUnit
from sahakar.operations.choices import OperationStatus
from sahakar.operations.models import Inspection, Operation
from sahakar.operations.services import validate_target_venues
from sahakar.venues.models import Venue


class OperationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:operation-detail")
    org_unit = CodeField(queryset=OrgUnit.objects.all())
    lead_agency = CodeField(queryset=Agency.objects.all())
    participating_agencies = CodeField(queryset=Agency.objects.all(), many=True, required=False)

    class Meta:
        model = Operation
        fields = [
            "id",
            "url",
            "reference",
            "title",
            "kind",
            "status",
            "lead_agency",
            "participating_agencies",
            "commander",
            "legal_authority",
            "org_unit",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "target_venues",
            "summary",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["reference", "status"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        operation = self.instance
        if isinstance(operation, Operation) and operation.pk is not None:
            # A participating agency may update a joint operation held elsewhere: its org unit
            # and the venues it already targets stay acceptable though outside their scope.
            org_unit: Any = fields["org_unit"]
            org_unit.queryset = org_unit.queryset | OrgUnit.objects.filter(pk=operation.org_unit_id)
            venues: Any = fields["target_venues"].child_relation
            venues.queryset = venues.queryset | Venue.objects.filter(
                pk__in=operation.target_venues.values("pk")
            )
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        operation = self.instance
        org_unit = attrs.get("org_unit", getattr(operation, "org_unit", None))
        if "target_venues" in attrs:
            venues = attrs["target_venues"]
        elif operation is not None:
            venues = list(operation.target_venues.all())
        else:
            venues = []
        try:
            validate_target_venues(org_unit, venues)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from exc
        if "participating_agencies" in attrs:
            participants = attrs["participating_agencies"]
        else:
            participants = list(operation.participating_agencies.all()) if operation else []
        refusal = acting_agency_error(
            getattr(self.context.get("request"), "user", None),
            operation,
            "lead_agency",
            attrs.get("lead_agency", getattr(operation, "lead_agency", None)),
            participants=participants,
        )
        if refusal:
            raise serializers.ValidationError({"lead_agency": [refusal]})
        return attrs


class OperationStatusSerializer(serializers.Serializer):
    """The status to move an operation to and when that actually happened; `version`, when
    sent, must be the one read."""

    status = serializers.ChoiceField(choices=OperationStatus.choices)
    at = serializers.DateTimeField(
        required=False,
        help_text=_(
            "When it actually happened: the actual start when going active, the actual end "
            "when closing. Defaults to now (or the time already recorded); never in the future "
            "(5 minutes of clock skew allowed), an end never before the start."
        ),
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The version you read; a stale one is refused with 409."),
    )


class InspectionSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:inspection-detail")

    class Meta:
        model = Inspection
        fields = [
            "id",
            "url",
            "operation",
            "venue",
            "inspected_at",
            "result",
            "persons_checked",
            "notes",
            "version",
            "created",
            "updated",
        ]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        # Besides the venues the user may see, those targeted by operations they may see
        # (a joint operation's venues may lie outside a participating agency's jurisdiction).
        targeted = Operation.target_venues.through.objects.filter(
            operation__in=Operation.objects.restrict(user).values("pk")
        ).values("venue_id")
        venue: Any = fields["venue"]
        venue.queryset = venue.queryset | Venue.objects.filter(pk__in=targeted)
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        inspection = self.instance
        operation = attrs.get("operation")
        if inspection is not None and operation is not None and operation != inspection.operation:
            raise serializers.ValidationError(
                {"operation": [_("An inspection stays with the operation it was recorded in.")]}
            )
        return super().validate(attrs)
