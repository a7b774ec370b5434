"""Approving an exhibit's disposal: after the verdict, or before it by a written order.

After the verdict (basis "verdict") the exhibit must be eligible (eligibility.py): every
arrest linked to its seizure has a final outcome. Before the verdict (basis
"pre_verdict_order"), as Cambodian practice allows for drugs, a prosecutor's or court's order
is needed, and the drugs must have been weighed and sampled: a laboratory result that kept a
sample, and a weighing after intake. Only a user who may add disposal approvals in the
exhibit's jurisdiction (prosecutors) approves; the approval is not the holder's act, so it
does not need the exhibit in the approver's store. One approval per exhibit.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahakar.core import permissions
from sahakar.core.users import AnyUser
from sahakar.evidence import eligibility
from sahakar.evidence.choices import CLOSED_STATUSES, DisposalBasis, EventKind, OrderAuthority
from sahakar.evidence.models import DisposalApproval, Exhibit
from sahakar.evidence.services import _actor, _append, _locked

# Events that weigh an exhibit again after its intake, as destruction before the verdict needs.
WEIGHINGS = (EventKind.WEIGHED, EventKind.LAB_RESULT, EventKind.RESEALED)


def may_approve(user: AnyUser | None, exhibit: Exhibit) -> bool:
    """Whether the user may add a disposal approval where the exhibit was seized."""
    if not permissions.can(user, DisposalApproval, permissions.ADD):
        return False
    paths = permissions.jurisdiction_paths(user, DisposalApproval, permissions.ADD)
    if paths is None:
        return True
    where = exhibit.seizure.org_unit.path
    return any(where.startswith(path) for path in paths)


def approve_disposal(
    exhibit: Exhibit,
    *,
    basis: str,
    authority: str,
    order_reference: str,
    ordered_on: date | None,
    note: str = "",
    occurred_at: datetime | None = None,
    acting_user: AnyUser | None,
) -> DisposalApproval:
    """Record the order allowing the exhibit's destruction, with its custody event (at
    `occurred_at` when the approval is entered after the fact; now by default)."""
    with transaction.atomic():
        exhibit = _locked(exhibit)
        if not may_approve(acting_user, exhibit):
            raise ValidationError(
                {
                    "exhibit": _(
                        "Only a prosecutor of the jurisdiction where %(exhibit)s was seized "
                        "can approve its disposal."
                    )
                    % {"exhibit": exhibit}
                }
            )
        _check_open(exhibit)
        _check_order(basis, authority, order_reference, ordered_on)
        if basis == DisposalBasis.VERDICT:
            _check_verdict(exhibit)
        else:
            _check_weighed_and_sampled(exhibit)
        assert ordered_on is not None  # _check_order refused it otherwise
        now = timezone.now()
        event = _append(
            exhibit,
            EventKind.DISPOSAL_APPROVED,
            acting_user=acting_user,
            occurred_at=occurred_at or max(now, exhibit.last_event_at or now),
            order_reference=order_reference.strip(),
            reason=note.strip(),
        )
        approval = DisposalApproval(
            exhibit=exhibit,
            basis=basis,
            authority=authority,
            order_reference=order_reference.strip(),
            ordered_on=ordered_on,
            approved_by=_actor(acting_user),
            approved_at=event.occurred_at,
            event=event,
            note=note.strip(),
        )
        approval.save()
        return approval


def _check_open(exhibit: Exhibit) -> None:
    if exhibit.status in CLOSED_STATUSES:
        raise ValidationError(
            {
                "exhibit": _("%(exhibit)s is %(status)s: there is nothing left to dispose of.")
                % {"exhibit": exhibit, "status": exhibit.get_status_display()}
            }
        )
    if not exhibit.is_drug:
        raise ValidationError(
            {
                "exhibit": _(
                    "%(exhibit)s is not drugs: property is released to its owner or kept, "
                    "not destroyed."
                )
                % {"exhibit": exhibit}
            }
        )
    existing = DisposalApproval.objects.filter(exhibit=exhibit).first()
    if existing is not None:
        raise ValidationError(
            {
                "exhibit": _("The disposal of %(exhibit)s is already approved (order %(order)s).")
                % {"exhibit": exhibit, "order": existing.order_reference}
            }
        )


def _check_order(basis: str, authority: str, order_reference: str, ordered_on: date | None) -> None:
    errors: dict[str, str] = {}
    if basis not in DisposalBasis.values:
        errors["basis"] = _("Choose whether the disposal follows the verdict or an order.")
    if authority not in OrderAuthority.values:
        errors["authority"] = _("Say whether the prosecutor or the court gave the order.")
    if not order_reference.strip():
        errors["order_reference"] = _("Give the reference of the order.")
    if ordered_on is None:
        errors["ordered_on"] = _("Give the date of the order.")
    elif ordered_on > timezone.localdate():
        errors["ordered_on"] = _("The order date is in the future.")
    if errors:
        raise ValidationError(errors)


def _check_verdict(exhibit: Exhibit) -> None:
    if eligibility.is_eligible(exhibit):
        return
    waiting = list(eligibility.open_arrests(exhibit.seizure_id).values_list("reference", flat=True))
    if not waiting:
        raise ValidationError(
            {
                "basis": _(
                    "No arrest is linked to seizure %(seizure)s, so there is no verdict to "
                    "follow: destroying it needs an order before the verdict."
                )
                % {"seizure": exhibit.seizure}
            }
        )
    raise ValidationError(
        {
            "basis": _(
                "%(exhibit)s is not eligible yet: %(arrests)s has no final outcome. "
                "Approve it before the verdict only with an order, after weighing and sampling."
            )
            % {"exhibit": exhibit, "arrests": ", ".join(waiting)}
        }
    )


def _check_weighed_and_sampled(exhibit: Exhibit) -> None:
    events = exhibit.events.all()
    if not events.filter(kind=EventKind.LAB_RESULT, sample_retained=True).exists():
        raise ValidationError(
            {
                "basis": _(
                    "%(exhibit)s has no laboratory result with a retained sample: drugs are "
                    "destroyed before the verdict only after a sample is kept."
                )
                % {"exhibit": exhibit}
            }
        )
    if not events.filter(kind__in=WEIGHINGS, net_quantity__isnull=False).exists():
        raise ValidationError(
            {
                "basis": _(
                    "%(exhibit)s was not weighed after its intake: weigh it before it is "
                    "destroyed before the verdict."
                )
                % {"exhibit": exhibit}
            }
        )
