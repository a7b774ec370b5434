"""Evidence stores and their locations in the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sahakar.agencies.models import Agency
from sahakar.core.api.serializers import BaseModelSerializer, CodeField
from sahakar.evidence.models import EvidenceStore, StoreLocation
from sahakar.geo.models import OrgUnit


class EvidenceStoreSerializer(BaseModelSerializer):
    """A store of one agency. `holds_drugs`: only such stores may hold drug exhibits."""

    url = serializers.HyperlinkedIdentityField(view_name="api:evidencestore-detail")
    agency = CodeField(queryset=Agency.objects.all(), help_text=_("Agency code."))
    org_unit = CodeField(queryset=OrgUnit.objects.all(), help_text=_("Gazetteer code."))

    class Meta:
        model = EvidenceStore
        fields = [
            "id",
            "url",
            "code",
            "name",
            "name_km",
            "kind",
            "agency",
            "org_unit",
            "holds_drugs",
            "address",
            "active",
            "version",
            "created",
            "updated",
        ]


class StoreLocationSerializer(BaseModelSerializer):
    """A shelf, safe or locker inside a store; marked inactive, never removed, once used."""

    url = serializers.HyperlinkedIdentityField(view_name="api:storelocation-detail")

    class Meta:
        model = StoreLocation
        fields = ["id", "url", "store", "code", "description", "active", "version"]
