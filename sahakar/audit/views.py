"""The auditor's view of the trail: filter, read, export as CSV, verify the chain."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sahakar.audit import chain, keys
from sahakar.audit.filtersets import AuditEntryFilterSet
from sahakar.audit.models import AuditEntry
from sahakar.audit.tables import AuditEntryTable
from sahakar.core import permissions
from sahakar.core.views.generic import ObjectDetailView, ObjectListView


class AuditEntryListView(ObjectListView):
    queryset = AuditEntry.objects.select_related("content_type")
    filterset_class = AuditEntryFilterSet
    table_class = AuditEntryTable
    template_name = "audit/auditentry_list.html"


class AuditEntryDetailView(ObjectDetailView):
    queryset = AuditEntry.objects.select_related("content_type", "user")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The snapshots' keys are this record type's fields: shown by their names.
        content_type = self.object.content_type
        context["record_model"] = content_type.model_class() if content_type else None
        return context


class VerifyView(LoginRequiredMixin, View):
    """Walk the whole chain now and say whether it is intact."""

    def post(self, request: HttpRequest) -> HttpResponse:
        if not permissions.can(request.user, AuditEntry, permissions.VIEW):
            raise PermissionDenied
        result = chain.verify(keys=keys.configured())
        if result.ok:
            messages.success(
                request,
                _("The audit trail is intact: %(n)s entries verified.") % {"n": result.checked},
            )
        else:
            messages.error(
                request,
                _("The audit trail is broken at entry #%(seq)s: %(problem)s.")
                % {"seq": result.broken_seq, "problem": result.problem},
            )
        return HttpResponseRedirect(reverse("audit:auditentry_list"))

    def get(self, request: HttpRequest, *args: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse("audit:auditentry_list"))
