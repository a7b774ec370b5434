from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.views import View

from sahakar.audit import access
from sahakar.audit.log import history_of
from sahakar.audit.models import AuditEntry
from sahakar.core import permissions
from sahakar.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    RestrictedMixin,
)
from sahakar.persons.filtersets import PersonFilterSet
from sahakar.persons.forms import PersonForm
from sahakar.persons.models import Person
from sahakar.persons.services import everything_held_about
from sahakar.persons.tables import PersonTable


class PersonListView(ObjectListView):
    queryset = Person.objects.select_related("org_unit")
    filterset_class = PersonFilterSet
    table_class = PersonTable


class PersonDetailView(ObjectDetailView):
    queryset = Person.objects.select_related("org_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if permissions.can(user, AuditEntry, permissions.VIEW):
            context["access_log"] = history_of(self.object)[:100]
        context["can_export_all"] = permissions.is_administrator(user)
        return context


class PersonEditView(ObjectEditView):
    queryset = Person.objects.all()
    form_class = PersonForm


class PersonExportView(RestrictedMixin, View):
    """Everything Sahakar holds about one person, for an administrator (a subject access
    request, or a court's order); the export itself is audited."""

    queryset = Person.objects.select_related("org_unit")

    def get(self, request: HttpRequest, pk: int) -> JsonResponse:
        if not permissions.is_administrator(request.user):
            raise PermissionDenied
        person = access.get_or_404_logged(self.get_queryset(), request.user, pk=pk)
        data = everything_held_about(person)
        access.log_export(Person, 1, {"person": person.pk, "sections": sorted(data)})
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        return response
