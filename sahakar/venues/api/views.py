from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.venues.api.serializers import VenueSerializer
from sahakar.venues.filtersets import VenueFilterSet
from sahakar.venues.models import Venue


class VenueViewSet(RestrictedModelViewSet):
    queryset = Venue.objects.select_related("org_unit")
    serializer_class = VenueSerializer
    filterset_class = VenueFilterSet
    ordering_fields = ["name", "kind", "created"]
