"""Custody events in the API: how an event reads, and the request body of each kind that may
be recorded through `/custody-events/` (the body is read here; the custody service decides)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sahakar.core import permissions
from sahakar.core.api.serializers import ExplainedPrimaryKeyRelatedField
from sahakar.evidence.choices import MOVEMENTS, EventKind
from sahakar.evidence.models import CustodyEvent, EvidenceStore, Exhibit, StoreLocation
from sahakar.substances.choices import Unit
from sahakar.substances.models import Substance

# The kinds of movement, as the API offers them (named MovementKindEnum in the schema).
MOVEMENT_KINDS = [(str(kind), EventKind(kind).label) for kind in sorted(MOVEMENTS)]

# ---------------------------------------------------------------- reading


class CustodyEventStoreSerializer(serializers.ModelSerializer[EvidenceStore]):
    """One side of a movement: the store and the agency holding it."""

    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = EvidenceStore
        fields = ["id", "code", "name", "kind", "agency"]
        read_only_fields = fields


class CustodyEventSerializer(serializers.ModelSerializer[CustodyEvent]):
    """An event as recorded, never changed. A hand-over between agencies names both sides
    (`from_store`, `to_store`) and stays `in_transit` until the receiving custodian's
    `received` event (`completed_by`) completes it."""

    exhibit_reference = serializers.CharField(source="exhibit.reference", read_only=True)
    actor = serializers.CharField(source="actor.username", read_only=True)
    from_store = CustodyEventStoreSerializer(read_only=True)
    to_store = CustodyEventStoreSerializer(read_only=True)
    from_location = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    to_location = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    identified_substance = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    released_to = serializers.SerializerMethodField()
    in_transit = serializers.SerializerMethodField()
    completed_by = serializers.SerializerMethodField()

    class Meta:
        model = CustodyEvent
        fields = [
            "id",
            "exhibit",
            "exhibit_reference",
            "seq",
            "kind",
            "occurred_at",
            "actor",
            "from_store",
            "from_location",
            "to_store",
            "to_location",
            "awaits_receipt",
            "in_transit",
            "completes",
            "completed_by",
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
            "destruction",
            "reason",
            "created",
        ]
        read_only_fields = fields

    def get_released_to(self, event: CustodyEvent) -> str | None:
        """Who received released property: a person's name, null for roles that do not
        see personal data."""
        user = getattr(self.context.get("request"), "user", None)
        return event.released_to if permissions.sees_personal_data(user) else None

    def get_in_transit(self, event: CustodyEvent) -> bool:
        """A hand-over not yet received."""
        return bool(event.awaits_receipt) and self.get_completed_by(event) is None

    def get_completed_by(self, event: CustodyEvent) -> int | None:
        """The id of the `received` event that completed this hand-over."""
        try:
            return event.completed_by.pk
        except CustodyEvent.DoesNotExist:
            return None


# ---------------------------------------------------------------- request bodies


def _kind(*kinds: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=[(str(k), EventKind(k).label) for k in kinds],
        help_text=_("Which event this is; it decides the other fields."),
    )


def _weight(help_text: Any = "") -> serializers.DecimalField:
    """Any number that fits the column: whether it is more than zero, and in a unit that
    fits the exhibit's form, is the custody service's to say."""
    return serializers.DecimalField(
        max_digits=14, decimal_places=3, required=False, allow_null=True, help_text=help_text
    )


class CustodyEventBody(serializers.Serializer[Any]):
    """What every event names: its exhibit (one you may see) and when it happened."""

    exhibit = ExplainedPrimaryKeyRelatedField(
        queryset=Exhibit.objects.all(), help_text=_("The exhibit's id.")
    )
    occurred_at = serializers.DateTimeField(
        required=False, help_text=_("When it happened; now if not given.")
    )

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        exhibit: Any = fields["exhibit"]
        exhibit.queryset = Exhibit.objects.restrict(user, permissions.VIEW)
        return fields


def _store_field(help_text: Any) -> Any:
    return ExplainedPrimaryKeyRelatedField(
        queryset=EvidenceStore.objects.all(), help_text=help_text
    )


def _location_field() -> Any:
    return ExplainedPrimaryKeyRelatedField(
        queryset=StoreLocation.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A location (shelf, safe) inside the store."),
    )


class CustodyMoveBody(CustodyEventBody):
    """Transfer, submission to a laboratory or to court, return from court. Between agencies
    the exhibit is in transit until a custodian of `to_store` records `received`."""

    kind = _kind(*sorted(MOVEMENTS))
    to_store = _store_field(_("The store it goes to."))
    to_location = _location_field()
    carrier = serializers.CharField(max_length=200, required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    question = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("For a laboratory submission: the analysis requested."),
    )


class CustodyReceiveBody(CustodyEventBody):
    """The receiving custodian confirms a hand-over."""

    kind = _kind(EventKind.RECEIVED)
    to_location = _location_field()
    note = serializers.CharField(required=False, allow_blank=True)


class CustodyLabResultBody(CustodyEventBody):
    """The laboratory's answer, after a submission to that laboratory."""

    kind = _kind(EventKind.LAB_RESULT)
    substance_confirmed = serializers.BooleanField()
    identified_substance = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Substance.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The substance's code."),
    )
    purity_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    net_quantity = _weight(_("The net quantity the laboratory measured."))
    net_unit = serializers.ChoiceField(choices=Unit.choices, required=False, allow_blank=True)
    sample_retained = serializers.BooleanField(required=False, default=False)
    sample_quantity = _weight(_("In net_unit."))
    lab_reference = serializers.CharField(max_length=100)
    note = serializers.CharField(required=False, allow_blank=True)


class CustodyResealBody(CustodyEventBody):
    kind = _kind(EventKind.RESEALED)
    new_seal_number = serializers.CharField(max_length=60)
    reason = serializers.CharField(help_text=_("Why the seal was broken."))
    gross_weight_g = _weight()
    net_quantity = _weight()
    net_unit = serializers.ChoiceField(choices=Unit.choices, required=False, allow_blank=True)


class CustodyWeighBody(CustodyEventBody):
    kind = _kind(EventKind.WEIGHED)
    net_quantity = serializers.DecimalField(max_digits=14, decimal_places=3)
    net_unit = serializers.ChoiceField(choices=Unit.choices)
    gross_weight_g = _weight()
    note = serializers.CharField(required=False, allow_blank=True)


class CustodyReleaseBody(CustodyEventBody):
    """Non-drug property given back to its owner: the end of its chain."""

    kind = _kind(EventKind.RELEASED)
    released_to = serializers.CharField(max_length=200)
    order_reference = serializers.CharField(max_length=200)


class CustodyCorrectionBody(CustodyEventBody):
    """A note on an earlier event of the same exhibit, which itself stays as it was."""

    kind = _kind(EventKind.CORRECTION)
    corrects = ExplainedPrimaryKeyRelatedField(
        queryset=CustodyEvent.objects.all(), help_text=_("The id of the event corrected.")
    )
    note = serializers.CharField(help_text=_("What was wrong and what is right."))

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        corrects: Any = fields["corrects"]
        corrects.queryset = CustodyEvent.objects.restrict(user, permissions.VIEW)
        return fields


# Keyed by plain strings: the schema's discriminator mapping is written from these keys.
BODIES: dict[str, type[CustodyEventBody]] = {
    **dict.fromkeys(sorted(MOVEMENTS), CustodyMoveBody),
    str(EventKind.RECEIVED): CustodyReceiveBody,
    str(EventKind.LAB_RESULT): CustodyLabResultBody,
    str(EventKind.RESEALED): CustodyResealBody,
    str(EventKind.WEIGHED): CustodyWeighBody,
    str(EventKind.RELEASED): CustodyReleaseBody,
    str(EventKind.CORRECTION): CustodyCorrectionBody,
}


class CustodyKindBody(serializers.Serializer[Any]):
    """The first look at a body: which kind of event, so the right body reads the rest."""

    kind = serializers.ChoiceField(choices=sorted(BODIES))


class CustodyBatchMoveBody(serializers.Serializer[Any]):
    """Many exhibits moved in one step, all or nothing."""

    kind = _kind(*sorted(MOVEMENTS))
    exhibits = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        allow_empty=False,
        max_length=1000,
        help_text=_("The ids of the exhibits."),
    )
    to_store = _store_field(_("The store they go to."))
    to_location = _location_field()
    occurred_at = serializers.DateTimeField(required=False)
    carrier = serializers.CharField(max_length=200, required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    question = serializers.CharField(required=False, allow_blank=True)
