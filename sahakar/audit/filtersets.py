import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sahakar.audit.choices import AuditAction
from sahakar.audit.models import AuditEntry
from sahakar.core import filter_pickers
from sahakar.core.filtersets import ValidatedFilterSet


class AuditEntryFilterSet(ValidatedFilterSet):
    """Who, what, which record, when: the questions an auditor asks of the trail."""

    user = django_filters.CharFilter(field_name="username", lookup_expr="iexact", label=_("User"))
    action = django_filters.MultipleChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    record_type = filter_pickers.PickByName(
        method="of_record_type",
        label=_("Record type"),
        help_text=_("e.g. persons.person"),
        options=filter_pickers.record_types,
    )
    object_id = django_filters.CharFilter(label=_("Record id"))
    request_id = django_filters.CharFilter(label=_("Request id"))
    after = django_filters.DateFilter(field_name="time", lookup_expr="date__gte", label=_("From"))
    before = django_filters.DateFilter(field_name="time", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = AuditEntry
        fields = ["user", "action", "record_type", "object_id", "request_id", "after", "before"]

    def of_record_type(
        self, queryset: QuerySet[AuditEntry], name: str, value: str
    ) -> QuerySet[AuditEntry]:
        app_label, _dot, model = value.strip().lower().partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)
