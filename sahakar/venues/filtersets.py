import django_filters

from sahakar.core.filtersets import BaseFilterSet
from sahakar.venues.models import Venue


class VenueFilterSet(BaseFilterSet):
    search_fields = ("name", "address", "licence_number")

    kind = django_filters.MultipleChoiceFilter(choices=Venue._meta.get_field("kind").choices)

    class Meta:
        model = Venue
        fields = ["q", "kind", "org_unit"]
