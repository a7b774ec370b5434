import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from sahakar.core.filtersets import BaseFilterSet
from sahakar.prevention.choices import CampaignKind
from sahakar.prevention.models import Campaign

_DATE = forms.DateInput(attrs={"type": "date"})


class CampaignFilterSet(BaseFilterSet):
    """Serves the list page, the API's query parameters and the CSV export. A campaign is
    "held" in a date range when any of its days falls inside it."""

    search_fields = ("reference", "title", "place", "key_message", "materials")

    kind = django_filters.MultipleChoiceFilter(choices=CampaignKind.choices, label=_("Kind"))
    organiser = django_filters.CharFilter(
        field_name="organiser__code", label=_("Organising agency code")
    )
    partner = django_filters.CharFilter(
        field_name="partners__code", label=_("Partner agency code"), distinct=True
    )
    held_from = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="gte", label=_("Held from"), widget=_DATE
    )
    held_until = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("Held until"), widget=_DATE
    )

    class Meta:
        model = Campaign
        fields = ["q", "kind", "organiser", "partner", "org_unit", "held_from", "held_until"]
