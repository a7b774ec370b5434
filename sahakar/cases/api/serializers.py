"""Case files in the API: the case with its defendants, and the bodies of the actions on it.

The actions' bodies only check the input's shape; services.py decides, and its refusals come
back as 400 with the field they name (core.api.errors).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sahakar.agencies.choices import AgencyKind
from sahakar.agencies.models import Agency
from sahakar.arrests.models import Arrest
from sahakar.cases import services
from sahakar.cases.choices import Outcome, Stage
from sahakar.cases.forms import investigators_for, users_in_reach
from sahakar.cases.models import MAX_SENTENCE_MONTHS, CaseFile, Defendant, PenaltyBand
from sahakar.core.api.serializers import (
    BaseModelSerializer,
    CodeField,
    ExplainedSlugRelatedField,
)
from sahakar.core.writes import expect_version
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import Seizure

MAX_VERSION = 2**31 - 1  # the largest value the version column holds
_VERSION_HELP = _("The version of the case you read; a stale one is refused with 409.")


# The action that adds an arrest (as a defendant) or links a seizure to an existing case.
_ACTION_FOR = {"arrests": "defendants", "seizures": "seizures"}


def _not_a(agency: Agency, wanted: Any) -> str:
    """e.g. "PPO-PP (prosecution office) is not a court." """
    return _("%(agency)s (%(kind)s) is not %(wanted)s.") % {
        "agency": agency.code,
        "kind": agency.get_kind_display(),
        "wanted": wanted,
    }


def _user(serializer: serializers.Serializer) -> Any:
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class DefendantSerializer(serializers.ModelSerializer):
    """A defendant as the case shows it: the arrest, detention and outcome."""

    arrest_reference = serializers.CharField(source="arrest.reference", read_only=True)
    person = serializers.SerializerMethodField()

    class Meta:
        model = Defendant
        fields = [
            "id",
            "arrest",
            "arrest_reference",
            "person",
            "outcome",
            "outcome_on",
            "sentence_months",
            "life_sentence",
            "fine_amount",
            "fine_currency",
            "outcome_note",
            "detained_since",
            "detention_extensions",
            "released_at",
        ]
        read_only_fields = fields

    def get_person(self, defendant: Defendant) -> str:
        return str(defendant.arrest.person)


class CaseFileSerializer(BaseModelSerializer):
    """A case file. The stage, referral, hearings, defendants' outcomes and detention change
    only through the actions (`/cases/{id}/stage/` and others). On creation `arrests` (ids)
    make the first defendants, whose arrests' seizures join the case, and `seizures` (ids)
    are linked too; afterwards both change through `/defendants/` and `/seizures/`."""

    url = serializers.HyperlinkedIdentityField(view_name="api:casefile-detail")
    org_unit = CodeField(queryset=OrgUnit.objects.all(), help_text=_("Gazetteer code."))
    lead_investigator = ExplainedSlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.none(),
        refusal=lambda user: _("%(user)s is not an investigator.") % {"user": user.username},
        required=False,
        allow_null=True,
        help_text=_("Username of an investigator."),
    )
    court = CodeField(
        queryset=Agency.objects.filter(kind=AgencyKind.COURT),
        refusal=lambda agency: _not_a(agency, _("a court")),
        required=False,
        allow_null=True,
        help_text=_("Agency code of the court."),
    )
    prosecution_office = CodeField(
        read_only=True, allow_null=True, help_text=_("Set by the referral.")
    )
    arrests = serializers.PrimaryKeyRelatedField(
        queryset=Arrest.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text=_("On creation only: the arrests of the first defendants."),
    )
    seizures = serializers.PrimaryKeyRelatedField(
        queryset=Seizure.objects.all(),
        many=True,
        required=False,
        help_text=_("Written on creation only; linked seizures outside your scope are left out."),
    )
    defendants = DefendantSerializer(many=True, read_only=True)
    display_title = serializers.CharField(
        read_only=True,
        help_text=_(
            "The title as shown: `title`, or when that is blank one made from the main "
            "offence and the defendants in the request's language."
        ),
    )

    class Meta:
        model = CaseFile
        fields = [
            "id",
            "url",
            "reference",
            "title",
            "display_title",
            "org_unit",
            "lead_investigator",
            "stage",
            "stage_changed_at",
            "procedure",
            "offence_class",
            "prosecution_office",
            "court",
            "court_case_number",
            "summary",
            "clock_deadline",
            "arrests",
            "seizures",
            "defendants",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["reference", "stage", "stage_changed_at", "clock_deadline"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = _user(self)
        lead: Any = fields["lead_investigator"]
        offered = investigators_for(user)
        case = self.instance
        if isinstance(case, CaseFile) and case.lead_investigator_id is not None:
            offered = offered | get_user_model().objects.filter(pk=case.lead_investigator_id)
        lead.queryset = offered
        lead.known = users_in_reach(user)
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            if self.instance.is_closed:
                raise serializers.ValidationError(
                    {"non_field_errors": [_("A closed case cannot be edited.")]}
                )
            moved = [name for name in ("arrests", "seizures") if name in attrs]
            if moved:
                raise serializers.ValidationError(
                    {
                        name: [
                            _("Change these through /cases/{id}/%(action)s/.")
                            % {"action": _ACTION_FOR[name]}
                        ]
                        for name in moved
                    }
                )
        return super().validate(attrs)

    def create(self, validated_data: dict[str, Any]) -> CaseFile:
        arrests = validated_data.pop("arrests", [])
        seizures = validated_data.pop("seizures", [])
        return services.open_case(
            acting_user=_user(self), arrests=arrests, seizures=seizures, **validated_data
        )

    def update(self, instance: CaseFile, validated_data: dict[str, Any]) -> CaseFile:
        expect_version(instance, getattr(self, "_expected_version", None))
        return services.update_case(instance, acting_user=_user(self), **validated_data)


class StageRequestSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    corrective = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Going back to an earlier stage; requires the reason in `note`."),
    )
    at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text=_("When; now if left out.")
    )
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_VERSION, help_text=_VERSION_HELP
    )


class ReferralRequestSerializer(serializers.Serializer):
    referred_on = serializers.DateField()
    prosecution_office = CodeField(
        queryset=Agency.objects.filter(kind=AgencyKind.PROSECUTION),
        refusal=lambda agency: _not_a(agency, _("a prosecution office")),
        help_text=_("Agency code of the prosecution office."),
    )
    receipt_reference = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_VERSION, help_text=_VERSION_HELP
    )


class HearingRequestSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    outcome = serializers.CharField()
    next_hearing_on = serializers.DateField(required=False, allow_null=True, default=None)


class _ScopedSerializer(serializers.Serializer):
    """Relations limited to what the user may see, or to the case's own defendants."""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user, case = _user(self), self.context.get("record")
        if "arrest" in fields:
            arrest: Any = fields["arrest"]
            arrest.queryset = Arrest.objects.restrict(user)
        if "seizure" in fields:
            seizure: Any = fields["seizure"]
            seizure.queryset = Seizure.objects.restrict(user)
        if "defendant" in fields:
            defendant: Any = fields["defendant"]
            defendant.queryset = (
                case.defendants.select_related("case", "arrest__person")
                if case is not None
                else Defendant.objects.none()
            )
        return fields


class DefendantRequestSerializer(_ScopedSerializer):
    arrest = serializers.PrimaryKeyRelatedField(queryset=Arrest.objects.none())
    link_seizures = serializers.BooleanField(
        required=False, default=True, help_text=_("Also link the arrest's seizures.")
    )


class SeizureLinkSerializer(_ScopedSerializer):
    seizure = serializers.PrimaryKeyRelatedField(queryset=Seizure.objects.none())


class OutcomeRequestSerializer(_ScopedSerializer):
    defendant = serializers.PrimaryKeyRelatedField(
        queryset=Defendant.objects.none(), help_text=_("A defendant of this case (its id).")
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    outcome_on = serializers.DateField(required=False, allow_null=True, default=None)
    sentence_months = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=MAX_SENTENCE_MONTHS
    )
    life_sentence = serializers.BooleanField(required=False, default=False)
    fine_amount = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, default=None
    )
    fine_currency = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=3
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DetentionRequestSerializer(_ScopedSerializer):
    defendant = serializers.PrimaryKeyRelatedField(
        queryset=Defendant.objects.none(), help_text=_("A defendant of this case (its id).")
    )
    detained_since = serializers.DateTimeField(allow_null=True)
    extensions = serializers.IntegerField(required=False, default=0, min_value=0)
    released_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class TimelineEntrySerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    date_only = serializers.BooleanField()
    kind = serializers.CharField()
    title = serializers.CharField()
    detail = serializers.CharField()
    url = serializers.CharField(help_text=_("The record's page; empty when it has none."))
    by = serializers.CharField()


class ClockSerializer(serializers.Serializer):
    rule = serializers.CharField(source="rule.code")
    name = serializers.CharField(source="rule.label")
    article = serializers.CharField(source="rule.article")
    note = serializers.CharField(source="rule.note")
    defendant = serializers.SerializerMethodField()
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    due_soon_from = serializers.DateTimeField(source="warn_from")
    ended_at = serializers.DateTimeField(allow_null=True)
    extensions = serializers.IntegerField()
    state = serializers.CharField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_defendant(self, clock: Any) -> int | None:
        return clock.defendant.pk if clock.defendant is not None else None


class PenaltyBandSerializer(serializers.ModelSerializer):
    range = serializers.CharField(source="range_text")
    penalty = serializers.CharField()

    class Meta:
        model = PenaltyBand
        fields = [
            "code",
            "substance_category",
            "lower_g",
            "lower_inclusive",
            "upper_g",
            "upper_inclusive",
            "range",
            "penalty",
            "legal_basis",
            "note",
        ]


class CategoryTotalSerializer(serializers.Serializer):
    category = serializers.CharField()
    grams = serializers.DecimalField(max_digits=20, decimal_places=3)
    items = serializers.IntegerField()
    estimated_items = serializers.IntegerField(
        help_text=_("Items counted (tablets, ml) and converted by a factor, not weighed.")
    )
    has_bands = serializers.BooleanField()
    band = PenaltyBandSerializer(allow_null=True)


class NotConvertibleSerializer(serializers.Serializer):
    seizure = serializers.IntegerField(source="seizure_id")
    item = serializers.IntegerField(source="pk")
    summary = serializers.CharField()


class QuantitiesSerializer(serializers.Serializer):
    notice = serializers.CharField()
    totals = CategoryTotalSerializer(many=True)
    not_convertible = NotConvertibleSerializer(many=True)
