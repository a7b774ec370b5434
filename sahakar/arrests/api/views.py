from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from sahakar.arrests import roster, services
from sahakar.arrests.api.serializers import (
    ArrestSerializer,
    ArrestUpdateSerializer,
    CorrectionRecordSerializer,
    CustodyRuleSerializer,
    DueSerializer,
    ExtensionGrantSerializer,
    OffenceSerializer,
    OutcomeRecordSerializer,
)
from sahakar.arrests.clocks import custody_status
from sahakar.arrests.filtersets import ArrestFilterSet
from sahakar.arrests.models import (
    Arrest,
    CustodyCorrection,
    CustodyExtension,
    CustodyRule,
    Offence,
)
from sahakar.audit import access
from sahakar.core.api.viewsets import RestrictedModelViewSet

_REFUSED = OpenApiResponse(
    description="Refused: the reason under the field concerned, or under non_field_errors."
)
_NOT_FOUND = OpenApiResponse(description="No such arrest in your scope.")


class ArrestViewSet(RestrictedModelViewSet):
    """Arrests and their custody clock. The clock moves only through the `extensions`,
    `outcome` and `corrections` actions, which refuse what the law does not allow (400, with
    the reason); an update that changes the time of arrest or arrival is refused."""

    queryset = Arrest.objects.select_related(
        "person", "org_unit", "arresting_agency", "outcome"
    ).prefetch_related(
        "offences",
        "seizures",
        Prefetch("extensions", queryset=CustodyExtension.objects.order_by("granted_at")),
        Prefetch("corrections", queryset=CustodyCorrection.objects.select_related("corrected_by")),
    )
    serializer_class = ArrestSerializer
    filterset_class = ArrestFilterSet
    ordering_fields = ["arrested_at", "custody_deadline", "reference", "created"]

    def get_serializer_class(self) -> Any:
        if self.action in {"update", "partial_update"}:
            return ArrestUpdateSerializer
        return super().get_serializer_class()

    @extend_schema(
        summary="Record the prosecutor's extension of the custody",
        description=(
            "Moves the deadline by `hours`. Refused without an order reference or a reason; "
            "beyond the hours or number of extensions the custody rule allows (none for "
            "offence classes without extensions); when granted after the deadline had "
            "passed; and once the custody has ended."
        ),
        request=ExtensionGrantSerializer,
        responses={201: ArrestSerializer, 400: _REFUSED, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="extensions", url_name="extensions")
    def extensions(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            ExtensionGrantSerializer,
            lambda arrest, data: services.grant_extension(
                arrest,
                data["granted_at"],
                data["hours"],
                data["order_reference"],
                data["reason"],
                acting_user=request.user,
            ),
            answer_status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Record how the custody ended",
        description=(
            "Exactly once per arrest: referred to the prosecutor, released (with a reason) or "
            "transferred to treatment. Refused before the arrival at the unit, in the future, "
            "and when an outcome is already recorded."
        ),
        request=OutcomeRecordSerializer,
        responses={201: ArrestSerializer, 400: _REFUSED, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="outcome", url_name="outcome")
    def outcome(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            OutcomeRecordSerializer,
            lambda arrest, data: services.record_outcome(
                arrest,
                data["kind"],
                data["decided_at"],
                data["reason"],
                data["reference"],
                acting_user=request.user,
            ),
            answer_status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Correct the time of arrest or of arrival at the unit",
        description=(
            "With the reason, kept as a correction record (before, after, reason, who, "
            "when); the deadline is computed again. Refused without a reason, when nothing "
            "changes, for a gap between arrest and arrival beyond the custody rule's limit, "
            "and when the recorded extensions or outcome no longer fit. A deadline that had "
            "already passed without an outcome stays recorded as missed."
        ),
        request=CorrectionRecordSerializer,
        responses={201: ArrestSerializer, 400: _REFUSED, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="corrections", url_name="corrections")
    def corrections(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            CorrectionRecordSerializer,
            lambda arrest, data: services.correct_custody_times(
                arrest,
                arrested_at=data["arrested_at"],
                arrived_at=data["arrived_at"],
                reason=data["reason"],
                acting_user=request.user,
            ),
            answer_status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Custodies due within 6 hours or overdue",
        description=(
            "Open custodies whose deadline is within the next 6 hours or has passed, soonest "
            "first, for every role that may follow custody deadlines. `person` and `url` are "
            "null for roles that do not see personal data (commanders, analysts)."
        ),
        filters=False,
        responses={200: DueSerializer(many=True)},
    )
    @action(detail=False, methods=["get"], url_path="due", url_name="due", filterset_class=None)
    def due(self, request: Request) -> Response:
        user = request.user
        if not roster.may_follow(user):
            return Response({"count": 0, "next": None, "previous": None, "results": []})
        now = timezone.now()
        rows = self.paginator.paginate_queryset(  # type: ignore[union-attr]
            roster.needing_attention(user, now), request, view=self
        )
        rows = list(rows or [])
        openable = roster.openable(user, rows)
        names = roster.shows_names(user)
        if names:
            access.log_list_view(
                Arrest, [row for row in rows if row.pk in openable], {"endpoint": "due"}
            )
        data = DueSerializer(
            [
                {
                    "arrest": row,
                    "status": custody_status(row, now),
                    "person": row.person if names and row.pk in openable else None,
                    "url": request.build_absolute_uri(reverse("api:arrest-detail", args=[row.pk]))
                    if row.pk in openable
                    else None,
                }
                for row in rows
            ],
            many=True,
        ).data
        return self.get_paginated_response(data)


class OffenceViewSet(viewsets.ReadOnlyModelViewSet):
    """The offences of the country's drug law (reference data), by code."""

    queryset = Offence.objects.all()
    serializer_class = OffenceSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "code"
    filterset_fields = ["offence_class"]


class CustodyRuleViewSet(viewsets.ReadOnlyModelViewSet):
    """How long police custody may last per offence class, and its extensions."""

    queryset = CustodyRule.objects.all()
    serializer_class = CustodyRuleSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "offence_class"
