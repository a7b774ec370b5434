"""API of the evidence room: custody events, create-only.

`/custody-events/` lists and reads the events of the exhibits you may see; a POST records one
event through the custody service, its body chosen by `kind`; `/custody-events/batch/` moves
many exhibits in one step, all or nothing. Events are never changed or deleted: PUT, PATCH
and DELETE answer 405. Every refusal is a 400 naming the field (`exhibit` when the exhibit
itself may not be acted on: not yours, in transit, destroyed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from sahakar.core import permissions
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.core.filtersets import ValidatedFilterSet
from sahakar.evidence import services
from sahakar.evidence.api.event_serializers import (
    BODIES,
    CustodyBatchMoveBody,
    CustodyEventSerializer,
    CustodyKindBody,
)
from sahakar.evidence.choices import MOVEMENTS, EventKind
from sahakar.evidence.forms_actions import CORRECTION_FIELDS, renamed
from sahakar.evidence.models import CustodyEvent, Exhibit

_REFUSED = OpenApiResponse(
    description=(
        "Refused, nothing recorded: the reason under the field concerned (`exhibit` when the "
        "exhibit may not be acted on by you), or under non_field_errors."
    )
)
_FORBIDDEN = OpenApiResponse(description="Your role may not record custody events.")


class CustodyEventFilterSet(ValidatedFilterSet):
    exhibit = django_filters.NumberFilter(field_name="exhibit_id", label="exhibit id")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices)
    store = django_filters.NumberFilter(
        method="at_store", label="store id: events from or to this store"
    )

    class Meta:
        model = CustodyEvent
        fields = ["exhibit", "kind", "store"]

    def at_store(self, queryset: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        return queryset.filter(Q(from_store_id=value) | Q(to_store_id=value))


Recorder = Callable[[Exhibit, dict[str, Any], Any], CustodyEvent]


def _move(kind: str) -> Recorder:
    def record(exhibit: Exhibit, data: dict[str, Any], user: Any) -> CustodyEvent:
        return services.move(exhibit, kind, acting_user=user, **data)

    return record


def _receive(exhibit: Exhibit, data: dict[str, Any], user: Any) -> CustodyEvent:
    return services.receive(exhibit, acting_user=user, **data)


def _lab_result(exhibit: Exhibit, data: dict[str, Any], user: Any) -> CustodyEvent:
    return services.record_lab_result(exhibit, acting_user=user, **data)


def _reseal(exhibit: Exhibit, data: dict[str, Any], user: Any) -> CustodyEvent:
    return services.reseal(exhibit, acting_user=user, **data)


def _weigh(exhibit: Exhibit, data: dict[str, Any], user: Any) -> CustodyEvent:
    return services.weigh(exhibit, acting_user=user, **data)


def _release(exhibit: Exhibit, data: dict[str, Any], user: Any) -> CustodyEvent:
    return services.release_to_owner(exhibit, acting_user=user, **data)


def _correct(exhibit: Exhibit, data: dict[str, Any], user: Any) -> CustodyEvent:
    try:
        return services.correct(exhibit, event=data.pop("corrects"), acting_user=user, **data)
    except ValidationError as exc:
        raise renamed(exc, CORRECTION_FIELDS) from exc


RECORDERS: dict[str, Recorder] = {
    **{kind: _move(kind) for kind in MOVEMENTS},
    EventKind.RECEIVED: _receive,
    EventKind.LAB_RESULT: _lab_result,
    EventKind.RESEALED: _reseal,
    EventKind.WEIGHED: _weigh,
    EventKind.RELEASED: _release,
    EventKind.CORRECTION: _correct,
}

_EVENT_REQUEST = PolymorphicProxySerializer(
    component_name="NewCustodyEvent",
    serializers=dict(BODIES),
    resource_type_field_name="kind",
)


@extend_schema_view(
    list=extend_schema(summary="Custody events of the exhibits you may see"),
    retrieve=extend_schema(summary="One custody event"),
)
class CustodyEventViewSet(RestrictedModelViewSet):
    """The chain of custody, event by event: create-only, never changed or deleted. Filter by
    `exhibit`, `kind` or `store` (events from or to it)."""

    queryset = CustodyEvent.objects.select_related(
        "exhibit",
        "actor",
        "from_store__agency",
        "to_store__agency",
        "from_location",
        "to_location",
        "identified_substance",
        "completed_by",
    ).order_by("exhibit_id", "seq")
    serializer_class = CustodyEventSerializer
    filterset_class = CustodyEventFilterSet
    ordering_fields = ["occurred_at", "seq", "created"]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(
        summary="Record a custody event",
        description=(
            "`kind` chooses the other fields: `transfer`, `lab_submission`, "
            "`court_submission`, `court_return` (to_store, to_location, carrier, reason; "
            "question for a laboratory); `received` (to_location, note); `lab_result`; "
            "`resealed`; `weighed`; `released` (non-drug property); `correction` (corrects, "
            "note). Intake is recorded with the exhibit, destruction with its batch. Refused "
            "(400, nothing recorded) when you do not hold the exhibit, it is in transit, "
            "destroyed or released, for drugs sent to a store without drugs, a laboratory "
            "result without a submission to that laboratory, a weight of zero or less or in a "
            "unit that does not fit the exhibit's form, a seal number already open on another "
            "exhibit, or receiving an exhibit that was not handed to your store."
        ),
        request=_EVENT_REQUEST,
        responses={201: CustodyEventSerializer, 400: _REFUSED, 403: _FORBIDDEN},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        context = self.get_serializer_context()
        kind = CustodyKindBody(data=request.data, context=context)
        kind.is_valid(raise_exception=True)
        body = BODIES[kind.validated_data["kind"]](data=request.data, context=context)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        chosen, exhibit = values.pop("kind"), values.pop("exhibit")
        event = RECORDERS[chosen](exhibit, values, request.user)
        return Response(self.get_serializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Move many exhibits in one step, all or nothing",
        description=(
            "Every exhibit is moved as `kind` says, or none is: the first refusal is answered "
            "(400) under `exhibits`, naming the exhibit and the reason."
        ),
        request=CustodyBatchMoveBody,
        responses={
            201: CustodyEventSerializer(many=True),
            400: _REFUSED,
            403: _FORBIDDEN,
        },
        filters=False,
    )
    @action(detail=False, methods=["post"], url_path="batch", url_name="batch")
    def batch(self, request: Request) -> Response:
        if not permissions.can(request.user, CustodyEvent, permissions.ADD):
            raise exceptions.PermissionDenied(str(_FORBIDDEN.description))
        body = CustodyBatchMoveBody(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        kind, wanted = values.pop("kind"), list(dict.fromkeys(values.pop("exhibits")))
        exhibits = list(
            Exhibit.objects.restrict(request.user, permissions.VIEW).filter(pk__in=wanted)
        )
        unknown = sorted(set(wanted) - {e.pk for e in exhibits})
        if unknown:
            raise ValidationError(
                {
                    "exhibits": [
                        _("No exhibit with id %(id)s among those you may see.") % {"id": pk}
                        for pk in unknown
                    ]
                }
            )
        events = services.move_many(exhibits, kind, acting_user=request.user, **values)
        return Response(self.get_serializer(events, many=True).data, status=status.HTTP_201_CREATED)


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
    router.register("custody-events", CustodyEventViewSet)
