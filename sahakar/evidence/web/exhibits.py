"""Pages of the evidence room: the list of exhibits, an exhibit with its chain of custody,
its photo (served only to those who may see the exhibit), and sealing a new exhibit from a
seizure's items."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import View

from sahakar.audit import access
from sahakar.core import permissions, postcheck
from sahakar.core.views.generic import ObjectDetailView, ObjectListView, RestrictedMixin, add_errors
from sahakar.evidence import disposal, eligibility, exhibit_queries, photos, services
from sahakar.evidence.choices import EventKind, ExhibitStatus, StoreKind
from sahakar.evidence.filtersets import ExhibitFilterSet
from sahakar.evidence.forms_exhibits import ExhibitIntakeForm
from sahakar.evidence.models import DisposalApproval, Exhibit, LabRequest, WeightDiscrepancy
from sahakar.evidence.models.stores import stores_in_custody_of
from sahakar.evidence.tables import ExhibitTable
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem

# The service names some fields as its events do; the intake form names them as a person does.
_FORM_FIELD = {"occurred_at": "received_at", "new_seal_number": "seal_number"}


class ExhibitListView(ObjectListView):
    template_name = "evidence/object_list.html"
    queryset = Exhibit.objects.select_related(
        "seizure", "substance", "store", "location", "pending_store"
    )
    filterset_class = ExhibitFilterSet
    table_class = ExhibitTable
    adds_here = False  # exhibits are sealed from their seizure's page


class ExhibitDetailView(ObjectDetailView):
    """An exhibit, where it is, and its chain of custody. It changes only through custody
    events (the action pages), never through an edit form."""

    queryset = Exhibit.objects.select_related(
        "seizure__org_unit",
        "substance",
        "store__agency",
        "location",
        "pending_store__agency",
        "pending_location",
    )

    def get_template_names(self) -> list[str]:
        return ["evidence/exhibit_detail.html"]

    def may(self, obj: Any, action: str) -> bool:
        if action in (permissions.CHANGE, permissions.DELETE):
            return False  # no edit or delete page: a custody event says what changed
        return super().may(obj, action)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        exhibit: Exhibit = self.object
        user = self.request.user
        events = exhibit_queries.timeline_events(exhibit, user)
        context.update(
            handover=exhibit_queries.handover(exhibit),
            timeline=exhibit_queries.timeline(events),
            weight_line=exhibit_queries.weight_line(exhibit),
            items=SeizureItem.objects.filter(exhibits=exhibit)
            .restrict(user)
            .select_related("substance"),
            property_items=SeizedProperty.objects.filter(exhibits=exhibit).restrict(user),
            lab_requests=LabRequest.objects.filter(exhibit=exhibit)
            .restrict(user)
            .select_related("lab", "sending_agency", "result"),
            discrepancies=WeightDiscrepancy.objects.filter(exhibit=exhibit).restrict(user),
            eligible=eligibility.is_eligible(exhibit),
            photo_url=reverse("evidence:exhibit_photo", args=[exhibit.pk]) if exhibit.photo else "",
            action_links=action_links(exhibit, user),
            seal_another_url=_seal_url(exhibit.seizure, user),
        )
        return context


def _url(name: str, pk: int, query: str = "") -> str | None:
    """The page's address, or None while that page is not built."""
    try:
        url = reverse(name, args=[pk])
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url


def action_links(exhibit: Exhibit, user: Any) -> list[tuple[str, str]]:
    """The custody actions that apply to this exhibit for this user, as (label, address)."""
    wanted: list[tuple[str, str, str]] = []
    holder = exhibit.status == ExhibitStatus.HELD and services.is_custodian(user, exhibit.store)
    if holder:
        wanted += [
            (_("Quick transfer"), "evidence:quick_transfer", ""),
            (_("Transfer"), "evidence:exhibit_move", "kind=transfer"),
            (_("Submit to laboratory"), "evidence:exhibit_move", "kind=lab_submission"),
            (_("Send to court"), "evidence:exhibit_move", "kind=court_submission"),
        ]
        if exhibit.store is not None and exhibit.store.kind == StoreKind.COURT_REGISTRY:
            wanted.append((_("Return from court"), "evidence:exhibit_move", "kind=court_return"))
        if LabRequest._base_manager.filter(
            exhibit=exhibit, lab_id=exhibit.store_id, result__isnull=True
        ).exists():
            wanted.append((_("Record laboratory result"), "evidence:exhibit_lab_result", ""))
        wanted += [
            (_("Break and reseal"), "evidence:exhibit_reseal", ""),
            (_("Weigh"), "evidence:exhibit_weigh", ""),
        ]
        if not exhibit.is_drug:
            wanted.append((_("Release to owner"), "evidence:exhibit_release", ""))
    if exhibit.status == ExhibitStatus.IN_TRANSIT and services.is_custodian(
        user, exhibit.pending_store
    ):
        wanted.append((_("Confirm receipt"), "evidence:exhibit_receive", ""))
    authored = exhibit.events.filter(actor_id=getattr(user, "pk", None)).exclude(
        kind=EventKind.CORRECTION
    )
    if holder or authored.exists():
        wanted.append((_("Correct an event"), "evidence:exhibit_correct", ""))
    if _awaits_approval(exhibit, user):
        wanted.append((_("Approve disposal"), "evidence:exhibit_approve_disposal", ""))
    wanted += [
        (_("Custody report (PDF)"), "evidence:exhibit_report", ""),
        (_("Label (PDF)"), "evidence:exhibit_label", ""),
    ]
    links = []
    for label, name, query in wanted:
        url = _url(name, exhibit.pk, query)
        if url is not None:
            links.append((label, url))
    return links


def _awaits_approval(exhibit: Exhibit, user: Any) -> bool:
    """A drug exhibit still in the chain, not yet approved, and a user who may approve it."""
    if exhibit.is_closed or not exhibit.is_drug:
        return False
    if DisposalApproval._base_manager.filter(exhibit=exhibit).exists():
        return False
    return disposal.may_approve(user, exhibit)


def _seal_url(seizure: Seizure, user: Any) -> str:
    """Where this user seals a package of the seizure, if they may take exhibits in."""
    if not permissions.can(user, Exhibit, permissions.ADD):
        return ""
    if not stores_in_custody_of(user).filter(active=True).exists():
        return ""
    return reverse("evidence:exhibit_add", args=[seizure.pk])


def seizure_exhibits(seizure: Seizure, user: Any) -> dict[str, Any]:
    """What a seizure's page shows of its exhibits (seizures/seizure.html)."""
    return {
        "exhibits": Exhibit.objects.filter(seizure=seizure)
        .restrict(user)
        .select_related("substance", "store", "pending_store")
        .order_by("pk"),
        "seal_url": _seal_url(seizure, user),
        "seizure": seizure,
    }


class ExhibitPhotoView(RestrictedMixin, View):
    """The photo of a sealed package, to those who may see the exhibit; never cached."""

    queryset = Exhibit.objects.all()

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        exhibit = access.get_or_404_logged(self.get_queryset(), request.user, pk=pk)
        if not exhibit.photo:
            raise Http404
        try:
            handle = exhibit.photo.open("rb")
        except OSError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=photos.content_type(handle))
        response["Content-Disposition"] = "inline"
        response["X-Content-Type-Options"] = "nosniff"
        add_never_cache_headers(response)
        return response


class ExhibitAddView(RestrictedMixin, View):
    """Seal a package of the seizure's items (or property) and take it into a store the user
    keeps (services.create_exhibit). Used once per package."""

    queryset = Exhibit.objects.all()
    template_name = "evidence/exhibit_add.html"

    def seizure(self, pk: int) -> Seizure:
        if not permissions.can(self.request.user, Exhibit, permissions.ADD):
            raise PermissionDenied
        seizures = Seizure.objects.restrict(self.request.user, permissions.VIEW)
        found: Seizure = access.get_or_404_logged(seizures, self.request.user, pk=pk)
        return found

    def get(self, request: HttpRequest, seizure_pk: int) -> HttpResponse:
        seizure = self.seizure(seizure_pk)
        return self.render(seizure, ExhibitIntakeForm(seizure=seizure, user=request.user))

    def post(self, request: HttpRequest, seizure_pk: int) -> HttpResponse:
        seizure = self.seizure(seizure_pk)
        form = ExhibitIntakeForm(request.POST, request.FILES, seizure=seizure, user=request.user)
        if not form.is_valid():
            return self.render(seizure, form, status=400)
        data = form.cleaned_data
        try:
            with transaction.atomic():
                exhibit = services.create_exhibit(
                    seizure,
                    items=list(data["items"]),
                    property_items=list(data["property_items"]),
                    seal_number=data["seal_number"],
                    description=data["description"],
                    store=data["store"],
                    location=data["location"],
                    gross_weight_g=data["gross_weight_g"],
                    net_quantity=data["net_quantity"],
                    net_unit=data["net_unit"],
                    received_at=data["received_at"],
                    photo=data["photo"],
                    holds_part=data["holds_part"],
                    acting_user=request.user,
                )
                postcheck.ensure_in_scope(exhibit, request.user, permissions.ADD)
        except postcheck.OutOfScope as exc:
            postcheck.log_refusal(exc)
            form.add_error(None, exc.message)
            return self.render(seizure, form, status=403)
        except ValidationError as exc:
            add_errors(form, _renamed(exc))
            return self.render(seizure, form, status=400)
        messages.success(
            request,
            _("Sealed %(exhibit)s with seal %(seal)s.")
            % {"exhibit": exhibit, "seal": exhibit.seal_number},
        )
        return HttpResponseRedirect(exhibit.get_absolute_url())

    def render(self, seizure: Seizure, form: ExhibitIntakeForm, status: int = 200) -> HttpResponse:
        context = {
            "seizure": seizure,
            "form": form,
            "model_meta": Exhibit._meta,
            "list_url": reverse("evidence:exhibit_list"),
            "sealed": Exhibit.objects.filter(seizure=seizure).restrict(self.request.user).count(),
        }
        return render(self.request, self.template_name, context, status=status)


def _renamed(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError(
        {_FORM_FIELD.get(name, name): errors for name, errors in exc.error_dict.items()}
    )


urlpatterns: list[URLPattern] = [
    path("exhibits/", ExhibitListView.as_view(), name="exhibit_list"),
    path("exhibits/<int:pk>/", ExhibitDetailView.as_view(), name="exhibit_detail"),
    path("exhibits/<int:pk>/photo/", ExhibitPhotoView.as_view(), name="exhibit_photo"),
    path(
        "exhibits/from-seizure/<int:seizure_pk>/",
        ExhibitAddView.as_view(),
        name="exhibit_add",
    ),
]
