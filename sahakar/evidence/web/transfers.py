"""Pages of the evidence room: transfers in a few taps on a phone.

`exhibits/<pk>/quick/` shows big buttons for the likely destinations (evidence/destinations.py);
one tap records the movement through services.move, or confirms the receipt of an exhibit
handed to the user's store (services.receive). `batch/` moves a seizure's exhibits, or a
scanned list, to one store in one step through services.move_many: all or nothing, the
refused exhibit named.
"""

from __future__ import annotations

from typing import Any

from csp.constants import WASM_UNSAFE_EVAL
from csp.decorators import csp_update
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from sahakar.audit import access
from sahakar.core import permissions
from sahakar.core.views.generic import add_errors
from sahakar.evidence import services
from sahakar.evidence.choices import CLOSED_STATUSES, EventKind, ExhibitStatus, StoreKind
from sahakar.evidence.destinations import destination_by_key, likely_destinations
from sahakar.evidence.labels import code_from
from sahakar.evidence.models import EvidenceStore, Exhibit, StoreLocation
from sahakar.evidence.models.stores import stores_in_custody_of
from sahakar.evidence.qr import SCANNER_WASM
from sahakar.seizures.models import Seizure

MAX_BATCH = 1000


def with_scanner(view: Any) -> Any:
    """A page with the camera scanner: its WebAssembly reader needs 'wasm-unsafe-eval' in
    script-src (compiling WebAssembly; no eval() of JavaScript), on these pages only."""
    return csp_update({"script-src": [WASM_UNSAFE_EVAL]})(view)


def _exhibits(user: Any, action: str) -> Any:
    return Exhibit.objects.restrict(user, action).select_related(
        "seizure", "substance", "store__org_unit", "location", "pending_store"
    )


# ---------------------------------------------------------------- one exhibit, a few taps


class QuickTransferView(LoginRequiredMixin, View):
    template_name = "evidence/quick_transfer.html"

    def context(self, exhibit: Exhibit, **extra: Any) -> dict[str, Any]:
        user = self.request.user
        holds = exhibit.status == ExhibitStatus.HELD and services.is_custodian(user, exhibit.store)
        receives = exhibit.status == ExhibitStatus.IN_TRANSIT and services.is_custodian(
            user, exhibit.pending_store
        )
        return {
            "exhibit": exhibit,
            "destinations": likely_destinations(exhibit) if holds else [],
            "holds": holds,
            "receives": receives,
            "why_not": "" if holds or receives else self.why_not(exhibit),
            "scan_next": reverse("evidence:scan") + "?then=quick",
            **extra,
        }

    def why_not(self, exhibit: Exhibit) -> str:
        if exhibit.status in CLOSED_STATUSES:
            return _("%(exhibit)s is %(status)s: nothing more can happen to it.") % {
                "exhibit": exhibit,
                "status": exhibit.get_status_display(),
            }
        if exhibit.status == ExhibitStatus.IN_TRANSIT:
            return _(
                "%(exhibit)s is on its way to %(store)s: a custodian there confirms its receipt."
            ) % {"exhibit": exhibit, "store": exhibit.pending_store}
        return _("Only a custodian of %(store)s, where %(exhibit)s is held, can move it.") % {
            "store": exhibit.store,
            "exhibit": exhibit,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        exhibit = access.get_or_404_logged(
            _exhibits(request.user, permissions.VIEW), request.user, pk=pk
        )
        return render(request, self.template_name, self.context(exhibit))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        exhibit = access.get_or_404_logged(
            _exhibits(request.user, permissions.CHANGE), request.user, pk=pk
        )
        if request.POST.get("seen") != str(exhibit.event_count):
            error = _("%(exhibit)s changed since this page was opened: check it and tap again.")
            return self.refused(exhibit, error % {"exhibit": exhibit}, 409)
        try:
            done = self.perform(exhibit, request.POST)
        except ValidationError as exc:
            return self.refused(exhibit, " ".join(_messages(exc)), 400)
        messages.success(request, done)
        return HttpResponseRedirect(reverse("evidence:quick_transfer", args=[exhibit.pk]))

    def perform(self, exhibit: Exhibit, data: Any) -> str:
        user = self.request.user
        if data.get("receive"):
            services.receive(exhibit, acting_user=user)
            exhibit.refresh_from_db()
            return _("%(exhibit)s received at %(store)s.") % {
                "exhibit": exhibit,
                "store": exhibit.store,
            }
        destination = destination_by_key(exhibit, data.get("to", ""))
        if destination is None:
            raise ValidationError(
                _("This destination is not offered for %(exhibit)s.") % {"exhibit": exhibit}
            )
        services.move(
            exhibit,
            destination.kind,
            to_store=destination.store,
            to_location=destination.location,
            acting_user=user,
        )
        exhibit.refresh_from_db()
        if exhibit.status == ExhibitStatus.IN_TRANSIT:
            return _("%(exhibit)s handed over to %(store)s: in transit until received.") % {
                "exhibit": exhibit,
                "store": exhibit.pending_store,
            }
        where = exhibit.location or exhibit.store
        return _("%(exhibit)s moved to %(where)s.") % {"exhibit": exhibit, "where": where}

    def refused(self, exhibit: Exhibit, error: str, status: int) -> HttpResponse:
        exhibit.refresh_from_db()
        context = self.context(exhibit, error=error)
        return render(self.request, self.template_name, context, status=status)


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for ms in exc.message_dict.values() for m in ms]
    return list(exc.messages)


# ---------------------------------------------------------------- many exhibits, one step


class BatchTransferForm(forms.Form):
    seizure = forms.ModelChoiceField(
        label=gettext_lazy("A whole seizure"),
        queryset=Seizure.objects.none(),
        required=False,
        help_text=gettext_lazy("Its exhibits still in custody."),
    )
    codes = forms.CharField(
        label=gettext_lazy("Or these exhibits"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "autocapitalize": "characters"}),
        help_text=gettext_lazy("One exhibit number or scanned label per line."),
    )
    to_store = forms.ModelChoiceField(
        label=gettext_lazy("To store"), queryset=EvidenceStore.objects.none()
    )
    to_location = forms.ModelChoiceField(
        label=gettext_lazy("Location in that store"),
        queryset=StoreLocation.objects.none(),
        required=False,
    )
    carrier = forms.CharField(label=gettext_lazy("Carried by"), max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        mine = stores_in_custody_of(user)
        seizures = Seizure.objects.restrict(user, permissions.VIEW).filter(
            exhibits__store__in=mine, exhibits__status=ExhibitStatus.HELD
        )
        self.fields["seizure"].queryset = seizures.distinct().order_by("-pk")  # type: ignore[attr-defined]
        stores = EvidenceStore.objects.filter(active=True).order_by("code")
        self.fields["to_store"].queryset = stores  # type: ignore[attr-defined]
        locations = StoreLocation.objects.filter(active=True, store__active=True)
        self.fields["to_location"].queryset = locations.select_related("store")  # type: ignore[attr-defined]
        self.exhibits: list[Exhibit] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seizure, lines = data.get("seizure"), (data.get("codes") or "").splitlines()
        if seizure is None and not any(line.strip() for line in lines):
            raise ValidationError(_("Choose a seizure or list the exhibits to move."))
        visible = _exhibits(self.user, permissions.CHANGE)
        chosen: dict[int, Exhibit] = {}
        if seizure is not None:
            of_seizure = visible.filter(seizure=seizure).exclude(status__in=CLOSED_STATUSES)
            chosen.update((e.pk, e) for e in of_seizure.order_by("reference"))
            if not chosen:
                self.add_error("seizure", _("This seizure has no exhibit still in custody."))
        codes = [code_from(line) for line in lines if line.strip()]
        if len(codes) > MAX_BATCH:
            self.add_error("codes", _("At most %(n)d exhibits at a time.") % {"n": MAX_BATCH})
            return data
        found = {e.reference: e for e in visible.filter(reference__in=[c for c in codes if c])}
        unknown = [
            line.strip()[:60] for line in lines if line.strip() and code_from(line) not in found
        ]
        if unknown:
            self.add_error(
                "codes",
                _("No exhibit %(codes)s among those you may move.")
                % {"codes": ", ".join(unknown[:10])},
            )
        chosen.update((e.pk, e) for e in found.values())
        self.exhibits = list(chosen.values())
        return data


def movement_kind(exhibits: list[Exhibit], to_store: EvidenceStore) -> str:
    """The movement a batch makes: to a laboratory or a court, back from court, else a transfer."""
    if to_store.kind == StoreKind.LABORATORY:
        return EventKind.LAB_SUBMISSION
    if to_store.kind == StoreKind.COURT_REGISTRY:
        return EventKind.COURT_SUBMISSION
    at_court = [e.store is not None and e.store.kind == StoreKind.COURT_REGISTRY for e in exhibits]
    return EventKind.COURT_RETURN if at_court and all(at_court) else EventKind.TRANSFER


class BatchTransferView(LoginRequiredMixin, View):
    template_name = "evidence/batch_transfer.html"

    def render_form(self, form: BatchTransferForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "wasm_url": static(SCANNER_WASM)}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {k: request.GET[k] for k in ("seizure", "codes") if request.GET.get(k)}
        return self.render_form(BatchTransferForm(user=request.user, initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = BatchTransferForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_form(form, status=400)
        to_store = form.cleaned_data["to_store"]
        kind = movement_kind(form.exhibits, to_store)
        try:
            events = services.move_many(
                form.exhibits,
                kind,
                to_store=to_store,
                to_location=form.cleaned_data.get("to_location"),
                carrier=form.cleaned_data.get("carrier", ""),
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
            return self.render_form(form, status=400)
        count = len(events)
        done = ngettext(
            "%(count)d exhibit moved to %(store)s (%(kind)s).",
            "%(count)d exhibits moved to %(store)s (%(kind)s).",
            count,
        ) % {"count": count, "store": to_store, "kind": EventKind(kind).label}
        messages.success(request, done)
        return HttpResponseRedirect(reverse("evidence:batch_transfer"))


urlpatterns: list[URLPattern] = [
    path("exhibits/<int:pk>/quick/", QuickTransferView.as_view(), name="quick_transfer"),
    path("batch/", with_scanner(BatchTransferView.as_view()), name="batch_transfer"),
]
