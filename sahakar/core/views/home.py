"""The signed-in user's start page: their jurisdiction's recent work and this month's counts,
and a warning when a custody they may follow is past its legal deadline."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.utils import timezone
from django.views.generic import TemplateView

from sahakar.accounts.models import RoleAssignment
from sahakar.arrests import roster
from sahakar.arrests.models import Arrest
from sahakar.core import permissions
from sahakar.core.users import AnyUser, signed_in
from sahakar.operations.models import Operation
from sahakar.seizures.models import Seizure


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        now = timezone.localtime()
        month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        operations = Operation.objects.restrict(user)
        seizures = Seizure.objects.restrict(user)
        context.update(
            assignments=_assignments(user),
            overdue_custodies=roster.overdue_count(user, timezone.now()),
            month=month_start,
            operations_this_month=operations.filter(planned_start__gte=month_start).count(),
            seizures_this_month=seizures.filter(seized_at__gte=month_start).count(),
            recent_operations=operations.select_related("lead_agency", "org_unit").order_by(
                "-planned_start"
            )[:8],
            recent_seizures=seizures.select_related("seizing_agency", "org_unit").order_by(
                "-seized_at"
            )[:8],
            can_add_operation=permissions.can(user, Operation, permissions.ADD),
            can_add_seizure=permissions.can(user, Seizure, permissions.ADD),
            can_add_arrest=permissions.can(user, Arrest, permissions.ADD),
        )
        return context


def _assignments(user: AnyUser) -> QuerySet[RoleAssignment]:
    """The roles the user holds, and where: what the page is about."""
    return RoleAssignment.objects.filter(user=signed_in(user)).select_related(
        "role", "jurisdiction"
    )
