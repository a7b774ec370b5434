import django_tables2 as tables
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sahakar.core.related import RecordLinkColumn
from sahakar.seizures.models import Seizure


class SeizureTable(tables.Table):
    """Seizures with what was seized in one line; the view prefetches items and substances.
    The venue links to its page when the viewer may open it (core/related.py)."""

    reference = tables.Column(linkify=True)
    seized_at = tables.DateTimeColumn(format="Y-m-d H:i")
    org_unit = tables.Column(order_by=("org_unit__path",))
    venue = RecordLinkColumn(order_by=("venue__name",))
    items = tables.Column(verbose_name=capfirst(_("seized")), accessor="pk", orderable=False)
    total_kg = tables.Column(
        verbose_name=capfirst(_("kg equivalent")), accessor="pk", orderable=False, empty_values=()
    )

    class Meta:
        model = Seizure
        fields = ["reference", "seized_at", "org_unit", "venue", "seizing_agency"]
        # What was seized comes early: on a phone the columns after it scroll out of view.
        sequence = ["reference", "seized_at", "items", "total_kg", "..."]
        empty_text = _("No seizures match.")

    def render_items(self, record: Seizure) -> str:
        return record.items_summary() or "—"

    def render_total_kg(self, record: Seizure) -> str:
        return record.total_kg_equivalent_text() or "—"
