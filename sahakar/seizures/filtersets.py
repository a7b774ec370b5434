import django_filters
from django.utils.translation import gettext_lazy as _

from sahakar.core.filtersets import BaseFilterSet, date_range, linked_to
from sahakar.seizures.models import Seizure


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
    seized = date_range("seized_at", _("Seized between"))
    person = linked_to("arrests__person", _("Arrested person"))
    operation = linked_to("operation", _("Operation"))
    arrest = linked_to("arrests", _("Arrest"))

    class Meta:
        model = Seizure
        fields = ["q", "substance", "seizing_agency", "org_unit", "seized"]
