from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sahakar.core import filter_pickers
from sahakar.core.filtersets import BaseFilterSet, date_range
from sahakar.geo.models import OrgUnit
from sahakar.operations.choices import InspectionResult, OperationKind, OperationStatus
from sahakar.operations.models import Inspection, Operation


class OperationFilterSet(BaseFilterSet):
    search_fields = ("reference", "title", "commander", "legal_authority", "summary")

    kind = django_filters.MultipleChoiceFilter(choices=OperationKind.choices, label=_("Kind"))
    status = django_filters.MultipleChoiceFilter(choices=OperationStatus.choices, label=_("Status"))
    lead_agency = filter_pickers.PickByName(
        field_name="lead_agency__code", label=_("Lead agency"), options=filter_pickers.agencies
    )
    planned = date_range("planned_start", _("Planned between"))

    class Meta:
        model = Operation
        fields = [
            "q",
            "kind",
            "status",
            "lead_agency",
            "org_unit",
            "planned",
        ]


class InspectionFilterSet(BaseFilterSet):
    search_fields = ("venue__name", "operation__reference", "operation__title", "notes")

    operation = django_filters.NumberFilter(field_name="operation_id", label=_("Operation id"))
    venue = django_filters.NumberFilter(field_name="venue_id", label=_("Venue id"))
    result = django_filters.MultipleChoiceFilter(
        choices=InspectionResult.choices, label=_("Result")
    )
    inspected = date_range("inspected_at", _("Inspected between"))

    class Meta:
        model = Inspection
        fields = [
            "q",
            "operation",
            "venue",
            "result",
            "org_unit",
            "inspected",
        ]

    def within_org_unit(self, queryset: QuerySet, name: str, value: str) -> Any:
        """Where the inspection took place: the venue's org unit."""
        unit = OrgUnit.objects.filter(code=value.strip()).first()
        if unit is None:
            return queryset.none()
        return queryset.filter(venue__org_unit__path__startswith=unit.path)
