from __future__ import annotations

from typing import Any

from django.db.models import Model

from sahakar.arrests.related import arrests
from sahakar.cases.related import case_files
from sahakar.core.forms import formset_rows
from sahakar.core.views.generic import ObjectDetailView, ObjectEditView, ObjectListView
from sahakar.seizures import services
from sahakar.seizures.filtersets import SeizureFilterSet
from sahakar.seizures.forms import SeizureForm, item_formset, property_formset
from sahakar.seizures.models import Seizure
from sahakar.seizures.related import items_with_substance
from sahakar.seizures.tables import SeizureTable


class SeizureListView(ObjectListView):
    queryset = Seizure.objects.select_related(
        "org_unit", "venue", "seizing_agency"
    ).prefetch_related(items_with_substance())
    filterset_class = SeizureFilterSet
    table_class = SeizureTable


class SeizureDetailView(ObjectDetailView):
    """The seizure and its items, and the arrests and case files it is linked to as far as
    the user may see them."""

    related = (
        arrests("seizures", list_filter="seizure"),
        case_files("seizures", list_filter="seizure"),
    )
    queryset = Seizure.objects.select_related(
        "org_unit", "venue", "seizing_agency", "operation"
    ).prefetch_related(items_with_substance(), "property")


class SeizureEditView(ObjectEditView):
    """The seizure, its drug items and its other property, on one page and in one save.

    A seizure always has at least one drug item (forms.MIN_ITEMS): a new one shows one item
    row, an edit cannot remove the last item. Property is optional and only recorded with
    drugs. Everything is saved in the transaction the base view opens; bad input anywhere
    saves nothing and shows the page again (400) with each error next to its field.
    """

    queryset = Seizure.objects.all()
    form_class = SeizureForm

    def get_extra_forms(self, instance: Model | None, data: Any = None) -> dict[str, Any]:
        editing = instance is not None
        parent = instance if instance is not None else Seizure()
        user = self.request.user
        return {
            "drug_items": item_formset(editing)(data, instance=parent, prefix="items", user=user),
            "property": property_formset(editing)(
                data, instance=parent, prefix="property", user=user
            ),
        }

    def save_form(self, form: Any, extra: dict[str, Any]) -> Any:
        seizure = form.save()
        user = self.request.user
        services.sync_parts(seizure, "items", formset_rows(extra["drug_items"]), acting_user=user)
        services.sync_parts(seizure, "property", formset_rows(extra["property"]), acting_user=user)
        return seizure
