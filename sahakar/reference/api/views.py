"""Reference data, read-only and open to every signed-in user; looked up by code."""

import django_filters
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from sahakar.agencies.models import Agency
from sahakar.core.filtersets import ValidatedFilterSet
from sahakar.geo.models import OrgUnit
from sahakar.reference.api.serializers import (
    AgencySerializer,
    OrgUnitSerializer,
    SubstanceSerializer,
)
from sahakar.substances.models import Substance


class OrgUnitFilterSet(ValidatedFilterSet):
    parent = django_filters.CharFilter(field_name="parent__code")

    class Meta:
        model = OrgUnit
        fields = ["level", "parent"]


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = OrgUnit.objects.select_related("parent")
    serializer_class = OrgUnitSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "code"
    filterset_class = OrgUnitFilterSet


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Agency.objects.select_related("home")
    serializer_class = AgencySerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "code"
    filterset_fields = ["kind"]


class SubstanceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Substance.objects.prefetch_related("factors")
    serializer_class = SubstanceSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "code"
    filterset_fields = ["schedule"]
