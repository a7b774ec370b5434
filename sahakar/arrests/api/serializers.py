"""Arrests in the API: written through arrests.services, so the clock is kept the same way
as on the pages; custody status, extensions, outcome and the times of arrest and arrival
(once recorded) are read-only here and changed by the extension, outcome and correction
actions."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sahakar.accounts.acting import acting_agency_error
from sahakar.agencies.models import Agency
from sahakar.arrests import services
from sahakar.arrests.choices import CustodyOutcomeKind, CustodyState
from sahakar.arrests.clocks import CustodyStatus, custody_status
from sahakar.arrests.models import (
    Arrest,
    CustodyCorrection,
    CustodyExtension,
    CustodyOutcome,
    CustodyRule,
    Offence,
)
from sahakar.core.api.serializers import BaseModelSerializer, CodeField
from sahakar.core.writes import expect_version
from sahakar.geo.models import OrgUnit
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure


class CustodyStatusSerializer(serializers.Serializer):
    """Where the custody stands now (arrests.clocks.custody_status)."""

    deadline = serializers.DateTimeField(read_only=True)
    remaining_seconds = serializers.IntegerField(
        read_only=True,
        help_text=_("Deadline minus now (minus the end, once ended); negative when late."),
    )
    state = serializers.ChoiceField(choices=CustodyState.choices, read_only=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        status: CustodyStatus = instance
        return {
            "deadline": serializers.DateTimeField().to_representation(status.deadline),
            "remaining_seconds": int(status.remaining.total_seconds()),
            "state": status.state.value,
            "ended_at": serializers.DateTimeField().to_representation(status.ended_at)
            if status.ended_at
            else None,
        }


class CustodyExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CustodyExtension
        fields = ["id", "granted_at", "hours", "order_reference", "reason"]


class CustodyOutcomeSerializer(serializers.ModelSerializer):
    # A plain string here, the choices being listed where the outcome is written (the
    # `outcome` action): one enum used by two components gets no stable name in the schema.
    kind = serializers.CharField(
        read_only=True, help_text=_("referred, released or treatment; see the outcome action.")
    )

    class Meta:
        model = CustodyOutcome
        fields = ["kind", "decided_at", "reason", "reference", "referral"]
        extra_kwargs = {"referral": {"help_text": _("Id of the case referral that ended it.")}}


class CustodyCorrectionSerializer(serializers.ModelSerializer):
    corrected_by = serializers.StringRelatedField(read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = CustodyCorrection
        fields = ["id", "field", "old_value", "new_value", "reason", "corrected_by", "created"]


class ArrestSerializer(BaseModelSerializer):
    """An arrest. `person` and `seizures` by id (among those you may see), `offences` by code,
    org unit and arresting agency by code. `custody_deadline` and `custody` are computed from
    the arrival at the unit, the custody rule of the gravest offence and the extensions."""

    url = serializers.HyperlinkedIdentityField(view_name="api:arrest-detail")
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.current(), help_text=_("Id of a person you may see.")
    )
    org_unit = CodeField(queryset=OrgUnit.objects.all(), help_text=_("Gazetteer code."))
    arresting_agency = CodeField(queryset=Agency.objects.all(), help_text=_("Agency code."))
    offences = CodeField(
        queryset=Offence.objects.all(), many=True, help_text=_("Offence codes (at least one).")
    )
    seizures = serializers.PrimaryKeyRelatedField(
        queryset=Seizure.objects.all(), many=True, required=False
    )
    custody = serializers.SerializerMethodField()
    extensions = CustodyExtensionSerializer(many=True, read_only=True)
    outcome = CustodyOutcomeSerializer(read_only=True, allow_null=True)
    corrections = CustodyCorrectionSerializer(many=True, read_only=True)

    class Meta:
        model = Arrest
        fields = [
            "id",
            "url",
            "reference",
            "person",
            "arrested_at",
            "arrived_at",
            "org_unit",
            "venue",
            "place_description",
            "arresting_agency",
            "operation",
            "seizures",
            "offences",
            "suspect_role",
            "drug_test",
            "prosecutor_informed_at",
            "notes",
            "custody_deadline",
            "missed_deadline_at",
            "custody",
            "extensions",
            "outcome",
            "corrections",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["reference", "custody_deadline", "missed_deadline_at"]

    @extend_schema_field(CustodyStatusSerializer)
    def get_custody(self, arrest: Arrest) -> dict[str, Any]:
        # One "now" for every arrest in the answer, so a list is consistent with itself.
        root: Any = self.root
        if getattr(root, "_custody_now", None) is None:
            root._custody_now = timezone.now()
        now = root._custody_now
        return CustodyStatusSerializer(custody_status(arrest, now)).data

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        arrest = self.instance
        # Before the checks of the record as a whole, which would compare the times.
        moved = services.moved_time_errors(arrest, attrs) if arrest is not None else {}
        if moved:
            raise serializers.ValidationError({name: [error] for name, error in moved.items()})
        refusal = acting_agency_error(
            self._user(),
            arrest,
            "arresting_agency",
            attrs.get("arresting_agency", getattr(arrest, "arresting_agency", None)),
            operation=attrs.get("operation", getattr(arrest, "operation", None)),
        )
        if refusal:
            raise serializers.ValidationError({"arresting_agency": [refusal]})
        return super().validate(attrs)

    def validate_offences(self, offences: list[Offence]) -> list[Offence]:
        if not offences:
            raise serializers.ValidationError(_("Name at least one suspected offence."))
        return offences

    def create(self, validated_data: dict[str, Any]) -> Arrest:
        offences = validated_data.pop("offences")
        seizures = validated_data.pop("seizures", [])
        return services.record_arrest(
            offences=offences, seizures=seizures, acting_user=self._user(), **validated_data
        )

    def update(self, instance: Arrest, validated_data: dict[str, Any]) -> Arrest:
        expect_version(instance, getattr(self, "_expected_version", None))
        offences = validated_data.pop("offences", None)
        seizures = validated_data.pop("seizures", None)
        return services.update_arrest(
            instance,
            offences=offences,
            seizures=seizures,
            acting_user=self._user(),
            **validated_data,
        )

    def _user(self) -> Any:
        request = self.context.get("request")
        return getattr(request, "user", None)


class ArrestUpdateSerializer(ArrestSerializer):
    """The person arrested is fixed once recorded (duplicates are merged, not re-pointed)."""

    person = serializers.PrimaryKeyRelatedField(read_only=True)


class ExtensionGrantSerializer(serializers.Serializer):
    """The prosecutor's written extension: when it was granted, for how many hours, the
    order's reference and the reason it gives."""

    granted_at = serializers.DateTimeField()
    hours = serializers.IntegerField(min_value=1)
    order_reference = serializers.CharField(max_length=100, allow_blank=True)
    reason = serializers.CharField(allow_blank=True)


class CorrectionRecordSerializer(serializers.Serializer):
    """A correction of the time of arrest and/or of arrival at the unit, with its reason."""

    arrested_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    arrived_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class OutcomeRecordSerializer(serializers.Serializer):
    """How the custody ended. A release needs a reason."""

    kind = serializers.ChoiceField(choices=CustodyOutcomeKind.choices)
    decided_at = serializers.DateTimeField()
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    reference = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")


class DuePersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class DueSerializer(serializers.Serializer):
    """One custody due or overdue. `person` is null for roles that do not see personal data
    (and for arrests you may not open); `url` likewise."""

    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    org_unit = serializers.CharField(read_only=True, help_text=_("Gazetteer code."))
    arresting_agency = serializers.CharField(read_only=True, help_text=_("Agency code."))
    custody = CustodyStatusSerializer(read_only=True)
    person = DuePersonSerializer(read_only=True, allow_null=True)
    url = serializers.CharField(read_only=True, allow_null=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        arrest: Arrest = instance["arrest"]
        person = instance["person"]
        return {
            "id": arrest.pk,
            "reference": arrest.reference,
            "org_unit": arrest.org_unit.code,
            "arresting_agency": arrest.arresting_agency.code,
            "custody": CustodyStatusSerializer(instance["status"]).data,
            "person": {"id": person.pk, "name": str(person)} if person is not None else None,
            "url": instance["url"],
        }


class OffenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Offence
        fields = ["code", "article", "title_en", "title_km", "offence_class"]


class CustodyRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = CustodyRule
        fields = ["offence_class", "base_hours", "extension_hours", "max_extensions", "legal_basis"]
