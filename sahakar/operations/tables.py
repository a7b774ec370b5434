import django_tables2 as tables
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from sahakar.core.badges import badge
from sahakar.core.related import RecordLinkColumn
from sahakar.operations.models import Inspection, Operation


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

    def render_status(self, record: Operation) -> SafeString:
        return badge("operation", record.status, record.get_status_display())

    def value_status(self, record: Operation) -> str:
        return str(record.get_status_display())


class InspectionTable(tables.Table):
    inspected_at = tables.DateTimeColumn(format="Y-m-d H:i")
    operation = RecordLinkColumn(text="reference", order_by=("operation__reference",))
    venue = RecordLinkColumn(order_by=("venue__name",))

    class Meta:
        model = Inspection
        fields = ["inspected_at", "operation", "venue", "result", "persons_checked"]
        empty_text = _("No inspections match.")
