"""Pages that record what happens to an exhibit: move, receive, lab result, reseal, weigh,
release to the owner, correct an earlier event.

Each is a form posting to the custody service with the signed-in user as `acting_user`. The
exhibit is found among those the user may see (404 otherwise); whether they may act on it
(its holder, the store it was handed to) is the service's to decide, and its refusal comes
back next to the field it names, or above the form. Nothing is written on a refusal.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahakar.core import permissions
from sahakar.core.views.actions import ObjectActionView
from sahakar.evidence import forms_actions as forms
from sahakar.evidence import services
from sahakar.evidence.choices import MOVEMENTS, EventKind
from sahakar.evidence.models import Exhibit

MOVE_TITLES = {
    EventKind.TRANSFER: gettext_lazy("Transfer the exhibit"),
    EventKind.LAB_SUBMISSION: gettext_lazy("Submit the exhibit to a laboratory"),
    EventKind.COURT_SUBMISSION: gettext_lazy("Send the exhibit to court"),
    EventKind.COURT_RETURN: gettext_lazy("Return the exhibit from court"),
}


class ExhibitActionView(ObjectActionView):
    """One custody event on one exhibit the user may see."""

    queryset = Exhibit.objects.select_related(
        "seizure", "store__agency", "location", "pending_store__agency", "pending_location"
    )
    action = permissions.VIEW
    checks_scope_after = False  # handing an exhibit over may rightly take it out of sight
    template_name = "evidence/action_form.html"
    never_cache = True
    title: Any = ""
    intro: Any = ""

    def form_kwargs(self, target: Exhibit) -> dict[str, Any]:
        return {"exhibit": target}

    def action_context(self, target: Any, form: BaseForm) -> dict[str, Any]:
        return {
            "object": target,
            "form": form,
            "title": self.title,
            "intro": self.intro,
            "time_zone": settings.TIME_ZONE,
        }


class MoveView(ExhibitActionView):
    """?kind=transfer|lab_submission|court_submission|court_return (transfer by default)."""

    form_class = forms.MoveForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.kind = request.GET.get("kind") or EventKind.TRANSFER
        if self.kind not in MOVEMENTS:
            raise Http404(_("No such movement."))
        self.title = MOVE_TITLES[EventKind(self.kind)]
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self, target: Exhibit) -> dict[str, Any]:
        return {"exhibit": target, "kind": self.kind}

    def perform(self, exhibit: Exhibit, data: dict[str, Any]) -> None:
        services.move(
            exhibit,
            self.kind,
            to_store=data["to_store"],
            to_location=data["to_location"],
            occurred_at=data["occurred_at"],
            carrier=data["carrier"],
            reason=data["reason"],
            question=data.get("question", ""),
            acting_user=self.request.user,
        )

    def done_message(self, exhibit: Exhibit) -> str:
        exhibit.refresh_from_db()
        if exhibit.pending_store_id is not None:
            return _("%(exhibit)s handed over to %(store)s: in transit until it is received.") % {
                "exhibit": exhibit,
                "store": exhibit.pending_store,
            }
        return _("%(exhibit)s is now at %(store)s.") % {"exhibit": exhibit, "store": exhibit.store}


class ReceiveView(ExhibitActionView):
    form_class = forms.ReceiveForm
    title = gettext_lazy("Confirm receipt of the exhibit")
    intro = gettext_lazy(
        "Check the seal against the number shown before confirming: from now on the exhibit "
        "is in your store's custody."
    )
    done = gettext_lazy("Receipt confirmed.")

    def perform(self, exhibit: Exhibit, data: dict[str, Any]) -> None:
        services.receive(
            exhibit,
            to_location=data["to_location"],
            occurred_at=data["occurred_at"],
            note=data["note"],
            acting_user=self.request.user,
        )


class LabResultView(ExhibitActionView):
    form_class = forms.LabResultForm
    title = gettext_lazy("Record the laboratory's result")
    done = gettext_lazy("Laboratory result recorded.")

    def perform(self, exhibit: Exhibit, data: dict[str, Any]) -> None:
        services.record_lab_result(
            exhibit,
            substance_confirmed=data["substance_confirmed"],
            identified_substance=data["identified_substance"],
            purity_percent=data["purity_percent"],
            net_quantity=data["net_quantity"],
            net_unit=data["net_unit"],
            sample_retained=data["sample_retained"],
            sample_quantity=data["sample_quantity"],
            lab_reference=data["lab_reference"],
            occurred_at=data["occurred_at"],
            note=data["note"],
            acting_user=self.request.user,
        )


class ResealView(ExhibitActionView):
    form_class = forms.ResealForm
    title = gettext_lazy("Break the seal and reseal")
    done = gettext_lazy("Resealed.")

    def perform(self, exhibit: Exhibit, data: dict[str, Any]) -> None:
        services.reseal(
            exhibit,
            new_seal_number=data["new_seal_number"],
            reason=data["reason"],
            gross_weight_g=data["gross_weight_g"],
            net_quantity=data["net_quantity"],
            net_unit=data["net_unit"],
            occurred_at=data["occurred_at"],
            acting_user=self.request.user,
        )


class WeighView(ExhibitActionView):
    form_class = forms.WeighForm
    title = gettext_lazy("Weigh the exhibit")
    done = gettext_lazy("Weight recorded.")

    def perform(self, exhibit: Exhibit, data: dict[str, Any]) -> None:
        services.weigh(
            exhibit,
            net_quantity=data["net_quantity"],
            net_unit=data["net_unit"],
            gross_weight_g=data["gross_weight_g"],
            occurred_at=data["occurred_at"],
            note=data["note"],
            acting_user=self.request.user,
        )


class ReleaseView(ExhibitActionView):
    form_class = forms.ReleaseForm
    title = gettext_lazy("Release the property to its owner")
    intro = gettext_lazy("Only property that is not drugs is released; this ends its chain.")
    done = gettext_lazy("Released to the owner.")

    def perform(self, exhibit: Exhibit, data: dict[str, Any]) -> None:
        services.release_to_owner(
            exhibit,
            released_to=data["released_to"],
            order_reference=data["order_reference"],
            occurred_at=data["occurred_at"],
            acting_user=self.request.user,
        )


class CorrectView(ExhibitActionView):
    form_class = forms.CorrectionForm
    title = gettext_lazy("Correct an earlier event")
    intro = gettext_lazy(
        "The event stays as it was recorded; the correction is added after it, and both are "
        "shown in the chain."
    )
    done = gettext_lazy("Correction recorded.")

    def perform(self, exhibit: Exhibit, data: dict[str, Any]) -> None:
        try:
            services.correct(
                exhibit,
                event=data["corrects"],
                note=data["note"],
                occurred_at=data["occurred_at"],
                acting_user=self.request.user,
            )
        except ValidationError as exc:
            raise forms.renamed(exc, forms.CORRECTION_FIELDS) from exc


urlpatterns: list[URLPattern] = [
    path("exhibits/<int:pk>/move/", MoveView.as_view(), name="exhibit_move"),
    path("exhibits/<int:pk>/receive/", ReceiveView.as_view(), name="exhibit_receive"),
    path("exhibits/<int:pk>/lab-result/", LabResultView.as_view(), name="exhibit_lab_result"),
    path("exhibits/<int:pk>/reseal/", ResealView.as_view(), name="exhibit_reseal"),
    path("exhibits/<int:pk>/weigh/", WeighView.as_view(), name="exhibit_weigh"),
    path("exhibits/<int:pk>/release/", ReleaseView.as_view(), name="exhibit_release"),
    path("exhibits/<int:pk>/correct/", CorrectView.as_view(), name="exhibit_correct"),
]
