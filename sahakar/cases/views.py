"""Case file pages: list, the case's whole story, and the forms of the actions on a case.

Every action view finds its case (or defendant) through restrict(user, "change"), so a record
out of scope answers 404 (audited), and hands the input to services.py, whose refusals come
back next to the field they concern (400) and change nothing. A case the action would carry
out of the user's scope is refused (403) and left as it was.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from sahakar.audit import access
from sahakar.cases import forms, services
from sahakar.cases.choices import Stage
from sahakar.cases.filtersets import CaseFileFilterSet
from sahakar.cases.models import CaseFile, Defendant, PenaltyBand, title_prefetch
from sahakar.cases.quantities import case_quantities
from sahakar.cases.tables import CaseFileTable
from sahakar.cases.timeline import case_defendants, case_timeline, visible_seizures
from sahakar.core import permissions, postcheck
from sahakar.core.related import with_links
from sahakar.core.views.actions import ObjectActionView
from sahakar.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    RestrictedMixin,
)
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure


class CaseFileListView(ObjectListView):
    queryset = (
        CaseFile.objects.select_related("org_unit")
        .prefetch_related(title_prefetch())
        .annotate(defendant_count=Count("defendants"))
        .order_by("-created", "-pk")  # a GROUP BY query ignores Meta.ordering
    )
    filterset_class = CaseFileFilterSet
    table_class = CaseFileTable


class CaseFileDetailView(ObjectDetailView):
    """The case with its running legal clocks, the quantities seized per substance category
    against the penalty bands, its defendants, and its whole story as one timeline."""

    queryset = CaseFile.objects.select_related(
        "org_unit", "lead_investigator", "prosecution_office", "court", "created_by"
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)  # names the defendants
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case, user = self.object, self.request.user
        # Each defendant's person and arrest link to their pages where the user may open them.
        defendants = list(with_links(case_defendants(case), user, ["arrest", "arrest__person"]))
        access.log_list_view(Person, [d.arrest.person for d in defendants], {"case": case.pk})
        seizures = list(visible_seizures(case, user))
        items = [item for seizure in seizures for item in seizure.items.all()]
        may_change = (
            not case.is_closed
            and CaseFile.objects.restrict(user, permissions.CHANGE).filter(pk=case.pk).exists()
        )
        context.update(
            defendants=defendants,
            seizures=seizures,
            hidden_seizures=case.seizures.count() - len(seizures),
            clocks=services.case_clocks(case, defendants=defendants),
            quantities=case_quantities(items, PenaltyBand.objects.all()),
            timeline=case_timeline(case, user, defendants=defendants),
            may_change=may_change,
            can_refer=may_change and case.stage == Stage.INVESTIGATION,
            can_record_hearing=may_change and case.stage in services.HEARING_STAGES,
            next_stages=[s for s in services.next_stages(case) if s != Stage.REFERRED]
            if may_change
            else [],
            corrective_stages=services.corrective_stages(case) if may_change else [],
        )
        if not may_change:
            context.pop("edit_url", None)
        return context


class CaseFileEditView(ObjectEditView):
    """Open a case (with its first defendants and seizures) or edit its own fields."""

    queryset = CaseFile.objects.all()
    form_class = forms.CaseFileForm

    def save_form(self, form: Any, extra: dict[str, Any]) -> Any:
        if form.instance.pk is not None:
            case = services.update_case(form.save(commit=False), acting_user=self.request.user)
            form.save_m2m()
            return case
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.open_case(
            acting_user=self.request.user,
            arrests=form.cleaned_data["arrests"],
            seizures=form.cleaned_data["seizures"],
            **data,
        )


class CaseActionView(ObjectActionView):
    """One action on a case: a form (GET) and the service call (POST)."""

    queryset: Any = CaseFile.objects.select_related("org_unit")
    template_name = "cases/action.html"
    version_field = "version"
    title: Any = ""

    def record_of(self, target: Any) -> CaseFile:
        return target

    def form_kwargs(self, target: Any) -> dict[str, Any]:
        return {"case": self.record_of(target)}

    def heading(self, form: BaseForm) -> Any:
        return self.title

    def action_context(self, target: Any, form: BaseForm) -> dict[str, Any]:
        case = self.record_of(target)
        return {"case": case, "target": target, "form": form, "title": self.heading(form)}


class StageView(CaseActionView):
    """Move the case on to an allowed next stage, or back as a corrective action."""

    form_class = forms.StageForm
    title = gettext_lazy("Change the stage")
    done = gettext_lazy("The stage was changed.")

    def form_kwargs(self, target: Any) -> dict[str, Any]:
        corrective = self.request.POST.get("corrective") in ("True", "true", "on", "1")
        corrective = corrective or self.request.GET.get("corrective") == "1"
        return {"case": target, "corrective": corrective}

    def heading(self, form: BaseForm) -> Any:
        if form["corrective"].initial:
            return gettext_lazy("Corrective action: back to an earlier stage")
        return self.title

    def perform(self, target: Any, data: dict[str, Any]) -> Any:
        return services.change_stage(
            target,
            data["stage"],
            acting_user=self.request.user,
            note=data["note"],
            corrective=data["corrective"],
            at=data["at"],
        )


class ReferralView(CaseActionView):
    form_class = forms.ReferralForm
    title = gettext_lazy("Refer the case to the prosecutor")
    done = gettext_lazy("The case was referred to the prosecutor.")

    def perform(self, target: Any, data: dict[str, Any]) -> Any:
        return services.refer_to_prosecutor(
            target,
            referred_on=data["referred_on"],
            office=data["prosecution_office"],
            receipt_reference=data["receipt_reference"],
            note=data["note"],
            acting_user=self.request.user,
        )


class HearingView(CaseActionView):
    form_class = forms.HearingForm
    title = gettext_lazy("Record a hearing")
    done = gettext_lazy("The hearing was recorded.")

    def perform(self, target: Any, data: dict[str, Any]) -> Any:
        return services.record_hearing(
            target,
            held_on=data["held_on"],
            outcome=data["outcome"],
            next_hearing_on=data["next_hearing_on"],
            acting_user=self.request.user,
        )


class DefendantsView(CaseActionView):
    form_class = forms.DefendantsForm
    title = gettext_lazy("Add defendants")
    done = gettext_lazy("The defendants were added.")

    def form_kwargs(self, target: Any) -> dict[str, Any]:
        return {"case": target, "user": self.request.user}

    def perform(self, target: Any, data: dict[str, Any]) -> Any:
        return services.add_defendants(
            target,
            data["arrests"],
            acting_user=self.request.user,
            link_seizures=data["link_seizures"],
        )


class SeizuresView(CaseActionView):
    form_class = forms.SeizuresForm
    title = gettext_lazy("Link seizures")
    done = gettext_lazy("The seizures were linked.")

    def form_kwargs(self, target: Any) -> dict[str, Any]:
        return {"case": target, "user": self.request.user}

    def perform(self, target: Any, data: dict[str, Any]) -> Any:
        services.link_seizures(target, data["seizures"], acting_user=self.request.user)


class DefendantActionView(CaseActionView):
    """An action on one defendant, found through the cases the user may change."""

    queryset = Defendant.objects.select_related("case__org_unit", "arrest__person")

    def record_of(self, target: Any) -> CaseFile:
        return target.case

    def form_kwargs(self, target: Any) -> dict[str, Any]:
        return {"defendant": target}


class OutcomeView(DefendantActionView):
    form_class = forms.OutcomeForm
    title = gettext_lazy("Record the outcome")
    done = gettext_lazy("The outcome was recorded.")

    def perform(self, target: Any, data: dict[str, Any]) -> Any:
        return services.record_defendant_outcome(
            target,
            outcome=data["outcome"],
            outcome_on=data["outcome_on"],
            sentence_months=data["sentence_months"],
            life_sentence=data["life_sentence"],
            fine_amount=data["fine_amount"],
            fine_currency=data["fine_currency"],
            note=data["note"],
            acting_user=self.request.user,
        )


class DetentionView(DefendantActionView):
    form_class = forms.DetentionForm
    title = gettext_lazy("Pre-trial detention")
    done = gettext_lazy("The detention was recorded.")

    def perform(self, target: Any, data: dict[str, Any]) -> Any:
        return services.record_detention(
            target,
            detained_since=data["detained_since"],
            extensions=data["extensions"],
            released_at=data["released_at"],
            acting_user=self.request.user,
        )


class RemovalView(RestrictedMixin, View):
    """Take a defendant or a seizure out of the case (POST only); refusals as a message."""

    queryset = CaseFile.objects.all()
    action = permissions.CHANGE
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
        user = request.user
        case: Any = access.get_or_404_logged(self.get_queryset(), user, pk=pk)
        try:
            with transaction.atomic():
                if kind == "defendant":
                    defendants = case.defendants.select_related("arrest__person")
                    defendant = access.get_or_404_logged(defendants, user, pk=item)
                    services.remove_defendant(defendant, acting_user=user)
                else:
                    visible = Seizure.objects.restrict(user)
                    seizure = access.get_or_404_logged(visible, user, pk=item)
                    services.unlink_seizure(case, seizure, acting_user=user)
                postcheck.ensure_in_scope(case, user, permissions.CHANGE)
        except postcheck.OutOfScope as exc:
            postcheck.log_refusal(exc)
            messages.error(request, exc.message)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Removed from the case."))
        return HttpResponseRedirect(case.get_absolute_url())
