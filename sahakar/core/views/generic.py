"""Generic views for records: every one of them reads through restrict().

A domain view names its queryset, filterset, table or form; access, history, versioning
and the shared templates come from here.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage
from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import DetailView, View
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from sahakar.audit import access
from sahakar.core import changelog, permissions, postcheck
from sahakar.core.models import ObjectChange, StaleWrite
from sahakar.core.related import Related, link_fields, with_links
from sahakar.core.related import sections as related_sections
from sahakar.core.spreadsheet import safe_cell, table_rows


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """A service's refusal, next to the form field it names (else above the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def url_name(model: type[Model], view: str) -> str:
    return f"{model._meta.app_label}:{model._meta.model_name}_{view}"


class RestrictedMixin(LoginRequiredMixin):
    """Gives the view `queryset` restricted to what the user may do with `action`."""

    queryset: Any = None
    action = permissions.VIEW
    request: HttpRequest

    @property
    def record_model(self) -> Any:
        return self.queryset.model

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: Any = super().dispatch(request, *args, **kwargs)
        if permissions.holds_personal_data(self.record_model):
            add_never_cache_headers(response)
        return response  # type: ignore[no-any-return]  # or a streaming CSV export

    def get_queryset(self) -> QuerySet[Any]:
        queryset: QuerySet[Any] = self.queryset.all().restrict(self.request.user, self.action)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        meta = self.record_model._meta
        user = self.request.user
        context.update(
            model_meta=meta,
            list_url=reverse(url_name(self.record_model, "list")),
            can_add=permissions.can(user, self.record_model, permissions.ADD),
            can_change=permissions.can(user, self.record_model, permissions.CHANGE),
            can_delete=permissions.can(user, self.record_model, permissions.DELETE),
            can_export=permissions.can(user, self.record_model, permissions.EXPORT),
        )
        return context


class ObjectListView(RestrictedMixin, SingleTableMixin, FilterView):  # type: ignore[misc]  # untyped base
    """A filterable, searchable, sortable, paginated list of the records the user sees."""

    template_name = "core/object_list.html"
    per_page = 25  # the table paginates; the view itself does not (one COUNT, not two)
    adds_here = True  # False for records added from another page (an operation's inspections)
    filterset_class: Any

    def get_queryset(self) -> QuerySet[Any]:
        """The records, each flagged with whether the user may open the records its table
        links to (core/related.py), in the same query."""
        return with_links(super().get_queryset(), self.request.user, link_fields(self.table_class))  # type: ignore[no-any-return]

    def get_table(self, **kwargs: Any) -> Any:
        """Sorting from the query string; page and page size checked here, since a bad value
        there would otherwise reach the paginator."""
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        RequestConfig(self.request, paginate=False).configure(table)
        per_page = _positive_int(self.request.GET.get("per_page"), self.per_page, limit=500)
        page = _positive_int(self.request.GET.get("page"), 1)
        try:
            table.paginate(page=page, per_page=per_page)
        except EmptyPage:
            table.paginate(page=table.paginator.num_pages, per_page=per_page)
        shown = [row.record for row in table.page.object_list]
        access.log_list_view(self.record_model, shown, {"query": self.request.GET.urlencode()})
        return table

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.GET.get("export") == "csv":
            return self.export_csv()
        return super().get(request, *args, **kwargs)

    def export_csv(self) -> StreamingHttpResponse:
        """Every record the filters select (not only one page) among those the user may
        export, which can be fewer than they may view; as CSV; the export is audited."""
        if not permissions.can(self.request.user, self.record_model, permissions.EXPORT):
            raise PermissionDenied
        self.action = permissions.EXPORT  # get_queryset() now restricts for export
        filterset = self.get_filterset(self.get_filterset_class())
        records = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        table = self.get_table_class()(data=records)
        RequestConfig(self.request, paginate=False).configure(table)
        access.log_export(
            self.record_model, len(table.rows), {"query": self.request.GET.urlencode()}
        )
        name = self.record_model._meta.verbose_name_plural.replace(" ", "-")
        response = StreamingHttpResponse(
            (_csv_line(row) for row in table_rows(table)), content_type="text/csv; charset=utf-8"
        )
        # A translated (Khmer) name goes in `filename*`, which browsers read (RFC 6266).
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if context["can_add"] and self.adds_here:
            context["add_url"] = reverse(url_name(self.record_model, "add"))
        return context


def _csv_line(values: Any) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(v) for v in values])
    return buffer.getvalue()


def _positive_int(raw: str | None, default: int, limit: int | None = None) -> int:
    value = int(raw) if raw and raw.isascii() and raw.isdigit() else 0  # not "²"
    if value < 1:
        return default
    return min(value, limit) if limit else value


class ObjectDetailView(RestrictedMixin, DetailView[Any]):
    """One record; 404 when it is outside the user's scope. Shows its change history and
    its related sections (`related`, see core/related.py), each restricted to the user."""

    template_name_suffix = ""
    related: tuple[Related, ...] = ()

    def get_object(self, queryset: Any = None) -> Any:
        return access.get_or_404_logged(
            self.get_queryset(), self.request.user, pk=self.kwargs["pk"]
        )

    def get_template_names(self) -> list[str]:
        meta = self.record_model._meta
        return [f"{meta.app_label}/{meta.model_name}.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["changes"] = ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.record_model), object_id=str(obj.pk)
        ).select_related("user")[:20]
        if context["can_change"] and self.may(obj, permissions.CHANGE):
            context["edit_url"] = reverse(url_name(self.record_model, "edit"), args=[obj.pk])
        if context["can_delete"] and self.may(obj, permissions.DELETE):
            context["delete_url"] = reverse(url_name(self.record_model, "delete"), args=[obj.pk])
        context["related_sections"] = related_sections(obj, self.request.user, self.related)
        return context

    def may(self, obj: Any, action: str) -> bool:
        """Whether the user may do `action` on this very record (not just somewhere)."""
        return bool(self.queryset.restrict(self.request.user, action).filter(pk=obj.pk).exists())


class ObjectEditView(RestrictedMixin, View):
    """Create (no pk) or edit (pk) a record with one form; bad input re-renders with errors.

    The save runs in one transaction through `save_form()`, which domain views override
    when a record is saved through its service or together with its parts (a seizure and its
    items). A service's refusal (ValidationError) comes back next to its field (400). A saved
    record the user may no longer add or change there is rolled back and refused (403).
    """

    form_class: type[BaseForm]
    template_name = "core/object_edit.html"
    action = permissions.CHANGE

    def get_object(self, pk: Any) -> Model | None:
        if pk is None:
            if not permissions.can(self.request.user, self.record_model, permissions.ADD):
                raise PermissionDenied
            return None
        found: Model = access.get_or_404_logged(self.get_queryset(), self.request.user, pk=pk)
        return found

    def get_form(self, instance: Model | None, data: Any = None) -> BaseForm:
        return self.form_class(  # type: ignore[call-arg]
            data=data,
            instance=instance,
            user=self.request.user,
            initial=self.get_initial() if instance is None else None,
        )

    def get_initial(self) -> dict[str, Any]:
        """Prefill a new record from the query string (e.g. ?operation=12 from its page)."""
        return {key: value for key, value in self.request.GET.items() if key}

    def get_extra_forms(self, instance: Model | None, data: Any = None) -> dict[str, Any]:
        """Formsets edited on the same page; none by default."""
        return {}

    def get(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        instance = self.get_object(pk)
        return self.render(instance, self.get_form(instance), self.get_extra_forms(instance))

    def post(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        instance = self.get_object(pk)
        form = self.get_form(instance, request.POST)
        extra = self.get_extra_forms(instance, request.POST)
        if form.is_valid() and all(f.is_valid() for f in extra.values()):
            action = permissions.ADD if instance is None else permissions.CHANGE
            try:
                with transaction.atomic(), changelog.grouped():
                    obj = self.save_form(form, extra)
                    postcheck.ensure_in_scope(obj, request.user, action)
            except postcheck.OutOfScope as exc:
                postcheck.log_refusal(exc)
                form.add_error(None, exc.message)
                return self.render(instance, form, extra, status=403)
            except ValidationError as exc:
                add_errors(form, exc)
                return self.render(instance, form, extra, status=400)
            except StaleWrite as exc:
                form.add_error(None, str(exc.args[0]))
                return self.render(instance, form, extra, status=409)
            except ProtectedError:
                form.add_error(
                    None,
                    _("Part of this record is referred to by other records and cannot be removed."),
                )
                return self.render(instance, form, extra, status=409)
            messages.success(request, _("Saved %(record)s.") % {"record": obj})
            return HttpResponseRedirect(obj.get_absolute_url())
        return self.render(instance, form, extra, status=400)

    def save_form(self, form: Any, extra: dict[str, Any]) -> Any:
        obj = form.save()
        return obj

    def render(
        self, instance: Model | None, form: BaseForm, extra: dict[str, Any], status: int = 200
    ) -> HttpResponse:
        # Name the parts that need correcting at the top: on a phone the wrong row may be
        # screens below the summary.
        wrong = [
            getattr(fs, "title", fs.prefix)
            for fs in extra.values()
            if fs.is_bound and fs.total_error_count()
        ]
        if wrong and form.is_bound and not form.errors:
            form.add_error(
                None, _("Please correct: %(parts)s.") % {"parts": ", ".join(map(str, wrong))}
            )
        meta = self.record_model._meta
        context = {
            "object": instance,
            "form": form,
            "extra_forms": extra,
            "formsets": list(extra.values()),
            "formset_errors": any(f.is_bound and f.total_error_count() for f in extra.values()),
            "model_meta": meta,
            "list_url": reverse(url_name(self.record_model, "list")),
            "cancel_url": self._cancel_url(instance),
        }
        return render(self.request, self.template_name, context, status=status)

    def _cancel_url(self, instance: Any) -> str:
        if instance is not None:
            return str(instance.get_absolute_url())
        return reverse(url_name(self.record_model, "list"))


class ObjectDeleteView(RestrictedMixin, View):
    """Confirm, then delete; records that others depend on are kept, with a message."""

    action = permissions.DELETE
    template_name = "core/object_delete.html"

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        obj: Any = access.get_or_404_logged(self.get_queryset(), request.user, pk=pk)
        return render(
            request, self.template_name, {"object": obj, "model_meta": self.record_model._meta}
        )

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        obj: Any = access.get_or_404_logged(self.get_queryset(), request.user, pk=pk)
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError:
            messages.error(
                request,
                _("%(record)s is referred to by other records and was kept.") % {"record": obj},
            )
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _("Deleted %(record)s.") % {"record": obj})
        return HttpResponseRedirect(reverse(url_name(self.record_model, "list")))


def record_urls(
    *,
    list_view: Any,
    detail_view: Any,
    edit_view: Any,
    add_view: Any = None,
    delete_view: Any = ObjectDeleteView,
) -> list[Any]:
    """The five URL patterns every record type has: <model>_list, _add, _detail, _edit, _delete.
    A record added on its own page (not the edit form) names it as `add_view`."""
    from django.urls import path

    model = list_view.queryset.model
    name = model._meta.model_name
    return [
        path("", list_view.as_view(), name=f"{name}_list"),
        path("add/", (add_view or edit_view).as_view(), name=f"{name}_add"),
        path("<int:pk>/", detail_view.as_view(), name=f"{name}_detail"),
        path("<int:pk>/edit/", edit_view.as_view(), name=f"{name}_edit"),
        path(
            "<int:pk>/delete/",
            delete_view.as_view(queryset=model.objects.all()),
            name=f"{name}_delete",
        ),
    ]
