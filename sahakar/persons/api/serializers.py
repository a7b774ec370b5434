from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from sahakar.core import permissions
from sahakar.core.api.serializers import BaseModelSerializer, CodeField
from sahakar.geo.models import OrgUnit
from sahakar.persons.models import Person


class PersonSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail")
    org_unit = CodeField(queryset=OrgUnit.objects.all())
    nationality = CountryField(required=False, allow_blank=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "name_km",
            "name_latin",
            "alias",
            "sex",
            "date_of_birth",
            "birth_year",
            "nationality",
            "document_type",
            "document_number",
            "org_unit",
            "notes",
            "merged_into",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["merged_into"]


class CandidateQuerySerializer(serializers.Serializer):
    """What is known of a person about to be recorded; at least a name or a document."""

    name_latin = serializers.CharField(required=False, allow_blank=True, max_length=200)
    name_km = serializers.CharField(required=False, allow_blank=True, max_length=200)
    birth_year = serializers.IntegerField(required=False, allow_null=True, min_value=1900)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=50)

    def validate_birth_year(self, year: int | None) -> int | None:
        this_year = timezone.localdate().year
        if year is not None and year > this_year:
            raise serializers.ValidationError(
                _("The year of birth must be between 1900 and %(year)s.") % {"year": this_year}
            )
        return year

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not any(attrs.get(f) for f in ("name_latin", "name_km", "document_number")):
            raise serializers.ValidationError(
                _("Give a name in either script, or a document number.")
            )
        return attrs


class CandidateSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text=_("0 to 100; 100 for the same identity document."))
    person = PersonSerializer()


class CandidateListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = CandidateSerializer(many=True)


class MergeSerializer(serializers.Serializer):
    """Merge the person of the URL into `into`. Send the versions you compared to be sure
    neither record changed since (409 when one did)."""

    into = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(), help_text=_("The person to keep.")
    )
    version = serializers.IntegerField(
        required=False, min_value=1, help_text=_("The version you read of the merged person.")
    )
    into_version = serializers.IntegerField(
        required=False, min_value=1, help_text=_("The version you read of the kept person.")
    )

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        into: Any = fields["into"]
        into.queryset = Person.objects.restrict(getattr(request, "user", None), permissions.CHANGE)
        return fields
