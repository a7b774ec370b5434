import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from sahakar.core.filtersets import BaseFilterSet
from sahakar.seizures.models import Seizure

_DATE = forms.DateInput(attrs={"type": "date"})


class SeizureFilterSet(BaseFilterSet):
    search_fields = ("reference", "place_description", "notes", "venue__name")

    substance = django_filters.CharFilter(
        field_name="items__substance__code",
        label=_("Substance code"),
        help_text=_("For example METH, KET, CANN."),
        distinct=True,
    )
    seizing_agency = django_filters.CharFilter(
        field_name="seizing_agency__code", label=_("Seizing agency code")
    )
    seized_after = django_filters.DateFilter(
        field_name="seized_at", lookup_expr="date__gte", label=_("Seized from"), widget=_DATE
    )
    seized_before = django_filters.DateFilter(
        field_name="seized_at", lookup_expr="date__lte", label=_("Seized until"), widget=_DATE
    )

    class Meta:
        model = Seizure
        fields = ["q", "substance", "seizing_agency", "org_unit", "seized_after", "seized_before"]
