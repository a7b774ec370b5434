"""Pages for the custodians of a store: who keeps it now, assign one, end an assignment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import View

from sahakar.core import permissions
from sahakar.core.ids import given_id
from sahakar.core.views.actions import ObjectActionView
from sahakar.core.views.generic import add_errors
from sahakar.evidence import custodians
from sahakar.evidence.models import EvidenceStore, StoreCustodian
from sahakar.evidence.web.inventory_forms import ConfirmForm, CustodianAssignForm


def page_url(name: str, *args: Any) -> str | None:
    """A page's address, or None while that part of the evidence room has no such page."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def assign_url(store: EvidenceStore) -> str:
    return f"{reverse('evidence:custodian_assign')}?{urlencode({'store': store.pk})}"


def stores_assigned_by(user: Any) -> QuerySet[EvidenceStore]:
    """The stores, among those the user sees, whose custodians the user may change."""
    seen = EvidenceStore.objects.restrict(user).select_related("org_unit").order_by("code")
    return seen.filter(pk__in=[s.pk for s in seen if custodians.may_assign(user, s)])


def store_context(store: EvidenceStore | None) -> dict[str, Any]:
    """The store's current custodians and whether they may change now."""
    if store is None:
        return {}
    start = reverse("evidence:inventory_start")
    return {
        "store": store,
        "store_url": page_url("evidence:store_detail", store.pk),
        "current": StoreCustodian.objects.filter(store=store, ended_at__isnull=True)
        .select_related("user")
        .order_by("assigned_at"),
        "holds_exhibits": custodians.holds_exhibits(store),
        "recent_inventory": custodians.recent_full_inventory(store),
        "change_allowed": custodians.change_allowed(store),
        "valid_hours": int(custodians.INVENTORY_VALID_FOR.total_seconds() // 3600),
        "start_url": f"{start}?{urlencode({'store': store.pk})}",
    }


class CustodianAssignView(LoginRequiredMixin, View):
    """Assign a custodian to a store (?store=<pk> from the store's page)."""

    template_name = "evidence/custodian_assign.html"
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can(
            request.user, StoreCustodian, permissions.CHANGE
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        stores = stores_assigned_by(request.user)
        chosen = given_id(request.GET.get("store", ""))
        store = stores.filter(pk=chosen).first() if chosen is not None else None
        form = CustodianAssignForm(stores=stores, initial={"store": store} if store else {})
        return self.render(form, store)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CustodianAssignForm(request.POST, stores=stores_assigned_by(request.user))
        if not form.is_valid():
            return self.render(form, None, status=400)
        store = form.cleaned_data["store"]
        name = form.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name).first()
        try:
            if user is None:
                unknown = _("No user is called “%(name)s”.") % {"name": name}
                raise ValidationError({"username": unknown})
            custodians.assign_custodian(store, user, acting_user=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "user" in exc.error_dict:
                exc.error_dict["username"] = exc.error_dict.pop("user")
            add_errors(form, exc)
            return self.render(form, store, status=400)
        messages.success(
            request,
            _("%(user)s is now a custodian of %(store)s.")
            % {"user": user.get_username(), "store": store},
        )
        return HttpResponseRedirect(assign_url(store))

    def render(self, form: Any, store: EvidenceStore | None, status: int = 200) -> HttpResponse:
        context = {"form": form, **store_context(store)}
        return render(self.request, self.template_name, context, status=status)


class CustodianEndView(ObjectActionView):
    """End an assignment; the record stays."""

    queryset = StoreCustodian.objects.select_related("store__org_unit", "user")
    form_class = ConfirmForm
    template_name = "evidence/custodian_end.html"

    def perform(self, target: StoreCustodian, data: dict[str, Any]) -> Any:
        return custodians.end_custodian(target, acting_user=self.request.user)

    def done_message(self, target: StoreCustodian) -> str:
        return _("%(user)s is no longer a custodian of %(store)s.") % {
            "user": target.user.get_username(),
            "store": target.store,
        }

    def success_url(self, target: StoreCustodian) -> str:
        return assign_url(target.store)

    def action_context(self, target: StoreCustodian, form: Any) -> dict[str, Any]:
        return {"object": target, "form": form, **store_context(target.store)}


urlpatterns: list[URLPattern] = [
    path("custodians/assign/", CustodianAssignView.as_view(), name="custodian_assign"),
    path("custodians/<int:pk>/end/", CustodianEndView.as_view(), name="custodian_end"),
]
