"""Arrest pages: list, detail, record (with the person picked or created), correct, correct
the custody times, extend custody, record the outcome, and the list of custodies due and
overdue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import View

from sahakar.arrests import roster, services
from sahakar.arrests.choices import DUE_WINDOW
from sahakar.arrests.clocks import custody_status, outcome_of, rule_for
from sahakar.arrests.filtersets import ArrestFilterSet
from sahakar.arrests.forms import (
    ArrestForm,
    CorrectionForm,
    ExtensionForm,
    NewPersonForm,
    OutcomeForm,
)
from sahakar.arrests.models import Arrest, CustodyRule
from sahakar.arrests.tables import ArrestTable
from sahakar.audit import access
from sahakar.cases.related import case_files
from sahakar.core import permissions
from sahakar.core.forms import show_as_typed
from sahakar.core.ids import given_id
from sahakar.core.times import local_text
from sahakar.core.views.actions import ObjectActionView
from sahakar.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    RestrictedMixin,
    add_errors,
)
from sahakar.core.writes import expect_version
from sahakar.operations.models import Operation
from sahakar.persons.duplicates import find_candidates
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure
from sahakar.seizures.related import seizures

# Persons offered on the record page for a search: enough to find one, not a directory.
PERSON_RESULTS = 20
# The name of the record page's "Find" button: a search, not a save.
FIND = "find_person"


class ArrestListView(ObjectListView):
    queryset = Arrest.objects.select_related("person", "org_unit", "arresting_agency", "outcome")
    filterset_class = ArrestFilterSet
    table_class = ArrestTable
    template_name = "arrests/arrest_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["time_zone"] = settings.TIME_ZONE
        return context


class ArrestDetailView(ObjectDetailView):
    """The arrest with its custody clock, and the seizures and case files linked to it as
    far as the user may see them."""

    related = (
        seizures("arrests", list_filter="arrest"),
        case_files("defendants__arrest", list_filter="arrest"),
    )
    queryset = Arrest.objects.select_related(
        "person",
        "org_unit",
        "venue",
        "arresting_agency",
        "operation",
        "outcome__referral__case",
    ).prefetch_related("offences", "extensions", "corrections__corrected_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        arrest = self.object
        status = custody_status(arrest)
        try:
            rule: CustodyRule | None = rule_for(arrest)
        except ValidationError:
            rule = None
        extensions = list(arrest.extensions.all())
        may_change = "edit_url" in context
        context.update(
            status=status,
            rule=rule,
            extensions=extensions,
            outcome=outcome_of(arrest),
            can_extend=may_change
            and status.in_custody
            and rule is not None
            and len(extensions) < rule.max_extensions,
            can_record_outcome=may_change and status.in_custody,
            can_correct_times=may_change,
            corrections=list(arrest.corrections.all()),
            time_zone=settings.TIME_ZONE,
        )
        return context


class ArrestCreateView(RestrictedMixin, View):
    """Record an arrest. The person is picked from the persons the user may see (found by a
    search on the same page) or recorded inline; before a new person is recorded, likely
    duplicates are shown and the user confirms. Person and arrest are saved together."""

    queryset = Arrest.objects.all()
    action = permissions.ADD
    template_name = "arrests/arrest_add.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not permissions.can(
            request.user, Arrest, permissions.ADD
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def persons(self) -> Any:
        return Person.objects.current().restrict(self.request.user).select_related("org_unit")

    @property
    def may_add_person(self) -> bool:
        return permissions.can(self.request.user, Person, permissions.ADD)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ArrestForm(user=request.user, initial=self._initial())
        new_person = NewPersonForm(user=request.user)
        chosen = request.GET.get("person", "")
        return self.render(form, new_person, chosen=chosen)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ArrestForm(data=request.POST, user=request.user)
        new_person = NewPersonForm(data=request.POST, user=request.user)
        chosen = request.POST.get("person", "")
        if FIND in request.POST:
            # "Find" without JavaScript: the page comes back with the persons found and
            # everything typed so far, unchecked (nothing was sent to be saved).
            return self.render(show_as_typed(form), show_as_typed(new_person), chosen=chosen)
        person, person_error = self._chosen_person(chosen)
        candidates: list[tuple[Person, float]] = []
        valid = form.is_valid()
        creating = chosen == "new" and self.may_add_person
        if creating:
            valid = new_person.is_valid() and valid
            if new_person.is_valid() and not request.POST.get("confirm_new"):
                candidates = self._likely_duplicates(new_person)
        if person_error or candidates or not valid:
            # Likely duplicates alone are a question, not an error: nothing is wrong yet.
            status = 200 if candidates and valid and not person_error else 400
            return self.render(
                form,
                new_person,
                chosen=chosen,
                person_error=person_error,
                candidates=candidates,
                status=status,
            )
        person = new_person.instance if creating else person
        assert person is not None
        try:
            arrest = services.record_arrest(
                person=person,
                offences=form.cleaned_data["offences"],
                seizures=form.cleaned_data["seizure_references"],
                acting_user=request.user,
                **form.arrest_fields(),
            )
        except ValidationError as exc:
            add_errors(form, exc)
            return self.render(form, new_person, chosen=chosen, status=400)
        messages.success(
            request,
            _("Recorded %(arrest)s. The custody ends by %(deadline)s.")
            % {"arrest": arrest, "deadline": local_text(arrest.custody_deadline)},
        )
        return HttpResponseRedirect(arrest.get_absolute_url())

    def _initial(self) -> dict[str, Any]:
        """Prefill from the page the user came from: ?operation=12, ?seizure=34."""
        initial: dict[str, Any] = {}
        user = self.request.user
        operation = given_id(self.request.GET.get("operation", ""))
        if operation is not None:
            found = Operation.objects.restrict(user).filter(pk=operation).first()
            if found is not None:
                initial.update(operation=found.pk, org_unit=found.org_unit_id)
        seizure = given_id(self.request.GET.get("seizure", ""))
        if seizure is not None:
            linked = Seizure.objects.restrict(user).filter(pk=seizure).first()
            if linked is not None:
                initial.update(
                    seizure_references=linked.reference,
                    org_unit=linked.org_unit_id,
                    venue=linked.venue_id,
                    place_description=linked.place_description,
                    operation=linked.operation_id,
                    arresting_agency=linked.seizing_agency_id,
                )
        return initial

    def _chosen_person(self, chosen: str) -> tuple[Person | None, str]:
        if chosen == "new":
            if self.may_add_person:
                return None, ""
            return None, _("You may not record new persons: choose one already recorded.")
        if given_id(chosen) is not None:
            person = self.persons.filter(pk=given_id(chosen)).first()
            if person is not None:
                return person, ""
        return None, _("Choose the person arrested, or record a new person.")

    def _likely_duplicates(self, new_person: NewPersonForm) -> list[tuple[Person, float]]:
        data = new_person.cleaned_data
        return list(
            find_candidates(
                self.request.user,
                name_km=data.get("name_km", ""),
                name_latin=data.get("name_latin", ""),
                birth_year=data.get("birth_year"),
                document_number=data.get("document_number", ""),
            )
        )

    def _search(self, query: str) -> list[Person]:
        query = query.strip()
        if not query:
            return []
        found = list(
            self.persons.filter(
                Q(name_km__icontains=query)
                | Q(name_latin__icontains=query)
                | Q(alias__icontains=query)
                | Q(document_number__iexact=query)
            )[:PERSON_RESULTS]
        )
        access.log_list_view(Person, found, {"query": query, "page": "record an arrest"})
        return found

    def _offered(self, query: str, chosen: str) -> list[Person]:
        """The persons found, with the one already chosen kept on offer first."""
        offered = self._search(query)
        if given_id(chosen) is not None and all(str(p.pk) != chosen for p in offered):
            offered = [*self.persons.filter(pk=given_id(chosen)), *offered]
        return offered

    def render(
        self,
        form: ArrestForm,
        new_person: NewPersonForm,
        *,
        chosen: str = "",
        person_error: str = "",
        candidates: list[tuple[Person, float]] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        query = source.get("person_q", "")
        offered = self._offered(query, chosen)
        context = {
            "form": form,
            "new_person": new_person,
            "checked_forms": [new_person] if chosen == "new" else [],
            "person_q": query,
            "persons": offered,
            "chosen": chosen,
            "person_error": person_error,
            "candidates": candidates or [],
            "may_add_person": self.may_add_person,
            "model_meta": Arrest._meta,
            "list_url": reverse("arrests:arrest_list"),
            "time_zone": settings.TIME_ZONE,
        }
        response = render(self.request, self.template_name, context, status=status)
        add_never_cache_headers(response)
        return response


class ArrestPersonChoicesView(ArrestCreateView):
    """The persons found for a search on the record page, as the fragment the page swaps in
    while the officer types (htmx): the arrest's fields are never sent or lost."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.get("person_q", "")
        chosen = request.GET.get("person", "")
        context = {"persons": self._offered(query, chosen), "person_q": query, "chosen": chosen}
        response = render(request, "arrests/person_choices.html", context)
        add_never_cache_headers(response)
        return response


class ArrestEditView(ObjectEditView):
    """Correct an arrest's facts; the custody deadline is computed again (services)."""

    queryset = Arrest.objects.select_related("person", "org_unit")
    form_class = ArrestForm

    def get_object(self, pk: Any) -> Any:
        if pk is None:  # arrests are recorded on their own page
            raise PermissionDenied
        return super().get_object(pk)

    def save_form(self, form: Any, extra: dict[str, Any]) -> Any:
        arrest = form.instance
        expect_version(arrest, form.cleaned_data.get("expected_version"))
        return services.update_arrest(
            arrest,
            offences=form.cleaned_data["offences"],
            seizures=form.cleaned_data["seizure_references"],
            acting_user=self.request.user,
            **form.arrest_fields(),
        )


class _CustodyActionView(ObjectActionView):
    """A page with one form that changes an arrest's custody (extension, outcome). Arrests the
    user may not change answer 404; a refusal shows the form again with the reason (400)."""

    queryset = Arrest.objects.select_related("person", "org_unit", "outcome")
    template_name = "arrests/custody_action.html"
    never_cache = True
    title = ""

    def extra_context(self, arrest: Arrest) -> dict[str, Any]:
        return {}

    def action_context(self, target: Any, form: BaseForm) -> dict[str, Any]:
        return {
            "object": target,
            "form": form,
            "title": self.title,
            "status": custody_status(target),
            "model_meta": Arrest._meta,
            "list_url": reverse("arrests:arrest_list"),
            "time_zone": settings.TIME_ZONE,
            **self.extra_context(target),
        }


class ExtensionView(_CustodyActionView):
    form_class = ExtensionForm

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Extend the custody")

    def get_initial(self, arrest: Arrest) -> dict[str, Any]:
        try:
            hours = rule_for(arrest).extension_hours or None
        except ValidationError:
            hours = None
        return {"granted_at": timezone.localtime().replace(second=0, microsecond=0), "hours": hours}

    def extra_context(self, arrest: Arrest) -> dict[str, Any]:
        try:
            return {"rule": rule_for(arrest)}
        except ValidationError:
            return {"rule": None}

    def perform(self, arrest: Arrest, data: dict[str, Any]) -> None:
        services.grant_extension(
            arrest,
            data["granted_at"],
            data["hours"],
            data["order_reference"],
            data["reason"],
            acting_user=self.request.user,
        )

    def done_message(self, arrest: Arrest) -> str:
        return _("Custody extended: %(arrest)s now ends by %(deadline)s.") % {
            "arrest": arrest,
            "deadline": local_text(arrest.custody_deadline),
        }


class OutcomeView(_CustodyActionView):
    form_class = OutcomeForm

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Record how the custody ended")

    def get_initial(self, arrest: Arrest) -> dict[str, Any]:
        return {"decided_at": timezone.localtime().replace(second=0, microsecond=0)}

    def perform(self, arrest: Arrest, data: dict[str, Any]) -> None:
        services.record_outcome(
            arrest,
            data["kind"],
            data["decided_at"],
            data["reason"],
            data["reference"],
            acting_user=self.request.user,
        )

    def done_message(self, arrest: Arrest) -> str:
        status = custody_status(arrest)
        return _("%(arrest)s: custody ended (%(state)s).") % {
            "arrest": arrest,
            "state": status.state_label,
        }


class CorrectionView(_CustodyActionView):
    """Correct the time of arrest or of arrival at the unit, with the reason."""

    form_class = CorrectionForm

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("Correct the custody times")

    def get_initial(self, arrest: Arrest) -> dict[str, Any]:
        return {name: _minute(getattr(arrest, name)) for name in ("arrested_at", "arrived_at")}

    def perform(self, arrest: Arrest, data: dict[str, Any]) -> None:
        # The form shows times to the minute: a time left as shown is not a correction.
        changed = {
            name: data[name]
            for name in ("arrested_at", "arrived_at")
            if data.get(name) is not None and data[name] != _minute(getattr(arrest, name))
        }
        services.correct_custody_times(
            arrest, reason=data["reason"], acting_user=self.request.user, **changed
        )

    def done_message(self, arrest: Arrest) -> str:
        return _("Custody times corrected: %(arrest)s now ends by %(deadline)s.") % {
            "arrest": arrest,
            "deadline": local_text(arrest.custody_deadline),
        }


def _minute(moment: Any) -> Any:
    return timezone.localtime(moment).replace(second=0, microsecond=0)


class DueView(LoginRequiredMixin, View):
    """Custodies due within 6 hours or overdue, soonest deadline first, for everyone who may
    follow custody deadlines: officers, investigators and prosecutors see the persons' names,
    commanders and analysts the reference, place, agency and deadline only (roster.py)."""

    template_name = "arrests/due.html"
    per_page = 100

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not roster.may_follow(user):
            raise PermissionDenied
        now = timezone.now()
        paginator = Paginator(roster.needing_attention(user, now), self.per_page)
        page = paginator.get_page(request.GET.get("page"))
        rows = list(page.object_list)
        openable = roster.openable(user, rows)
        names = roster.shows_names(user)
        shown = [row for row in rows if row.pk in openable]
        if names:
            access.log_list_view(Arrest, shown, {"page": "custody due"})
        context = {
            "page_obj": page,
            "rows": [
                {
                    "arrest": row,
                    "status": custody_status(row, now),
                    "open": row.pk in openable,
                    "name": row.person if names and row.pk in openable else None,
                }
                for row in rows
            ],
            "shows_names": names,
            "window_hours": int(DUE_WINDOW.total_seconds() // 3600),
            "time_zone": settings.TIME_ZONE,
            "can_list_arrests": permissions.can(user, Arrest, permissions.VIEW),
        }
        response = render(request, self.template_name, context)
        add_never_cache_headers(response)
        return response
