import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sahakar.audit.models import AuditEntry


class AuditEntryTable(tables.Table):  # type: ignore[misc]  # django-tables2 has no types
    seq = tables.Column(linkify=True, verbose_name="#")
    time = tables.DateTimeColumn(format="Y-m-d H:i:s")
    content_type = tables.Column(verbose_name=_("Record type"), order_by=("content_type__model",))

    def render_content_type(self, record: AuditEntry) -> str:
        return record.record_type

    def render_source(self, record: AuditEntry) -> str:
        return record.source_label

    class Meta:
        model = AuditEntry
        fields = [
            "seq",
            "time",
            "username",
            "action",
            "content_type",
            "object_id",
            "object_repr",
            "source",
            "ip",
        ]
        empty_text = _("No audit entries match.")
