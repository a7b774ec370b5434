"""Pages of the evidence room: destructions (list, detail, record one, its manifest PDF).

A destruction is recorded once by a custodian of the destruction site and never edited: a
mistake is corrected on the exhibits' chains, not by rewriting the batch.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from sahakar.audit import access
from sahakar.core import permissions, postcheck
from sahakar.core.pdf import pdf_response, render_pdf
from sahakar.core.views.generic import ObjectDetailView, ObjectListView, add_errors
from sahakar.evidence import manifest
from sahakar.evidence.destruction import destroy_batch
from sahakar.evidence.destruction_filters import DestructionBatchFilterSet
from sahakar.evidence.models import DestructionBatch
from sahakar.evidence.web.destruction_forms import DestructionForm, WitnessFormSet, sites_kept_by


class DestructionTable(tables.Table):
    reference = tables.Column(linkify=True)
    destroyed_at = tables.DateTimeColumn(format="Y-m-d H:i")
    exhibit_count = tables.Column(verbose_name=capfirst(gettext_lazy("exhibits")))

    class Meta:
        model = DestructionBatch
        fields = ["reference", "destroyed_at", "exhibit_count", "site", "place", "method"]
        empty_text = gettext_lazy("No destructions match.")


def _batches() -> Any:
    return DestructionBatch.objects.select_related("site", "org_unit").annotate(
        exhibit_count=Count("events")
    )


class DestructionListView(ObjectListView):
    template_name = "evidence/object_list.html"
    queryset = _batches()
    filterset_class = DestructionBatchFilterSet
    table_class = DestructionTable
    adds_here = False  # recorded on its own page, by the custodians of a destruction site

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if context["can_add"] and sites_kept_by(self.request.user).exists():
            context["add_url"] = reverse("evidence:destruction_add")
        return context


class DestructionDetailView(ObjectDetailView):
    queryset = _batches().prefetch_related("witnesses__agency")

    def get_template_names(self) -> list[str]:
        return ["evidence/destruction_detail.html"]

    def may(self, obj: Any, action: str) -> bool:
        return False  # a destruction is final: never edited nor deleted

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        batch = self.object
        context.update(
            lines=manifest.lines(batch),
            committee=manifest.committee(batch),
            orders=manifest.orders(batch),
            time_zone=settings.TIME_ZONE,
        )
        return context


class DestructionCreateView(LoginRequiredMixin, View):
    """Record a destruction: the site, time, place, method, orders, committee, witnesses, and
    the approved exhibits held at the site, each with its net weight if weighed there."""

    template_name = "evidence/destruction_add.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not (
            permissions.can(user, DestructionBatch, permissions.ADD)
            and sites_kept_by(user).exists()
        ):
            raise PermissionDenied
        response: Any = super().dispatch(request, *args, **kwargs)
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        sites = list(sites_kept_by(request.user))
        initial: dict[str, Any] = {
            "destroyed_at": timezone.localtime().replace(second=0, microsecond=0)
        }
        if len(sites) == 1:
            initial.update(site=sites[0].pk, org_unit=sites[0].org_unit_id)
        form = DestructionForm(user=request.user, initial=initial)
        return self.render(form, WitnessFormSet(prefix="witnesses"))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DestructionForm(data=request.POST, user=request.user)
        witnesses: Any = WitnessFormSet(data=request.POST, prefix="witnesses")
        if not (form.is_valid() and witnesses.is_valid()):
            return self.render(form, witnesses, status=400)
        data = form.cleaned_data
        try:
            with transaction.atomic():
                batch = destroy_batch(
                    exhibits=list(data["exhibits"]),
                    destroyed_at=data["destroyed_at"],
                    org_unit=data["org_unit"],
                    site=data["site"],
                    place=data["place"],
                    method=data["method"],
                    order_references=data["order_references"],
                    committee_members=data["committee_members"],
                    witnesses=witnesses.rows(),
                    weights=form.weights(),
                    notes=data["notes"],
                    acting_user=request.user,
                )
                postcheck.ensure_in_scope(batch, request.user, permissions.ADD)
        except postcheck.OutOfScope as exc:
            postcheck.log_refusal(exc)
            form.add_error(None, exc.message)
            return self.render(form, witnesses, status=403)
        except ValidationError as exc:
            witness_errors = (
                exc.message_dict.get("witnesses", []) if hasattr(exc, "error_dict") else []
            )
            if not witness_errors:
                add_errors(form, exc)
            return self.render(form, witnesses, status=400, witness_errors=witness_errors)
        messages.success(
            request,
            _("Recorded destruction %(batch)s: %(count)s exhibits destroyed.")
            % {"batch": batch, "count": len(data["exhibits"])},
        )
        return HttpResponseRedirect(batch.get_absolute_url())

    def render(
        self,
        form: DestructionForm,
        witnesses: Any,
        *,
        status: int = 200,
        witness_errors: list[str] | None = None,
    ) -> HttpResponse:
        context = {
            "form": form,
            "rows": form.rows(),
            "witnesses": witnesses,
            "witness_errors": witness_errors or [],
            "formset_errors": witnesses.is_bound and witnesses.total_error_count(),
            "model_meta": DestructionBatch._meta,
            "list_url": reverse("evidence:destructionbatch_list"),
            "time_zone": settings.TIME_ZONE,
        }
        response = render(self.request, self.template_name, context, status=status)
        add_never_cache_headers(response)
        return response


class ManifestView(LoginRequiredMixin, View):
    """The destruction's manifest as a PDF, in the language of the page it was asked from."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        batches = _batches().prefetch_related("witnesses__agency").restrict(request.user)
        batch = access.get_or_404_logged(batches, request.user, pk=pk)
        context = {
            "batch": batch,
            "lines": manifest.lines(batch),
            "committee": manifest.committee(batch),
            "orders": manifest.orders(batch),
            "witnesses": list(batch.witnesses.all()),
            "printed_at": timezone.localtime(),
            "time_zone": settings.TIME_ZONE,
        }
        data = render_pdf("evidence/pdf/manifest.html", context, request)
        language = translation.get_language() or "en"
        return pdf_response(data, f"{batch.reference}-manifest-{language}.pdf")


urlpatterns: list[URLPattern] = [
    path("destructions/", DestructionListView.as_view(), name="destructionbatch_list"),
    path("destructions/add/", DestructionCreateView.as_view(), name="destruction_add"),
    path("destructions/<int:pk>/", DestructionDetailView.as_view(), name="destruction_detail"),
    path("destructions/<int:pk>/manifest.pdf", ManifestView.as_view(), name="destruction_manifest"),
]
