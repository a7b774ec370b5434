import django_filters

from sahakar.core.filtersets import BaseFilterSet
from sahakar.seizures.models import Seizure


class SeizureFilterSet(BaseFilterSet):
    search_fields = ("reference", "place_description", "notes", "venue__name")

    substance = django_filters.CharFilter(
        field_name="items__substance__code", label="Substance code", distinct=True
    )
    seizing_agency = django_filters.CharFilter(
        field_name="seizing_agency__code", label="Seizing agency code"
    )
    seized_after = django_filters.DateFilter(field_name="seized_at", lookup_expr="date__gte")
    seized_before = django_filters.DateFilter(field_name="seized_at", lookup_expr="date__lte")

    class Meta:
        model = Seizure
        fields = ["q", "substance", "seizing_agency", "org_unit", "seized_after", "seized_before"]
