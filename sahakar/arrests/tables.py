from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sahakar.arrests.clocks import custody_status
from sahakar.arrests.models import Arrest
from sahakar.core.badges import badge
from sahakar.core.related import RecordLinkColumn
from sahakar.core.times import local_text


class ArrestTable(tables.Table):
    """Arrests with where each custody stands; the view selects person, places and outcome
    with the arrests, so a page is one query whatever its length. Times are local. The
    person links to their page when the viewer may open it (core/related.py)."""

    reference = tables.Column(linkify=True)
    person = RecordLinkColumn(order_by=("person__name_latin", "person__name_km"))
    arrested_at = tables.Column()
    org_unit = tables.Column(order_by=("org_unit__path",))
    custody_deadline = tables.Column(verbose_name=capfirst(_("deadline")))
    custody = tables.Column(
        verbose_name=capfirst(_("custody")), accessor="pk", orderable=False, empty_values=()
    )

    class Meta:
        model = Arrest
        fields = [
            "reference",
            "person",
            "arrested_at",
            "org_unit",
            "arresting_agency",
            "suspect_role",
            "custody_deadline",
        ]
        # Where the custody stands comes early: on a phone later columns scroll out of view.
        sequence = ["reference", "person", "custody", "custody_deadline", "..."]
        empty_text = _("No arrests match.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = timezone.now()

    def render_arrested_at(self, value: Any) -> str:
        return local_text(value)

    def render_custody_deadline(self, value: Any) -> str:
        return local_text(value)

    def render_custody(self, record: Arrest) -> SafeString:
        status = custody_status(record, self.now)
        return format_html(
            '{} <span class="meta">{}</span>',
            badge("custody", status.state, status.state_label),
            status.remaining_text,
        )

    def value_custody(self, record: Arrest) -> str:
        return custody_status(record, self.now).state_label
