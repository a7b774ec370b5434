import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sahakar.operations.models import Operation


class OperationTable(tables.Table):
    reference = tables.Column(linkify=True)
    title = tables.Column(linkify=True)
    planned_start = tables.DateTimeColumn(format="Y-m-d H:i")
    org_unit = tables.Column(order_by=("org_unit__path",))

    class Meta:
        model = Operation
        fields = [
            "reference",
            "title",
            "kind",
            "status",
            "lead_agency",
            "org_unit",
            "planned_start",
        ]
        empty_text = _("No operations match.")
