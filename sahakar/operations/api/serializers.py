from rest_framework import serializers

from sahakar.agencies.models import Agency
from sahakar.core.api.serializers import BaseModelSerializer, CodeField
from sahakar.geo.models import OrgUnit
from sahakar.operations.models import Operation


class OperationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:operation-detail")
    org_unit = CodeField(queryset=OrgUnit.objects.all())
    lead_agency = CodeField(queryset=Agency.objects.all())
    participating_agencies = CodeField(queryset=Agency.objects.all(), many=True, required=False)

    class Meta:
        model = Operation
        fields = [
            "id",
            "url",
            "reference",
            "title",
            "kind",
            "status",
            "lead_agency",
            "participating_agencies",
            "commander",
            "legal_authority",
            "org_unit",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "target_venues",
            "summary",
            "version",
            "created",
            "updated",
        ]
        read_only_fields = ["reference", "status"]
