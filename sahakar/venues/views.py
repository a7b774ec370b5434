from typing import Any

from sahakar.core.views.generic import ObjectDetailView, ObjectEditView, ObjectListView
from sahakar.operations.choices import InspectionResult
from sahakar.operations.models import Inspection
from sahakar.venues.filtersets import VenueFilterSet
from sahakar.venues.forms import VenueForm
from sahakar.venues.models import Venue
from sahakar.venues.tables import VenueTable


class VenueListView(ObjectListView):
    queryset = Venue.objects.select_related("org_unit")
    filterset_class = VenueFilterSet
    table_class = VenueTable


class VenueDetailView(ObjectDetailView):
    queryset = Venue.objects.select_related("org_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        inspections = (
            Inspection.objects.restrict(self.request.user)
            .filter(venue=self.object)
            .select_related("operation")
            .order_by("-inspected_at")
        )
        context["inspections"] = inspections[:50]
        context["findings"] = {
            InspectionResult(row["result"]).label: row["n"] for row in _count_by_result(inspections)
        }
        return context


def _count_by_result(inspections: Any) -> Any:
    from django.db.models import Count

    return inspections.order_by().values("result").annotate(n=Count("pk"))


class VenueEditView(ObjectEditView):
    queryset = Venue.objects.all()
    form_class = VenueForm
