from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahakar.arrests.related import arrests
from sahakar.audit import access
from sahakar.core import permissions
from sahakar.core.related import with_links
from sahakar.core.views.actions import ObjectActionView
from sahakar.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from sahakar.operations.choices import OperationStatus
from sahakar.operations.filtersets import InspectionFilterSet, OperationFilterSet
from sahakar.operations.forms import InspectionForm, OperationForm, OperationStatusForm
from sahakar.operations.models import Inspection, Operation
from sahakar.operations.services import allowed_statuses, change_status, status_label
from sahakar.operations.tables import InspectionTable, OperationTable
from sahakar.seizures.related import seizures
from sahakar.venues.models import Venue

# What the button that moves an operation to each status says.
_STATUS_ACTIONS: dict[str, Any] = {
    OperationStatus.ACTIVE: gettext_lazy("Start the operation"),
    OperationStatus.CLOSED: gettext_lazy("Close the operation"),
}


class OperationListView(ObjectListView):
    queryset = Operation.objects.select_related("lead_agency", "org_unit")
    filterset_class = OperationFilterSet
    table_class = OperationTable


class OperationDetailView(ObjectDetailView):
    """The operation, its target venues and inspections, and the seizures and arrests
    recorded in it as far as the user may see them."""

    queryset = Operation.objects.select_related("lead_agency", "org_unit").prefetch_related(
        "participating_agencies"
    )
    related = (
        seizures("operation", list_filter="operation"),
        arrests("operation", list_filter="operation"),
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        operation, user = self.object, self.request.user
        may_change = (
            permissions.can(user, Operation, permissions.CHANGE)
            and Operation.objects.restrict(user, permissions.CHANGE)
            .filter(pk=operation.pk)
            .exists()
        )
        # Target venues are part of the operation; each links to its page when the user may
        # see that venue (a joint operation's targets may lie outside their jurisdiction).
        targets = list(operation.target_venues.all())
        visible = set(
            Venue.objects.restrict(user)
            .filter(pk__in=[venue.pk for venue in targets])
            .values_list("pk", flat=True)
        )
        inspections = with_links(
            Inspection.objects.restrict(user)
            .filter(operation=operation)
            .select_related("venue")
            .order_by("inspected_at", "pk"),
            user,
            ["venue"],
        )
        context.update(
            target_venues=[(venue, venue.pk in visible) for venue in targets],
            inspections=inspections,
            status_actions=[
                {
                    "status": status,
                    "label": _STATUS_ACTIONS.get(status, status_label(status)),
                    "at": _status_time(operation, status, self.request.GET),
                }
                for status in (allowed_statuses(operation) if may_change else [])
            ],
            status_url=reverse("operations:operation_status", args=[operation.pk]),
            can_record_inspection=may_change
            and operation.window() is not None
            and permissions.can(user, Inspection, permissions.ADD),
            can_edit_inspections=permissions.can(user, Inspection, permissions.CHANGE),
        )
        return context


def _status_time(operation: Operation, status: str, typed: QueryDict) -> str:
    """What the status form's time shows: the time typed for this move when it was refused
    (carried back in the query string), else the time already recorded for it, else now."""
    at = typed.get("at") or ""
    if at and typed.get("status") == status:
        return str(at)[:20]
    recorded = operation.actual_start if status == OperationStatus.ACTIVE else operation.actual_end
    return f"{timezone.localtime(recorded or timezone.now()):%Y-%m-%dT%H:%M}"


class OperationEditView(ObjectEditView):
    queryset = Operation.objects.all()
    form_class = OperationForm


class OperationStatusView(ObjectActionView):
    """Moves an operation to its next status (POST only). Out of scope is 404; a refused move
    or a stale page comes back to the operation with a message saying why, the time typed
    still in its field."""

    queryset = Operation.objects.all()
    form_class = OperationStatusForm
    version_field = "version"
    http_method_names = ["post"]

    def perform(self, target: Operation, data: dict[str, Any]) -> Any:
        return change_status(target, data["status"], data["at"], acting_user=self.request.user)

    def done_message(self, target: Operation) -> str:
        return _("%(record)s is now %(status)s.") % {
            "record": target,
            "status": target.get_status_display(),
        }

    def refused(self, target: Operation, form: BaseForm, status: int) -> HttpResponse:
        messages.error(self.request, " ".join(str(m) for e in form.errors.values() for m in e))
        url, at = target.get_absolute_url(), self.request.POST.get("at", "")
        if at:  # shown again in its field, to be corrected rather than typed anew
            url += "?" + urlencode({"status": self.request.POST.get("status", ""), "at": at})
        return HttpResponseRedirect(url)


class InspectionListView(ObjectListView):
    """Inspections across the operations the user sees; each is recorded from its operation."""

    adds_here = False
    queryset = Inspection.objects.select_related("operation", "venue")
    filterset_class = InspectionFilterSet
    table_class = InspectionTable


class InspectionEditView(ObjectEditView):
    """Record an inspection for the operation in the URL, or edit one.

    The operation is fixed by the URL (adding) or by the inspection (editing); both are
    looked up through restrict(), so anything out of scope answers 404.
    """

    queryset = Inspection.objects.select_related("operation__org_unit", "venue__org_unit")
    form_class = InspectionForm
    template_name = "operations/inspection_edit.html"
    operation: Operation

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.operation_pk = kwargs.pop("operation_pk", None)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, pk: Any) -> Model | None:
        if pk is None:
            instance = super().get_object(None)  # refuses roles that may not add (403)
            self.operation = access.get_or_404_logged(
                Operation.objects.restrict(self.request.user, permissions.CHANGE).select_related(
                    "org_unit"
                ),
                self.request.user,
                pk=self.operation_pk,
            )
            return instance
        inspection: Any = super().get_object(pk)
        self.operation = inspection.operation
        return inspection

    def get(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        instance = self.get_object(pk)
        if instance is None:  # nothing is inspected during an operation not yet started
            refusal = self.operation.linked_time_errors(timezone.now(), _("an inspection"), "")
            if "operation" in refusal:
                messages.error(request, str(refusal["operation"]))
                return HttpResponseRedirect(self.operation.get_absolute_url())
        return self.render(instance, self.get_form(instance), self.get_extra_forms(instance))

    def get_form(self, instance: Model | None, data: Any = None) -> InspectionForm:
        return InspectionForm(
            data=data,
            instance=instance,
            user=self.request.user,
            operation=self.operation,
            initial=self.get_initial() if instance is None else None,
        )

    def _cancel_url(self, instance: Any) -> str:
        return self.operation.get_absolute_url()
