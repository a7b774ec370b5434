from django_countries.serializer_fields import CountryField
from rest_framework import serializers

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
            "version",
            "created",
            "updated",
        ]
