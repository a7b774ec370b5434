import django_filters

from sahakar.core.filtersets import BaseFilterSet
from sahakar.operations.choices import OperationKind, OperationStatus
from sahakar.operations.models import Operation


class OperationFilterSet(BaseFilterSet):
    search_fields = ("reference", "title", "commander", "legal_authority", "summary")

    kind = django_filters.MultipleChoiceFilter(choices=OperationKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=OperationStatus.choices)
    lead_agency = django_filters.CharFilter(
        field_name="lead_agency__code", label="Lead agency code"
    )
    planned_after = django_filters.DateFilter(field_name="planned_start", lookup_expr="date__gte")
    planned_before = django_filters.DateFilter(field_name="planned_start", lookup_expr="date__lte")

    class Meta:
        model = Operation
        fields = [
            "q",
            "kind",
            "status",
            "lead_agency",
            "org_unit",
            "planned_after",
            "planned_before",
        ]
