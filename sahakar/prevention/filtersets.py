import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from sahakar.core import filter_pickers
from sahakar.core.filtersets import BaseFilterSet, date_range
from sahakar.prevention.choices import CampaignKind
from sahakar.prevention.models import Campaign


class CampaignFilterSet(BaseFilterSet):
    """Serves the list page, the API's query parameters and the CSV export. A campaign is
    "held" in a date range when any of its days falls inside it."""

    search_fields = ("reference", "title", "place", "key_message", "materials")

    kind = django_filters.MultipleChoiceFilter(choices=CampaignKind.choices, label=_("Kind"))
    organiser = filter_pickers.PickByName(
        field_name="organiser__code", label=_("Organising agency"), options=filter_pickers.agencies
    )
    partner = filter_pickers.PickByName(
        field_name="partners__code",
        label=_("Partner agency"),
        distinct=True,
        options=filter_pickers.agencies,
    )
    held = date_range(label=_("Held between"), method="held_between")

    class Meta:
        model = Campaign
        fields = ["q", "kind", "organiser", "partner", "org_unit", "held"]

    @extend_schema_field(OpenApiTypes.DATE)
    def held_between(self, queryset: QuerySet, name: str, value: slice) -> QuerySet:
        """Campaigns with a day in the range: ending on or after its start, starting on or
        before its end."""
        if value.start:
            queryset = queryset.filter(ends_on__gte=value.start.date())
        if value.stop:
            queryset = queryset.filter(starts_on__lte=value.stop.date())
        return queryset
