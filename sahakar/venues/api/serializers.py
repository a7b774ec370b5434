from rest_framework import serializers

from sahakar.core.api.serializers import BaseModelSerializer, CodeField
from sahakar.geo.models import OrgUnit
from sahakar.venues.models import Venue


class VenueSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:venue-detail")
    org_unit = CodeField(queryset=OrgUnit.objects.all())

    class Meta:
        model = Venue
        fields = [
            "id",
            "url",
            "name",
            "kind",
            "org_unit",
            "address",
            "latitude",
            "longitude",
            "licence_number",
            "notes",
            "version",
            "created",
            "updated",
        ]
