"""A seizure with its items and property, read and written as one document."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from sahakar.accounts.acting import acting_agency_error
from sahakar.agencies.models import Agency
from sahakar.core.api.serializers import BaseModelSerializer, CodeField, with_clean_text
from sahakar.geo.models import OrgUnit
from sahakar.seizures import services
from sahakar.seizures.forms import NO_ITEMS
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.seizures.usual import IN_THE_API, large_quantity_warning
from sahakar.substances.models import Substance


@extend_schema_field(
    {"type": "string", "description": "ISO 3166-1 alpha-2 country code; empty when not known."}
)
class CountryCodeField(CountryField):
    """A country as its ISO code. Described as a plain code in the schema, not as a 250-value
    enum repeated for origin, transit and destination."""


class RowErrorsInInputOrder(serializers.ListSerializer):
    """Row errors as a list aligned with the rows sent: [{}, {"unit": ["..."]}].

    DRF 3.18 keys them by index ({"1": {...}}); a list reads like the formset's errors and
    lets a client zip it with its own rows.
    """

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            detail: Any = exc.detail
            if isinstance(detail, dict) and detail and all(isinstance(k, int) for k in detail):
                rows = [detail.get(index, {}) for index in range(len(data))]
                raise serializers.ValidationError(rows) from exc
            raise


class PartSerializer(serializers.ModelSerializer):
    """A row inside a seizure (item or property), checked by its model's clean() so the API
    refuses exactly what the page refuses. Rows have no version of their own: every change
    goes through the seizure, whose version guards them all."""

    id = serializers.IntegerField(
        required=False, help_text=_("Leave out to add; send it to keep and update this row.")
    )

    class Meta:
        list_serializer_class = RowErrorsInInputOrder

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        model: Any = self.Meta.model
        pk = attrs.get("id")
        if pk is None:
            self._require_all_fields(attrs)
            candidate = model()
        else:
            candidate = self._existing(model, pk)
        for name, value in attrs.items():
            if name != "id":
                setattr(candidate, name, value)
        try:
            candidate.full_clean(exclude=["seizure"], validate_unique=False)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from exc
        return with_clean_text(attrs, candidate)

    def _existing(self, model: Any, pk: int) -> Any:
        seizure = self.root.instance if isinstance(self.root, SeizureSerializer) else None
        part = None
        if isinstance(seizure, Seizure):
            part = model._base_manager.filter(seizure=seizure, pk=pk).first()
        if part is None:
            raise serializers.ValidationError(
                {"id": [_("This seizure has no such row; leave out the id to add one.")]}
            )
        return part

    def _require_all_fields(self, attrs: dict[str, Any]) -> None:
        """A new row is complete even in a PATCH, which only makes the seizure's fields optional."""
        missing = {
            name: [field.error_messages["required"]]
            for name, field in self.fields.items()
            if field.required and not field.read_only and name not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing)


class SeizureItemSerializer(PartSerializer):
    """One drug item: substance (by code), form, and the quantity in the unit it was counted
    in, which is kept as sent. `kg_equivalent` is derived from the documented conversion
    factors (null when none covers the unit). Send `id` to update an item, leave it out to
    add one."""

    substance = CodeField(queryset=Substance.objects.all(), help_text=_("Substance code."))
    origin_country = CountryCodeField(required=False, allow_blank=True)
    transit_countries = serializers.ListField(child=CountryCodeField(), required=False)
    destination_country = CountryCodeField(required=False, allow_blank=True)
    confirm_large_quantity = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_(
            "Send true to keep a quantity more than ten times the usual one for its substance "
            "and form; without it such a quantity is refused (400)."
        ),
    )

    class Meta(PartSerializer.Meta):
        model = SeizureItem
        fields = [
            "id",
            "substance",
            "form",
            "quantity",
            "confirm_large_quantity",
            "unit",
            "markings",
            "packaging",
            "concealment",
            "origin_country",
            "transit_countries",
            "destination_country",
            "transport",
            "kg_equivalent",
        ]
        read_only_fields = ["kg_equivalent"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        confirmed = attrs.pop("confirm_large_quantity", False)
        attrs = super().validate(attrs)
        if confirmed or "quantity" not in attrs:
            return attrs
        before = self._existing(SeizureItem, attrs["id"]) if attrs.get("id") else None
        request = self.context.get("request")

        def value(name: str) -> Any:
            return attrs[name] if name in attrs else getattr(before, name, None)

        warning = large_quantity_warning(
            getattr(request, "user", None),
            substance=value("substance"),
            form=value("form") or "",
            quantity=attrs["quantity"],
            unit=value("unit") or "",
            before=before,
            message=IN_THE_API,
        )
        if warning:
            raise serializers.ValidationError({"quantity": [warning]})
        return attrs


class SeizedPropertySerializer(PartSerializer):
    """Non-drug property seized with the drugs. Send `id` to update a row, leave it out to
    add one."""

    class Meta(PartSerializer.Meta):
        model = SeizedProperty
        fields = ["id", "kind", "description", "count", "value", "currency"]


class SeizureSerializer(BaseModelSerializer):
    """A seizure with its drug items (at least one) and other property, written together in
    one transaction: any refused row saves nothing, and errors name the row, e.g.
    {"items": [{}, {"unit": ["..."]}]}.

    On update, rows are matched by `id`: a row with an id updates that row, a row without one
    is added, and a row not sent is deleted. A PATCH without `items` or `property` leaves them
    as they are. Send the `version` you read; a stale one answers 409.
    """

    url = serializers.HyperlinkedIdentityField(view_name="api:seizure-detail")
    org_unit = CodeField(queryset=OrgUnit.objects.all(), help_text=_("Gazetteer code."))
    seizing_agency = CodeField(queryset=Agency.objects.all(), help_text=_("Agency code."))
    items = SeizureItemSerializer(many=True)
    property = SeizedPropertySerializer(many=True, required=False)
    total_kg_equivalent = serializers.DecimalField(
        max_digits=20, decimal_places=6, read_only=True, allow_null=True
    )

    class Meta:
        model = Seizure
        fields = [
            "id",
            "url",
            "reference",
            "seized_at",
            "org_unit",
            "venue",
            "place_description",
            "seizing_agency",
            "operation",
            "notes",
            "items",
            "property",
            "total_kg_equivalent",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["reference"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        seizure = self.instance
        refusal = acting_agency_error(
            getattr(self.context.get("request"), "user", None),
            seizure,
            "seizing_agency",
            attrs.get("seizing_agency", getattr(seizure, "seizing_agency", None)),
            operation=attrs.get("operation", getattr(seizure, "operation", None)),
        )
        if refusal:
            raise serializers.ValidationError({"seizing_agency": [refusal]})
        return super().validate(attrs)

    def validate_items(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not rows:
            raise serializers.ValidationError(str(NO_ITEMS))
        return _without_repeated_ids(rows)

    def validate_property(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _without_repeated_ids(rows)

    def create(self, validated_data: dict[str, Any]) -> Seizure:
        items = validated_data.pop("items")
        property_rows = validated_data.pop("property", [])
        user = self.acting_user()
        with transaction.atomic():
            seizure = super().create(validated_data)
            services.sync_parts(seizure, "items", items, acting_user=user)
            services.sync_parts(seizure, "property", property_rows, acting_user=user)
        return seizure

    def update(self, instance: Seizure, validated_data: dict[str, Any]) -> Seizure:
        items = validated_data.pop("items", None)
        property_rows = validated_data.pop("property", None)
        user = self.acting_user()
        with transaction.atomic():
            # Saved even when only parts change: the version check guards the whole seizure.
            seizure = super().update(instance, validated_data)
            if items is not None:
                services.sync_parts(seizure, "items", items, acting_user=user)
            if property_rows is not None:
                services.sync_parts(seizure, "property", property_rows, acting_user=user)
        return seizure


def _without_repeated_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[int] = set()
    errors: list[dict[str, Any]] = []
    for row in rows:
        pk = row.get("id")
        errors.append({"id": [_("This row is sent twice.")]} if pk in seen else {})
        if pk is not None:
            seen.add(pk)
    if any(errors):
        raise serializers.ValidationError(errors)
    return rows
