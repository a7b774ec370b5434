"""Tables of the evidence room's lists: exhibits and stores."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sahakar.evidence.models import EvidenceStore, Exhibit


class ExhibitTable(tables.Table):
    """Exhibits with where they are: the view selects their seizure, substance and stores."""

    reference = tables.Column(linkify=True)
    seizure = tables.Column(accessor="seizure__reference", verbose_name=_("seizure"))
    substance = tables.Column(
        accessor="substance__code", verbose_name=_("substance"), empty_values=()
    )
    store = tables.Column(
        verbose_name=_("store / location"),
        order_by=("store__code", "location__code"),
        empty_values=(),
    )
    pending_store = tables.Column(
        verbose_name=_("in transit to"), order_by=("pending_store__code",), empty_values=()
    )

    class Meta:
        model = Exhibit
        fields = ["reference", "seizure", "substance", "seal_number", "status", "store"]
        # Reference and status first: on a phone the columns after them scroll out of view.
        sequence = ["reference", "status", "seizure", "substance", "seal_number", "..."]
        empty_text = _("No exhibits match.")

    def render_substance(self, record: Exhibit) -> str:
        if record.substance is None:
            return str(_("other property"))
        return str(record.substance.code)

    def render_store(self, record: Exhibit) -> str:
        if record.store is None:
            return "—"
        if record.location is None:
            return str(record.store.code)
        return f"{record.store.code} / {record.location.code}"

    def render_pending_store(self, record: Exhibit) -> str:
        return str(record.pending_store.code) if record.pending_store else "—"


class EvidenceStoreTable(tables.Table):
    code = tables.Column(linkify=True)
    agency = tables.Column(accessor="agency__code", verbose_name=_("agency"))

    class Meta:
        model = EvidenceStore
        fields = ["code", "name", "kind", "agency", "org_unit", "holds_drugs", "active"]
        empty_text = _("No evidence stores match.")
