"""Disposal follows the verdict: which exhibits may be destroyed without a special order.

An exhibit is eligible when its seizure is linked to at least one arrest (directly, or
through a case file holding the seizure) and every such arrest has reached a final outcome:
as a defendant, convicted, acquitted or dismissed; not a defendant anywhere, released or sent
to treatment. A seizure with no suspect waits for a prosecutor's order (pre-verdict path).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from sahakar.arrests.choices import CustodyOutcomeKind
from sahakar.arrests.models import Arrest
from sahakar.cases.choices import Outcome
from sahakar.cases.models import Defendant
from sahakar.evidence.choices import CLOSED_STATUSES
from sahakar.evidence.models import Exhibit

FINAL_OUTCOMES = frozenset({Outcome.CONVICTED, Outcome.ACQUITTED, Outcome.DISMISSED})
FINAL_CUSTODY = frozenset({CustodyOutcomeKind.RELEASED, CustodyOutcomeKind.TREATMENT})


def linked_arrests(seizure_ref: Any) -> QuerySet[Arrest]:
    """Arrests linked to a seizure (an id or an OuterRef to one)."""
    return Arrest._base_manager.filter(
        Q(seizures=seizure_ref) | Q(case_defendants__case__seizures=seizure_ref)
    )


def _final_arrest_q() -> Q:
    final_defendant = Defendant._base_manager.filter(
        arrest=OuterRef("pk"), outcome__in=FINAL_OUTCOMES
    )
    open_defendant = Defendant._base_manager.filter(arrest=OuterRef("pk")).exclude(
        outcome__in=FINAL_OUTCOMES
    )
    any_defendant = Defendant._base_manager.filter(arrest=OuterRef("pk"))
    return (Exists(final_defendant) & ~Exists(open_defendant)) | (
        ~Exists(any_defendant) & Q(outcome__kind__in=FINAL_CUSTODY)
    )


def eligible(exhibits: QuerySet[Exhibit]) -> QuerySet[Exhibit]:
    """The exhibits, still in the chain, whose every linked arrest is final."""
    arrests = linked_arrests(OuterRef("seizure_id"))
    open_arrests = arrests.exclude(_final_arrest_q())
    return (
        exhibits.exclude(status__in=CLOSED_STATUSES)
        .filter(is_drug=True)
        .filter(Exists(arrests))
        .exclude(Exists(open_arrests))
    )


def awaiting_approval(exhibits: QuerySet[Exhibit]) -> QuerySet[Exhibit]:
    """Eligible exhibits with no disposal approval yet, oldest seizure first."""
    return (
        eligible(exhibits)
        .filter(disposal_approval__isnull=True)
        .order_by("seizure__seized_at", "pk")
    )


def is_eligible(exhibit: Exhibit) -> bool:
    return eligible(Exhibit._base_manager.filter(pk=exhibit.pk)).exists()


def open_arrests(seizure_id: int) -> QuerySet[Arrest]:
    """The arrests linked to a seizure that have no final outcome yet (what disposal waits
    for), oldest first."""
    return (
        linked_arrests(seizure_id)
        .exclude(_final_arrest_q())
        .distinct()
        .order_by("arrested_at", "pk")
    )


def approved_not_destroyed(exhibits: QuerySet[Exhibit]) -> QuerySet[Exhibit]:
    """Exhibits whose disposal is approved and that are still in the chain, oldest order
    first: what the destruction committee has yet to destroy."""
    return (
        exhibits.exclude(status__in=CLOSED_STATUSES)
        .filter(disposal_approval__isnull=False)
        .order_by("disposal_approval__ordered_on", "pk")
    )
