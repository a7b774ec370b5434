"""API of the evidence room: laboratory requests, read-only.

A request is opened by submitting an exhibit to a laboratory and answered by the
laboratory's result (both custody events, /api/v1/ events); here both sides follow them.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from sahakar.core.api.serializers import CodeField
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.evidence.labrequests import STATES, LabRequestFilterSet, rule_text, timing
from sahakar.evidence.models import LabRequest

HOUR = 3600


class LabRequestSerializer(serializers.ModelSerializer[LabRequest]):
    exhibit_reference = serializers.CharField(source="exhibit.reference", read_only=True)
    substance = CodeField(source="exhibit.substance", read_only=True)
    sending_agency = CodeField(read_only=True)
    lab = CodeField(read_only=True)
    state = serializers.SerializerMethodField(
        help_text="open, overdue (open past its due date) or answered, at the time of the answer."
    )
    turnaround_hours = serializers.SerializerMethodField(
        help_text="Whole hours from submission to answer, or to now while open."
    )
    overdue_hours = serializers.SerializerMethodField(
        help_text="Whole hours past the due date (answered late, or open and overdue); else null."
    )
    rule = CodeField(read_only=True)
    rule_days = serializers.IntegerField(source="rule.days", read_only=True, allow_null=True)
    rule_text = serializers.SerializerMethodField(help_text="The rule that set the due date.")

    class Meta:
        model = LabRequest
        fields = [
            "id",
            "exhibit",
            "exhibit_reference",
            "substance",
            "sending_agency",
            "lab",
            "submission",
            "result",
            "submitted_at",
            "due_at",
            "answered_at",
            "state",
            "turnaround_hours",
            "overdue_hours",
            "rule",
            "rule_days",
            "rule_text",
            "question",
        ]
        read_only_fields = fields

    def _timing(self, obj: LabRequest) -> Any:
        now = self.context.get("now") or timezone.now()
        return timing(obj, now)

    @extend_schema_field(serializers.ChoiceField(choices=STATES))
    def get_state(self, obj: LabRequest) -> str:
        return str(self._timing(obj).state)

    def get_turnaround_hours(self, obj: LabRequest) -> int:
        return int(self._timing(obj).turnaround.total_seconds() // HOUR)

    def get_overdue_hours(self, obj: LabRequest) -> int | None:
        late = self._timing(obj).late_by
        return None if late is None else int(late.total_seconds() // HOUR)

    def get_rule_text(self, obj: LabRequest) -> str:
        return rule_text(obj)


@extend_schema_view(
    list=extend_schema(
        summary="Laboratory requests, for the sending unit and the laboratory",
        description=(
            "The requests you may see: those of exhibits seized in your jurisdiction, or held "
            "in or on their way to your stores, and those sent to laboratories you are a "
            "custodian of. `state`: open (not answered), overdue (open past the due date) or "
            "answered; `side`: sent (by your agency) or received (by your laboratories)."
        ),
    ),
    retrieve=extend_schema(summary="One laboratory request"),
)
class LabRequestViewSet(RestrictedModelViewSet):
    queryset = LabRequest.objects.select_related(
        "exhibit__substance", "sending_agency", "lab", "rule__substance"
    )
    serializer_class = LabRequestSerializer
    filterset_class = LabRequestFilterSet
    ordering_fields = ["due_at", "submitted_at", "answered_at"]
    http_method_names = ["get", "head", "options"]

    def get_serializer_context(self) -> dict[str, Any]:
        """One moment for every row of an answer: states and hours agree with each other."""
        return {**super().get_serializer_context(), "now": timezone.now()}


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
    router.register("lab-requests", LabRequestViewSet, basename="labrequest")
