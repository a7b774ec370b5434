"""API of the evidence room: inventories of a store, and the custodians of stores.

Inventories are started (POST), scanned and closed through their actions, never edited or
deleted; custodian assignments are created and ended, never deleted. Every refusal is a
structured 400 keyed by field (an unknown code under `code`), and nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from sahakar.core import permissions, postcheck
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.evidence import custodians, inventories
from sahakar.evidence.choices import InventoryFinding, InventoryKind
from sahakar.evidence.models import (
    EvidenceStore,
    Inventory,
    InventoryLine,
    StoreCustodian,
    StoreLocation,
)

_REFUSED = OpenApiResponse(
    description="Refused: the reason under the field concerned, or under non_field_errors."
)
_NOT_FOUND = OpenApiResponse(description="Not found in your scope.")


class InventorySerializer(serializers.ModelSerializer[Inventory]):
    store_code = serializers.CharField(source="store.code", read_only=True)
    started_by = serializers.CharField(source="started_by.username", read_only=True)
    closed_by = serializers.CharField(
        source="closed_by.username", read_only=True, allow_null=True, default=None
    )
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Inventory
        fields = [
            "id",
            "store",
            "store_code",
            "kind",
            "sample_size",
            "sample_seed",
            "reason",
            "started_at",
            "started_by",
            "is_open",
            "closed_at",
            "closed_by",
            "expected_count",
            "found_count",
            "misplaced_count",
            "missing_count",
            "unexpected_count",
            "version",
        ]
        read_only_fields = fields


class InventoryStartSerializer(serializers.Serializer[Any]):
    store = serializers.PrimaryKeyRelatedField(queryset=EvidenceStore.objects.none())
    kind = serializers.ChoiceField(choices=InventoryKind.choices, default=InventoryKind.FULL)
    sample_size = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    reason = serializers.CharField(max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        field: Any = self.fields["store"]
        field.queryset = inventories.stores_counted_by(getattr(request, "user", None))


class ScanSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(
        max_length=300, help_text="An exhibit number (EX-…) or a label's QR payload URL."
    )
    location = serializers.PrimaryKeyRelatedField(
        queryset=StoreLocation.objects.all(),
        required=False,
        allow_null=True,
        help_text="The store location where the exhibit was found.",
    )


class InventoryLineSerializer(serializers.ModelSerializer[InventoryLine]):
    reference = serializers.CharField(source="exhibit.reference", read_only=True)
    expected_location_code = serializers.CharField(
        source="expected_location.code", read_only=True, allow_null=True, default=None
    )
    scanned_location_code = serializers.CharField(
        source="scanned_location.code", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = InventoryLine
        fields = [
            "id",
            "exhibit",
            "reference",
            "expected",
            "expected_location",
            "expected_location_code",
            "scanned_at",
            "scanned_location",
            "scanned_location_code",
            "finding",
        ]
        read_only_fields = fields


class CloseSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you read; a stale one is 409."
    )


@extend_schema_view(
    create=extend_schema(
        summary="Start an inventory of a store",
        description=(
            "By a custodian of the store or an evidence supervisor over it. A full inventory "
            "expects every exhibit the store holds; a sample expects `sample_size` of them "
            "drawn at random (the seed is answered as `sample_seed`). Refused while another "
            "inventory of the store is open."
        ),
        request=InventoryStartSerializer,
        responses={201: InventorySerializer, 400: _REFUSED},
    )
)
class InventoryViewSet(RestrictedModelViewSet):
    """Inventories of stores (IAPE 15.1): started, scanned, closed, then kept as they are."""

    queryset = Inventory.objects.select_related("store", "started_by", "closed_by")
    serializer_class = InventorySerializer
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["store"]
    ordering_fields = ["started_at", "closed_at"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = InventoryStartSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        with transaction.atomic():
            inventory = inventories.start_inventory(
                data["store"],
                kind=data["kind"],
                sample_size=data.get("sample_size"),
                reason=data["reason"],
                acting_user=request.user,
            )
            in_scope(inventory, request.user)
        return Response(self.get_serializer(inventory).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record one scan",
        description=(
            "An expected exhibit is marked scanned (at `location`, when given); an exhibit "
            "of another store becomes an unexpected line; the same scan again changes "
            "nothing. An unknown code is refused under `code`, a closed inventory under "
            "`inventory`; nothing is written."
        ),
        request=ScanSerializer,
        responses={201: InventoryLineSerializer, 400: _REFUSED, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="scans", url_name="scans")
    def scans(self, request: Request, pk: Any = None) -> Response:
        inventory = self.get_object()
        body = ScanSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        scan = inventories.record_scan(
            inventory,
            body.validated_data["code"],
            location=body.validated_data.get("location"),
            acting_user=request.user,
        )
        answer = status.HTTP_201_CREATED if scan.changed else status.HTTP_200_OK
        return Response(InventoryLineSerializer(scan.line).data, status=answer)

    @extend_schema(
        summary="Close the inventory",
        description=(
            "Sets every line's finding (found, misplaced, missing, unexpected) and keeps "
            "the counts; a closed inventory is never changed again."
        ),
        request=CloseSerializer,
        responses={200: InventorySerializer, 400: _REFUSED, 404: _NOT_FOUND, 409: _REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="close", url_name="close")
    def close(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            CloseSerializer,
            lambda inventory, _data: inventories.close_inventory(
                inventory, acting_user=request.user
            ),
        )

    @extend_schema(
        summary="The inventory's lines",
        description="Every expected or scanned exhibit, filtered by `finding` when given.",
        responses={200: InventoryLineSerializer(many=True)},
        filters=False,
    )
    @action(detail=True, methods=["get"], url_path="lines", url_name="lines")
    def lines(self, request: Request, pk: Any = None) -> Response:
        inventory = self.get_object()
        lines = InventoryLine.objects.filter(inventory=inventory).select_related(
            "exhibit", "expected_location", "scanned_location"
        )
        finding = request.query_params.get("finding", "")
        if finding:
            if finding not in InventoryFinding.values:
                raise serializers.ValidationError(
                    {"finding": [f"One of {', '.join(InventoryFinding.values)}."]}
                )
            lines = lines.filter(finding=finding)
        page = self.paginator.paginate_queryset(lines.order_by("pk"), request, view=self)  # type: ignore[union-attr]
        return self.get_paginated_response(InventoryLineSerializer(page, many=True).data)


class StoreCustodianSerializer(serializers.ModelSerializer[StoreCustodian]):
    store_code = serializers.CharField(source="store.code", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = StoreCustodian
        fields = ["id", "store", "store_code", "user", "username", "assigned_at", "ended_at"]
        read_only_fields = fields


class AssignSerializer(serializers.Serializer[Any]):
    store = serializers.PrimaryKeyRelatedField(queryset=EvidenceStore.objects.none())
    username = serializers.CharField(max_length=150)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        field: Any = self.fields["store"]
        field.queryset = EvidenceStore.objects.restrict(getattr(request, "user", None))

    def validate_username(self, value: str) -> Any:
        user = get_user_model().objects.filter(username=value.strip()).first()
        if user is None:
            raise serializers.ValidationError(f"No user is called “{value.strip()}”.")
        return user


@extend_schema_view(
    create=extend_schema(
        summary="Assign a custodian to a store",
        description=(
            "By an administrator or an evidence supervisor over the store. Refused when the "
            "store holds exhibits and no full inventory of it was closed within the last 24 "
            "hours, and when the user holds no role that allows evidence work."
        ),
        request=AssignSerializer,
        responses={201: StoreCustodianSerializer, 400: _REFUSED},
    )
)
class StoreCustodianViewSet(RestrictedModelViewSet):
    """Who keeps which store, since when, until when; assignments are ended, never deleted."""

    queryset = StoreCustodian.objects.select_related("store", "user")
    serializer_class = StoreCustodianSerializer
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["store", "user"]
    ordering_fields = ["assigned_at"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = AssignSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            with transaction.atomic():
                assignment = custodians.assign_custodian(
                    data["store"], data["username"], acting_user=request.user
                )
                in_scope(assignment, request.user)
        except DjangoValidationError as exc:
            _rename(exc, "user", "username")
            raise
        return Response(self.get_serializer(assignment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="End a custodian's assignment",
        description=(
            "Refused without a recent full inventory of a store holding exhibits, and for "
            "the last custodian of such a store (assign the next one first)."
        ),
        request=CloseSerializer,
        responses={200: StoreCustodianSerializer, 400: _REFUSED, 404: _NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="end", url_name="end")
    def end(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            CloseSerializer,
            lambda assignment, _data: custodians.end_custodian(
                assignment, acting_user=request.user
            ),
        )


def in_scope(record: Any, user: Any) -> None:
    """The written record must be one the user may add (else rolled back, 403, audited)."""
    try:
        postcheck.ensure_in_scope(record, user, permissions.ADD)
    except postcheck.OutOfScope as exc:
        transaction.set_rollback(True)
        postcheck.log_refusal(exc)
        raise exceptions.PermissionDenied(exc.message) from exc


def _rename(exc: DjangoValidationError, old: str, new: str) -> None:
    error_dict = getattr(exc, "error_dict", None)
    if error_dict is not None and old in error_dict:
        error_dict[new] = error_dict.pop(old)


def register(router: SimpleRouter) -> None:
    """Add this part's viewsets to the evidence router."""
    router.register("inventories", InventoryViewSet, basename="inventory")
    router.register("store-custodians", StoreCustodianViewSet, basename="storecustodian")
