from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from sahakar.arrests.related import arrests
from sahakar.audit import access
from sahakar.audit.log import history_of
from sahakar.audit.models import AuditEntry
from sahakar.cases.related import case_files
from sahakar.core import permissions
from sahakar.core.models import StaleWrite
from sahakar.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    RestrictedMixin,
)
from sahakar.persons import services
from sahakar.persons.duplicates import find_candidates
from sahakar.persons.filtersets import PersonFilterSet
from sahakar.persons.forms import CandidateSearchForm, MergeForm, PersonForm
from sahakar.persons.models import Person
from sahakar.persons.queries import everything_held_about, linked_counts
from sahakar.persons.tables import PersonTable
from sahakar.seizures.related import seizures


class PersonListView(ObjectListView):
    queryset = Person.objects.select_related("org_unit")
    filterset_class = PersonFilterSet
    table_class = PersonTable
    template_name = "persons/person_list.html"


class PersonDetailView(ObjectDetailView):
    """The person, and their arrests, the case files they are a defendant in and the
    seizures linked to their arrests, each as far as the user may see them."""

    queryset = Person.objects.select_related("org_unit")
    related = (
        arrests("person", list_filter="person", exclude=("person",)),
        case_files("defendants__arrest__person", list_filter="person"),
        seizures("arrests__person", list_filter="person"),
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        person = self.object
        if permissions.can(user, AuditEntry, permissions.VIEW):
            context["access_log"] = history_of(person)[:100]
        context["can_export_all"] = permissions.is_administrator(user) and self.may(
            person, permissions.EXPORT
        )
        visible = Person.objects.restrict(user)
        context["merged_from"] = list(visible.filter(merged_into=person).order_by("pk")[:50])
        if person.merged_into_id is not None:
            context.pop("edit_url", None)  # a merged record is changed through the kept one
            context["merged_into"] = visible.filter(pk=person.merged_into_id).first()
        elif "edit_url" in context:  # the user may change this person
            context["can_merge"] = True
        return context


class PersonEditView(ObjectEditView):
    queryset = Person.objects.all()
    form_class = PersonForm


class PersonExportView(RestrictedMixin, View):
    """Everything Sahakar holds about one person, for an administrator (a subject access
    request, or a court's order); the export itself is audited."""

    queryset = Person.objects.select_related("org_unit")
    action = permissions.EXPORT

    def get(self, request: HttpRequest, pk: int) -> JsonResponse:
        if not permissions.is_administrator(request.user):
            raise PermissionDenied
        person = access.get_or_404_logged(self.get_queryset(), request.user, pk=pk)
        data = everything_held_about(person, request.user)
        access.log_export(Person, 1, {"person": person.pk, "sections": sorted(data)})
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        return response


class PersonDuplicatesView(RestrictedMixin, View):
    """Likely duplicates of a person about to be recorded: search before creating one.

    GET ?name_latin=…&name_km=…&birth_year=…&document_number=…; the persons shown are
    logged as viewed, like any list of persons.
    """

    queryset = Person.objects.all()
    template_name = "persons/duplicates.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not permissions.can(request.user, Person, permissions.VIEW):
            raise PermissionDenied
        form = CandidateSearchForm(request.GET or None)
        candidates = None
        status = 200
        if form.is_bound:
            if form.is_valid():
                candidates = find_candidates(request.user, **form.cleaned_data)
                _log_shown(candidates, request, "likely duplicates")
            else:
                status = 400
        context = {
            "form": form,
            "candidates": candidates,
            "can_add": permissions.can(request.user, Person, permissions.ADD),
        }
        return render(request, self.template_name, context, status=status)


class PersonMergeView(RestrictedMixin, View):
    """Merge this person into another: choose the other (likely duplicates first), compare
    both side by side, confirm. Both must be persons the user may change."""

    queryset = Person.objects.select_related("org_unit")
    action = permissions.CHANGE
    choose_template = "persons/person_merge_choose.html"
    confirm_template = "persons/person_merge_confirm.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = access.get_or_404_logged(self.get_queryset(), request.user, pk=pk)
        if "into" not in request.GET:
            return self.choose(person)
        other = access.get_or_404_logged(self.get_queryset(), request.user, pk=request.GET["into"])
        form = MergeForm(
            initial={"into": other.pk, "version": person.version, "into_version": other.version}
        )
        return self.confirm(person, other, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = access.get_or_404_logged(self.get_queryset(), request.user, pk=pk)
        form = MergeForm(request.POST)
        if not form.is_valid():
            return self.choose(person, status=400)
        data = form.cleaned_data
        other = access.get_or_404_logged(self.get_queryset(), request.user, pk=data["into"])
        try:
            kept = services.merge_persons(
                other,
                person,
                acting_user=request.user,
                keep_version=data["into_version"],
                remove_version=data["version"],
            )
        except services.MergeRefused as exc:
            form.add_error(None, exc.messages)
            return self.confirm(person, other, form, status=400)
        except StaleWrite as exc:
            form.add_error(None, str(exc.args[0]))
            return self.confirm(person, other, form, status=409)
        messages.success(
            request,
            _("%(removed)s was merged into %(kept)s.") % {"removed": person, "kept": kept},
        )
        return HttpResponseRedirect(kept.get_absolute_url())

    def choose(self, person: Person, status: int = 200) -> HttpResponse:
        has_query = any(
            self.request.GET.get(f)
            for f in ("name_latin", "name_km", "birth_year", "document_number")
        )
        form = CandidateSearchForm(
            self.request.GET if has_query else None,
            initial={
                "name_latin": person.name_latin,
                "name_km": person.name_km,
                "birth_year": person.year_of_birth,
                "document_number": person.document_number,
            },
        )
        query = form.cleaned_data if has_query and form.is_valid() else form.initial
        candidates = []
        if not has_query or form.is_valid():
            candidates = find_candidates(
                self.request.user, action=permissions.CHANGE, exclude=person, **query
            )
            _log_shown(candidates, self.request, "merge candidates")
        context = {"object": person, "form": form, "candidates": candidates}
        return render(self.request, self.choose_template, context, status=status)

    def confirm(
        self, person: Person, other: Person, form: MergeForm, status: int = 200
    ) -> HttpResponse:
        context = {
            "object": person,
            "other": other,
            "form": form,
            "rows": comparison(person, other, self.request.user),
            "refusal": _refusal(person, other),
        }
        return render(self.request, self.confirm_template, context, status=status)


def _refusal(person: Person, other: Person) -> str:
    """Why this merge cannot be made, said before the user confirms; empty if it can."""
    if person.pk == other.pk:
        return _("A person cannot be merged into themselves.")
    for record in (person, other):
        if record.merged_into_id is not None:
            return _("%(person)s was already merged into person #%(pk)s.") % {
                "person": record,
                "pk": record.merged_into_id,
            }
    return ""


def comparison(person: Person, other: Person, user: Any) -> list[dict[str, Any]]:
    """Rows of the side-by-side view: what each record holds, and whether they differ."""

    def born(p: Person) -> str:
        return p.date_of_birth.isoformat() if p.date_of_birth else str(p.birth_year or "")

    def document(p: Person) -> str:
        return f"{p.get_document_type_display()} {p.document_number}".strip()

    values = [
        (_("Name (Khmer script)"), lambda p: p.name_km),
        (_("Name (Latin letters)"), lambda p: p.name_latin),
        (_("Alias"), lambda p: p.alias),
        (_("Sex"), lambda p: str(p.get_sex_display())),
        (_("Born"), born),
        (_("Nationality"), lambda p: str(p.nationality.name) if p.nationality else ""),
        (_("Identity document"), document),
        (_("Recorded in"), lambda p: str(p.org_unit)),
        (_("Notes"), lambda p: p.notes),
        (_("Version"), lambda p: str(p.version)),
    ]
    rows = [
        {"label": label, "removed": read(person), "kept": read(other)} for label, read in values
    ]
    removed_links, kept_links = linked_counts(person, user), linked_counts(other, user)
    for label in dict.fromkeys([*removed_links, *kept_links]):
        rows.append(
            {
                "label": label,
                "removed": str(removed_links.get(label, 0)),
                "kept": str(kept_links.get(label, 0)),
            }
        )
    for row in rows:
        row["differs"] = row["removed"] != row["kept"]
    return rows


def _log_shown(candidates: list[tuple[Person, float]], request: HttpRequest, purpose: str) -> None:
    access.log_list_view(
        Person,
        [person for person, _ in candidates],
        {"query": request.GET.urlencode(), "purpose": purpose},
    )
