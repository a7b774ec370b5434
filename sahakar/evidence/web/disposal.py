"""Pages of the evidence room: disposal.

The prosecutor's queue lists the exhibits eligible for disposal and not yet approved, oldest
seizure first, with their count and the age of the oldest, so a backlog cannot grow unseen;
each is approved from its own form, after the verdict or before it by order. The approved
exhibits not yet destroyed are listed for the custodians who bring them to the site.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from sahakar.audit import access
from sahakar.core import permissions
from sahakar.core.users import AnyUser
from sahakar.core.views.actions import ObjectActionView
from sahakar.evidence import eligibility
from sahakar.evidence.choices import DisposalBasis, EventKind, OrderAuthority
from sahakar.evidence.disposal import WEIGHINGS, approve_disposal, may_approve
from sahakar.evidence.models import DisposalApproval, Exhibit

PER_PAGE = 50


def _visible_exhibits(user: AnyUser | None) -> QuerySet[Exhibit]:
    return Exhibit.objects.restrict(user).select_related(
        "seizure", "substance", "store", "pending_store"
    )


def _page(request: HttpRequest, records: QuerySet[Exhibit], page: str) -> Any:
    shown = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    access.log_list_view(Exhibit, list(shown.object_list), {"page": page})
    return shown


class DisposalQueueView(LoginRequiredMixin, View):
    """Exhibits eligible for disposal and waiting for a prosecutor's approval."""

    template_name = "evidence/disposal_queue.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not permissions.can(user, DisposalApproval, permissions.VIEW):
            raise PermissionDenied
        exhibits = _visible_exhibits(user)
        waiting = eligibility.awaiting_approval(exhibits)
        oldest = waiting.first()
        age = (timezone.now() - oldest.seizure.seized_at).days if oldest is not None else None
        context = {
            "page_obj": _page(request, waiting, "disposal queue"),
            "waiting_count": waiting.count(),
            "oldest": oldest,
            "oldest_days": age,
            "approved_count": eligibility.approved_not_destroyed(exhibits).count(),
            "can_approve": permissions.can(user, DisposalApproval, permissions.ADD),
            "now": timezone.now(),
        }
        response = render(request, self.template_name, context)
        add_never_cache_headers(response)
        return response


class ApprovedListView(LoginRequiredMixin, View):
    """Exhibits approved for disposal and not yet destroyed, oldest order first."""

    template_name = "evidence/disposal_approved.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not permissions.can(user, Exhibit, permissions.VIEW):
            raise PermissionDenied
        approved = eligibility.approved_not_destroyed(_visible_exhibits(user)).select_related(
            "disposal_approval"
        )
        context = {
            "page_obj": _page(request, approved, "approved for disposal"),
            "approved_count": approved.count(),
            "shows_queue": permissions.can(user, DisposalApproval, permissions.VIEW),
        }
        response = render(request, self.template_name, context)
        add_never_cache_headers(response)
        return response


class ApprovalForm(forms.Form):
    basis = forms.ChoiceField(
        label=gettext_lazy("Basis"),
        choices=DisposalBasis.choices,
        widget=forms.RadioSelect,
        initial=DisposalBasis.VERDICT,
    )
    authority = forms.ChoiceField(
        label=gettext_lazy("Ordered by"),
        choices=OrderAuthority.choices,
        initial=OrderAuthority.PROSECUTOR,
    )
    order_reference = forms.CharField(label=gettext_lazy("Order reference"), max_length=200)
    ordered_on = forms.DateField(
        label=gettext_lazy("Order date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ApproveDisposalView(ObjectActionView):
    """Approve one exhibit's disposal. Prosecutors see the exhibits of their jurisdiction
    without holding them, so the exhibit is found with view rights; whether the user may
    approve is the service's rule (may_approve)."""

    queryset = Exhibit.objects.select_related("seizure__org_unit", "substance", "store")
    action = permissions.VIEW
    form_class = ApprovalForm
    template_name = "evidence/disposal_approve.html"
    never_cache = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not permissions.can(
            request.user, DisposalApproval, permissions.ADD
        ):
            raise PermissionDenied
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get_initial(self, target: Any) -> dict[str, Any]:
        basis = (
            DisposalBasis.VERDICT
            if eligibility.is_eligible(target)
            else DisposalBasis.PRE_VERDICT_ORDER
        )
        return {"basis": basis, "ordered_on": timezone.localdate()}

    def perform(self, target: Any, data: dict[str, Any]) -> None:
        approve_disposal(
            target,
            basis=data["basis"],
            authority=data["authority"],
            order_reference=data["order_reference"],
            ordered_on=data["ordered_on"],
            note=data["note"],
            acting_user=self.request.user,
        )

    def done_message(self, target: Any) -> str:
        return _("Disposal of %(exhibit)s approved.") % {"exhibit": target}

    def success_url(self, target: Any) -> str:
        return reverse("evidence:disposal_queue")

    def action_context(self, target: Any, form: BaseForm) -> dict[str, Any]:
        events = target.events.all()
        approval = DisposalApproval.objects.filter(exhibit=target).first()
        return {
            "object": target,
            "form": form,
            "approval": approval,
            "eligible": eligibility.is_eligible(target),
            "open_arrests": list(eligibility.open_arrests(target.seizure_id)),
            "sampled": events.filter(kind=EventKind.LAB_RESULT, sample_retained=True).exists(),
            "weighed": events.filter(kind__in=WEIGHINGS, net_quantity__isnull=False).exists(),
            "may_approve": may_approve(self.request.user, target),
            "time_zone": settings.TIME_ZONE,
        }


urlpatterns: list[URLPattern] = [
    path("disposal/", DisposalQueueView.as_view(), name="disposal_queue"),
    path("disposal/approved/", ApprovedListView.as_view(), name="disposal_approved"),
    path(
        "exhibits/<int:pk>/approve-disposal/",
        ApproveDisposalView.as_view(),
        name="exhibit_approve_disposal",
    ),
]
