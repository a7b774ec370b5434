from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sahakar.core import filter_pickers
from sahakar.core.filtersets import BaseFilterSet, date_range, linked_to
from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.substances.lookup import substances_named


class SeizureFilterSet(BaseFilterSet):
    """The search also finds the seizures holding a substance named any way ("ketamine",
    "yaba", "មេតំហ្វេតាមីន") and items marked as typed ("WY")."""

    search_fields = ("reference", "place_description", "notes", "venue__name")

    substance = filter_pickers.PickByName(
        field_name="items__substance__code",
        label=_("Substance"),
        help_text=_("For example METH, KET, CANN."),
        distinct=True,
        options=filter_pickers.substances,
    )
    seizing_agency = filter_pickers.PickByName(
        field_name="seizing_agency__code",
        label=_("Seizing agency"),
        options=filter_pickers.agencies,
    )
    seized = date_range("seized_at", _("Seized between"))
    person = linked_to("arrests__person", _("Arrested person"))
    operation = linked_to("operation", _("Operation"))
    arrest = linked_to("arrests", _("Arrest"))

    class Meta:
        model = Seizure
        fields = ["q", "substance", "seizing_agency", "org_unit", "seized"]

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        items = Q(markings__icontains=value)
        named = substances_named(value)
        if named:
            items |= Q(substance__in=named)
        in_items = Q(pk__in=SeizureItem.objects.filter(items).values("seizure_id"))
        return queryset.filter(self.search_condition(value) | in_items)
