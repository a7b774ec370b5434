"""Tables of the evidence room's lists: exhibits and stores."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sahakar.core.badges import badge
from sahakar.evidence.models import EvidenceStore, Exhibit

# References and seal numbers stay on one line: broken at their hyphens they are hard to read.
REF = {"td": {"class": "ref"}}


def code_with_name(value: Any) -> SafeString:
    """An agency or a store by its code, its full name on hover: long names make a narrow
    table's rows many lines tall. CSV exports keep the full name (the tables' value_*)."""
    code = getattr(value, "code", "") or str(value)
    return format_html('<abbr title="{}">{}</abbr>', str(value), code)


def when_html(text: str) -> SafeString:
    """A local "YYYY-MM-DD HH:MM" that may break between the date and the time, not inside."""
    date, _sep, time = text.partition(" ")
    if not time:
        return format_html('<span class="nw">{}</span>', text)
    return format_html('<span class="nw">{}</span> <span class="nw">{}</span>', date, time)


class ExhibitTable(tables.Table):
    """Exhibits with where they are: the view selects their seizure, substance and stores."""

    reference = tables.Column(linkify=True, attrs=REF)
    seizure = tables.Column(
        accessor="seizure__reference", verbose_name=capfirst(_("seizure")), attrs=REF
    )
    seal_number = tables.Column(attrs=REF)
    substance = tables.Column(
        accessor="substance__code", verbose_name=capfirst(_("substance")), empty_values=()
    )
    store = tables.Column(
        verbose_name=capfirst(_("store / location")),
        order_by=("store__code", "location__code"),
        empty_values=(),
    )
    pending_store = tables.Column(
        verbose_name=capfirst(_("in transit to")),
        order_by=("pending_store__code",),
        empty_values=(),
    )

    class Meta:
        model = Exhibit
        fields = ["reference", "seizure", "substance", "seal_number", "status", "store"]
        # Reference and status first: on a phone the columns after them scroll out of view.
        sequence = ["reference", "status", "seizure", "substance", "seal_number", "..."]
        empty_text = _("No exhibits match.")

    def render_status(self, record: Exhibit) -> SafeString:
        return badge("exhibit", record.status, record.get_status_display())

    def value_status(self, record: Exhibit) -> str:
        return str(record.get_status_display())

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
    agency = tables.Column(accessor="agency__code", verbose_name=capfirst(_("agency")))

    class Meta:
        model = EvidenceStore
        fields = ["code", "name", "kind", "agency", "org_unit", "holds_drugs", "active"]
        empty_text = _("No evidence stores match.")
