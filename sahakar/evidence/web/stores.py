"""Pages of the evidence room: evidence stores, with their locations, custodians and what
they hold or are about to receive."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.urls import URLPattern, URLResolver, include, path

from sahakar.core.related import with_links
from sahakar.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    record_urls,
)
from sahakar.evidence.choices import ExhibitStatus
from sahakar.evidence.filtersets import EvidenceStoreFilterSet
from sahakar.evidence.forms_stores import EvidenceStoreForm, location_formset
from sahakar.evidence.models import EvidenceStore, Exhibit, StoreCustodian, StoreLocation
from sahakar.evidence.tables import EvidenceStoreTable

SHOWN = 50  # exhibits listed on a store's page; the exhibit list filters by store for all


class StoreListView(ObjectListView):
    template_name = "evidence/object_list.html"
    queryset = EvidenceStore.objects.select_related("agency", "org_unit")
    filterset_class = EvidenceStoreFilterSet
    table_class = EvidenceStoreTable


class StoreDetailView(ObjectDetailView):
    queryset = EvidenceStore.objects.select_related("agency", "org_unit")

    def get_template_names(self) -> list[str]:
        return ["evidence/store_detail.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        store: EvidenceStore = self.object
        user = self.request.user
        # Each exhibit's seizure links to its page where the user may open it.
        exhibits = with_links(
            Exhibit.objects.restrict(user).select_related(
                "seizure", "substance", "location", "store", "pending_store"
            ),
            user,
            ["seizure"],
        )
        held = exhibits.filter(store=store).exclude(status=ExhibitStatus.IN_TRANSIT)
        leaving = exhibits.filter(store=store, status=ExhibitStatus.IN_TRANSIT)
        incoming = exhibits.filter(pending_store=store)
        context.update(
            locations=StoreLocation.objects.filter(store=store).restrict(user),
            custodians=StoreCustodian.objects.filter(store=store, ended_at__isnull=True)
            .restrict(user)
            .select_related("user"),
            held=held.order_by("location__code", "reference")[:SHOWN],
            held_count=held.count(),
            leaving=leaving.order_by("reference")[:SHOWN],
            leaving_count=leaving.count(),
            incoming=incoming.order_by("last_event_at")[:SHOWN],
            incoming_count=incoming.count(),
            shown=SHOWN,
        )
        return context


class StoreEditView(ObjectEditView):
    """A store and its locations, by those whose role may add or change stores."""

    queryset = EvidenceStore.objects.all()
    form_class = EvidenceStoreForm

    def get_extra_forms(self, instance: Model | None, data: Any = None) -> dict[str, Any]:
        parent = instance if isinstance(instance, EvidenceStore) else EvidenceStore()
        return {"locations": location_formset(data, parent, self.request.user)}

    def save_form(self, form: Any, extra: dict[str, Any]) -> Any:
        store = form.save()
        locations = extra["locations"]
        locations.instance = store
        locations.save()
        return store


urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "stores/",
        include(
            record_urls(
                list_view=StoreListView, detail_view=StoreDetailView, edit_view=StoreEditView
            )
        ),
    ),
    # The name get_absolute_url uses, for the same page.
    path("stores/<int:pk>/", StoreDetailView.as_view(), name="store_detail"),
]
