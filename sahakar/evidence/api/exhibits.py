"""API of the evidence room: exhibits. Sealing one goes through the custody service; its
status, holder, location and seal follow from its events (the custody actions), so an
update may change only its description."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from sahakar.audit import access
from sahakar.core import permissions
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.evidence.api.serializers_exhibits import (
    ExhibitCreateSerializer,
    ExhibitDetailSerializer,
    ExhibitSerializer,
)
from sahakar.evidence.exhibit_queries import with_flags
from sahakar.evidence.filtersets import ExhibitFilterSet
from sahakar.evidence.models import Exhibit


class ExhibitViewSet(RestrictedModelViewSet):
    """Sealed packages of seized drugs or property. Filters: `store` and `in_transit_to`
    (store codes), `status`, `substance`, `seizure` (reference), `eligible` (for disposal:
    true or false), `discrepancy` (`open`: an open weight discrepancy; `none`)."""

    queryset = Exhibit.objects.select_related(
        "seizure", "substance", "store", "location", "pending_store", "pending_location"
    ).prefetch_related("items", "property_items")
    serializer_class = ExhibitSerializer
    filterset_class = ExhibitFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering_fields = ["reference", "last_event_at", "created"]

    def get_queryset(self) -> Any:
        return with_flags(super().get_queryset())

    def get_serializer_class(self) -> Any:
        if self.action == "retrieve":
            return ExhibitDetailSerializer
        if self.action == "create":
            return ExhibitCreateSerializer
        return super().get_serializer_class()

    @extend_schema(
        summary="Seal an exhibit and take it into a store",
        request={
            "application/json": ExhibitCreateSerializer,
            "multipart/form-data": ExhibitCreateSerializer,
        },
        responses={
            201: ExhibitDetailSerializer,
            400: OpenApiResponse(description="Refused: the reason under the field concerned."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = ExhibitCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        self._save_in_scope(body, permissions.ADD)
        visible = with_flags(self.queryset.all().restrict(request.user, permissions.VIEW))
        created: Any = body.instance
        exhibit = access.get_or_404_logged(visible, request.user, pk=created.pk)
        answer = ExhibitDetailSerializer(exhibit, context=self.get_serializer_context())
        return Response(answer.data, status=status.HTTP_201_CREATED)


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
    router.register("exhibits", ExhibitViewSet)
