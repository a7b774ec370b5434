import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from sahakar.cases.models import CaseFile
from sahakar.core.badges import badge
from sahakar.core.times import local_text

NUM = {"class": "num"}  # numbers are right-aligned (sahakar.css)


class CaseFileTable(tables.Table):
    """Case files with their stage and next legal deadline; the view annotates
    `defendant_count`, so the list runs the same queries however long it is."""

    reference = tables.Column(linkify=True)
    title = tables.Column(accessor="display_title", linkify=True, orderable=False)
    stage = tables.Column()
    org_unit = tables.Column(order_by=("org_unit__path",))
    defendant_count = tables.Column(
        verbose_name=_("Defendants"), orderable=True, attrs={"th": NUM, "td": NUM}
    )
    clock_deadline = tables.Column(verbose_name=_("Next legal deadline"))

    class Meta:
        model = CaseFile
        fields = [
            "reference",
            "title",
            "stage",
            "procedure",
            "org_unit",
            "defendant_count",
            "clock_deadline",
            "court_case_number",
            "created",
        ]
        empty_text = _("No case files match.")

    def render_stage(self, record: CaseFile) -> SafeString:
        return badge("stage", record.stage, record.get_stage_display())

    def value_stage(self, record: CaseFile) -> str:
        return str(record.get_stage_display())

    def render_clock_deadline(self, record: CaseFile) -> SafeString:
        deadline = record.clock_deadline
        assert deadline is not None  # empty values are rendered by django-tables2
        text = local_text(deadline)
        if deadline < timezone.now():
            return format_html('<strong class="error">{} ({})</strong>', text, _("overdue"))
        return format_html("{}", text)

    def value_clock_deadline(self, record: CaseFile) -> str:
        deadline = record.clock_deadline
        return "" if deadline is None else timezone.localtime(deadline).isoformat()

    def render_created(self, record: CaseFile) -> str:
        return f"{timezone.localtime(record.created):%Y-%m-%d}"
