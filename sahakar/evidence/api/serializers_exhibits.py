"""Exhibits in the API: their derived state (read only), their events (read only), and the
body that seals a new one through the custody service."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sahakar.core import permissions
from sahakar.core.api.serializers import BaseModelSerializer, ExplainedPrimaryKeyRelatedField
from sahakar.evidence import photos, services
from sahakar.evidence.models import CustodyEvent, EvidenceStore, Exhibit, StoreLocation
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.substances.choices import Unit


def _code(help_text: Any = "") -> Any:
    """A link shown as the linked record's code (read only)."""
    return serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=help_text)


class EmbeddedEventSerializer(serializers.ModelSerializer[CustodyEvent]):
    """One custody event as the exhibit shows it: stores and locations by code."""

    actor = serializers.CharField(source="actor.username", read_only=True)
    from_store = _code()
    from_location = _code()
    to_store = _code()
    to_location = _code()
    identified_substance = _code()
    completes = serializers.IntegerField(
        source="completes.seq", read_only=True, allow_null=True, help_text=_("Event number.")
    )
    corrects = serializers.IntegerField(
        source="corrects.seq", read_only=True, allow_null=True, help_text=_("Event number.")
    )

    class Meta:
        model = CustodyEvent
        fields = [
            "seq",
            "kind",
            "occurred_at",
            "actor",
            "from_store",
            "from_location",
            "to_store",
            "to_location",
            "awaits_receipt",
            "completes",
            "corrects",
            "carrier",
            "gross_weight_g",
            "net_quantity",
            "net_unit",
            "seal_number",
            "previous_seal_number",
            "substance_confirmed",
            "identified_substance",
            "purity_percent",
            "sample_retained",
            "sample_quantity",
            "lab_reference",
            "order_reference",
            "released_to",
            "reason",
        ]
        read_only_fields = fields


class HandoverSerializer(serializers.Serializer[Any]):
    from_store = serializers.CharField(help_text=_("Store code."))
    to_store = serializers.CharField(help_text=_("Store code."))
    since = serializers.DateTimeField()


class ExhibitSerializer(BaseModelSerializer):
    """An exhibit and where it stands. Status, holder, location, seal and counts are derived
    from its custody events and change only through them; only `description` may be edited."""

    url = serializers.HyperlinkedIdentityField(view_name="api:exhibit-detail")
    seizure_reference = serializers.CharField(source="seizure.reference", read_only=True)
    substance = _code(_("Substance code; null for other property."))
    store = _code(_("The holding store's code."))
    location = _code()
    pending_store = _code(_("Store the exhibit is in transit to."))
    pending_location = _code()
    photo = serializers.SerializerMethodField(help_text=_("Where the photo is served."))
    eligible_for_disposal = serializers.SerializerMethodField()
    open_discrepancy = serializers.SerializerMethodField()

    class Meta:
        model = Exhibit
        fields = [
            "id",
            "url",
            "reference",
            "seizure",
            "seizure_reference",
            "items",
            "property_items",
            "is_drug",
            "substance",
            "form",
            "seal_number",
            "holds_part",
            "description",
            "gross_weight_g",
            "net_quantity",
            "net_unit",
            "photo",
            "status",
            "store",
            "location",
            "pending_store",
            "pending_location",
            "seal_open",
            "event_count",
            "last_event_at",
            "eligible_for_disposal",
            "open_discrepancy",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = [f for f in fields if f not in ("description", "version")]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo(self, exhibit: Exhibit) -> str | None:
        if not exhibit.photo:
            return None
        url = reverse("evidence:exhibit_photo", args=[exhibit.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    def get_eligible_for_disposal(self, exhibit: Exhibit) -> bool:
        return bool(getattr(exhibit, "eligible_now", False))

    def get_open_discrepancy(self, exhibit: Exhibit) -> bool:
        return bool(getattr(exhibit, "open_discrepancy", False))


class ExhibitDetailSerializer(ExhibitSerializer):
    """An exhibit with the hand-over it waits on (when in transit) and its custody events."""

    handover = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    class Meta(ExhibitSerializer.Meta):
        fields = [*ExhibitSerializer.Meta.fields, "handover", "events"]
        read_only_fields = [*ExhibitSerializer.Meta.read_only_fields, "handover", "events"]

    @extend_schema_field(HandoverSerializer(allow_null=True))
    def get_handover(self, exhibit: Exhibit) -> dict[str, Any] | None:
        from sahakar.evidence.exhibit_queries import handover

        event = handover(exhibit)
        if event is None or event.from_store is None or event.to_store is None:
            return None
        return {
            "from_store": event.from_store.code,
            "to_store": event.to_store.code,
            "since": serializers.DateTimeField().to_representation(event.occurred_at),
        }

    @extend_schema_field(EmbeddedEventSerializer(many=True))
    def get_events(self, exhibit: Exhibit) -> list[dict[str, Any]]:
        from sahakar.evidence.exhibit_queries import timeline_events

        user = getattr(self.context.get("request"), "user", None)
        events = timeline_events(exhibit, user).order_by("seq")
        return list(EmbeddedEventSerializer(events, many=True).data)


class ExhibitCreateSerializer(serializers.Serializer[Any]):
    """Seal a package of one seizure's drug items (or its other property) and take it into a
    store you keep. Refusals name the field: items of another seizure, a seal already in use
    on an open exhibit, a zero or negative weight, a unit that does not fit the drug's form,
    a store you are not a custodian of, a photo that is not a JPEG, PNG or WebP image of at
    most 5 MB. Nothing is written when anything is refused."""

    seizure = ExplainedPrimaryKeyRelatedField(queryset=Seizure.objects.all())
    items = ExplainedPrimaryKeyRelatedField(
        queryset=SeizureItem.objects.all(), many=True, required=False
    )
    property_items = ExplainedPrimaryKeyRelatedField(
        queryset=SeizedProperty.objects.all(), many=True, required=False
    )
    seal_number = serializers.CharField(max_length=60)
    holds_part = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "The items were split over several packages and this one holds part of them: its "
            "weight is not compared with the field count."
        ),
    )
    description = serializers.CharField(max_length=300)
    store = serializers.SlugRelatedField(
        slug_field="code", queryset=EvidenceStore.objects.all(), help_text=_("Store code.")
    )
    location = ExplainedPrimaryKeyRelatedField(
        queryset=StoreLocation.objects.all(), required=False, allow_null=True
    )
    gross_weight_g = serializers.DecimalField(
        max_digits=14, decimal_places=3, required=False, allow_null=True
    )
    net_quantity = serializers.DecimalField(
        max_digits=14, decimal_places=3, required=False, allow_null=True
    )
    net_unit = serializers.ChoiceField(choices=Unit.choices, required=False, allow_blank=True)
    received_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text=_("Time of intake; now when left out.")
    )
    photo = serializers.FileField(
        required=False, allow_null=True, help_text=_("JPEG, PNG or WebP, at most 5 MB.")
    )

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        for name in ("seizure", "items", "property_items", "location"):
            field: Any = fields[name]
            target = getattr(field, "child_relation", field)
            target.queryset = target.queryset.restrict(user, permissions.VIEW)
        return fields

    def validate_photo(self, upload: Any) -> Any:
        if not upload:
            return None
        try:
            return photos.check_photo(upload)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict["photo"]) from exc

    def create(self, validated_data: dict[str, Any]) -> Exhibit:
        data = dict(validated_data)
        user = getattr(self.context.get("request"), "user", None)
        try:
            return services.create_exhibit(
                data.pop("seizure"),
                items=data.pop("items", []),
                property_items=data.pop("property_items", []),
                net_unit=data.pop("net_unit", "") or "",
                acting_user=user,
                **data,
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_renamed(exc)) from exc


_FIELD = {"occurred_at": "received_at"}


def _renamed(exc: DjangoValidationError) -> Any:
    if not hasattr(exc, "error_dict"):
        return {"non_field_errors": exc.messages}
    return {
        _FIELD.get(name, name): [str(m) for e in errors for m in e.messages]
        for name, errors in exc.error_dict.items()
    }
