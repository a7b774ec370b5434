"""One action on one record: a form (GET) and one service call (POST).

The record is found through restrict(user, "change"), so one out of scope answers 404
(audited). The service call runs in one transaction with the post-write scope check: a write
that would carry the record out of the user's scope is rolled back and refused (403). A
service's refusal (ValidationError) comes back next to the field it names, else above the
form (400); a stale version answers 409. An app's action declares its form, template and
`perform()`; nothing else.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy
from django.views.generic import View

from sahakar.audit import access
from sahakar.core import permissions, postcheck
from sahakar.core.models import StaleWrite
from sahakar.core.views.generic import RestrictedMixin, add_errors
from sahakar.core.writes import expect_version

__all__ = ["ObjectActionView", "add_errors"]


class ObjectActionView(RestrictedMixin, View):
    """Subclasses name `queryset`, `form_class`, `template_name` and implement `perform()`.

    `version_field` names the cleaned field holding the version the page was read at; it is
    applied to the checked record (`record_of()`) so a stale page answers 409.
    """

    action = permissions.CHANGE
    form_class: Any
    template_name: str
    version_field: str | None = None
    # False where the service itself decides who may act, and acting may rightly carry the
    # record out of the user's sight (a custodian handing an exhibit to another store).
    checks_scope_after = True
    never_cache = False
    done: Any = gettext_lazy("Saved.")

    def get_target(self, pk: int) -> Any:
        return access.get_or_404_logged(self.get_queryset(), self.request.user, pk=pk)

    def record_of(self, target: Any) -> Any:
        """The record whose scope and version the action checks (the target by default)."""
        return target

    def form_kwargs(self, target: Any) -> dict[str, Any]:
        return {}

    def get_initial(self, target: Any) -> dict[str, Any]:
        return {}

    def get_form(self, target: Any, data: Any = None) -> BaseForm:
        kwargs = self.form_kwargs(target)
        if data is not None:
            form: BaseForm = self.form_class(data=data, **kwargs)
            return form
        initial = self.get_initial(target)
        if initial:
            kwargs["initial"] = initial
        form = self.form_class(**kwargs)
        return form

    def perform(self, target: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def done_message(self, target: Any) -> str:
        return str(self.done)

    def success_url(self, target: Any) -> str:
        return str(self.record_of(target).get_absolute_url())

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = self.get_target(pk)
        return self.render(target, self.get_form(target))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = self.get_target(pk)
        form = self.get_form(target, request.POST)
        if not form.is_valid():
            return self.refused(target, form, status=400)
        record = self.record_of(target)
        if self.version_field is not None:
            expect_version(record, form.cleaned_data.get(self.version_field))
        try:
            with transaction.atomic():
                self.perform(target, form.cleaned_data)
                if self.checks_scope_after:
                    postcheck.ensure_in_scope(record, request.user, self.action)
        except postcheck.OutOfScope as exc:
            postcheck.log_refusal(exc)
            form.add_error(None, exc.message)
            return self.refused(target, form, status=403)
        except ValidationError as exc:
            add_errors(form, exc)
            return self.refused(target, form, status=400)
        except StaleWrite as exc:
            form.add_error(None, str(exc.args[0]))
            return self.refused(target, form, status=409)
        messages.success(request, self.done_message(target))
        return HttpResponseRedirect(self.success_url(target))

    def refused(self, target: Any, form: BaseForm, status: int) -> HttpResponse:
        """The answer to a refused action: the form again, with the reasons."""
        return self.render(target, form, status=status)

    def action_context(self, target: Any, form: BaseForm) -> dict[str, Any]:
        return {"object": target, "form": form}

    def render(self, target: Any, form: BaseForm, status: int = 200) -> HttpResponse:
        context = self.action_context(target, form)
        response = render(self.request, self.template_name, context, status=status)
        if self.never_cache:
            add_never_cache_headers(response)
        return response
