from rest_framework import serializers

from sahakar.agencies.models import Agency
from sahakar.core.api.serializers import BaseModelSerializer, CodeField
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import Seizure


class SeizureSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:seizure-detail")
    org_unit = CodeField(queryset=OrgUnit.objects.all())
    seizing_agency = CodeField(queryset=Agency.objects.all())

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
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["reference"]
