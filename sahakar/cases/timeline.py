"""The whole story of a case in time order: operations, seizures, arrests, corrections of
custody times, custody outcomes (those the referral recorded say so), stage changes (with the
referral), hearings and judgments, merged into one list.

A fixed number of queries whatever the size of the case. Linked records the user may not see
(a seizure in another province) are left out; defendants are part of the case and always
shown, their arrest linked only when the user may open it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Model, Prefetch
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahakar.arrests.models import Arrest, CustodyCorrection
from sahakar.cases.choices import Outcome
from sahakar.cases.clocks import start_of_day
from sahakar.cases.models import CaseFile, Defendant, Hearing, StageChange
from sahakar.core.related import openable_pks
from sahakar.operations.models import Operation
from sahakar.seizures.models import Seizure, SeizureItem

KIND_LABELS = {
    "operation": gettext_lazy("operation"),
    "seizure": gettext_lazy("seizure"),
    "arrest": gettext_lazy("arrest"),
    "custody": gettext_lazy("custody"),
    "opened": gettext_lazy("case file"),
    "stage": gettext_lazy("stage"),
    "hearing": gettext_lazy("hearing"),
    "judgment": gettext_lazy("judgment"),
}

# Among events at the same moment, the order in which they happened in practice.
_ORDER = ["operation", "seizure", "arrest", "custody", "opened", "stage", "hearing", "judgment"]


@dataclass(frozen=True)
class Entry:
    when: datetime
    date_only: bool
    kind: str
    title: str
    detail: str = ""
    url: str = ""
    by: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return self.when, _ORDER.index(self.kind)


def url_of(obj: Model) -> str:
    """The record's page, or "" while that page does not exist yet."""
    try:
        return str(obj.get_absolute_url())  # type: ignore[attr-defined]
    except NoReverseMatch:
        return ""


def _day(value: date) -> datetime:
    return start_of_day(value)


def case_timeline(
    case: CaseFile, user: Any, defendants: Iterable[Defendant] | None = None
) -> list[Entry]:
    """Every event of the case the user may see, oldest first."""
    if defendants is None:
        defendants = case_defendants(case)
    defendants = list(defendants)
    seizures = list(visible_seizures(case, user).select_related("operation"))
    arrest_ids = [d.arrest_id for d in defendants]
    visible_arrests = openable_pks(user, Arrest, arrest_ids)  # core/related.py decides
    operation_ids = {d.arrest.operation_id for d in defendants} | {s.operation_id for s in seizures}
    operations = Operation.objects.restrict(user).filter(pk__in=operation_ids - {None})
    changes = case.stage_changes.select_related("by", "referral__prosecution_office")
    entries: list[Entry] = [
        Entry(
            case.created,
            False,
            "opened",
            _("Case file opened"),
            case.display_title,
            by=_name(case.created_by),
        )
    ]
    entries += [_operation(op) for op in operations]
    entries += [_seizure(s) for s in seizures]
    for defendant in defendants:
        entries += _defendant(defendant, defendant.arrest_id in visible_arrests)
    entries += [_stage(change) for change in changes]
    entries += [_hearing(h) for h in case.hearings.all()]
    return sorted(entries, key=lambda e: e.sort_key)


def case_defendants(case: CaseFile) -> Any:
    corrections = Prefetch(
        "arrest__corrections", queryset=CustodyCorrection.objects.select_related("corrected_by")
    )
    return case.defendants.select_related(
        "arrest__person", "arrest__outcome__referral__case", "arrest__arresting_agency"
    ).prefetch_related(corrections)


def visible_seizures(case: CaseFile, user: Any) -> Any:
    """The case's seizures the user may see, with their items and substances."""
    items = Prefetch("items", queryset=SeizureItem.objects.select_related("substance"))
    return (
        Seizure.objects.restrict(user)
        .filter(case_files=case)
        .select_related("org_unit", "seizing_agency")
        .prefetch_related(items)
        .order_by("seized_at", "pk")
    )


def _name(user: Any) -> str:
    return user.get_username() if user is not None else ""


def _operation(operation: Operation) -> Entry:
    started = operation.actual_start or operation.planned_start
    return Entry(
        started,
        False,
        "operation",
        _("Operation %(operation)s") % {"operation": operation},
        operation.get_kind_display(),
        url_of(operation),
    )


def _seizure(seizure: Seizure) -> Entry:
    return Entry(
        seizure.seized_at,
        False,
        "seizure",
        _("Seizure %(reference)s") % {"reference": seizure.reference},
        seizure.items_summary(),
        url_of(seizure),
    )


def _defendant(defendant: Defendant, arrest_visible: bool) -> list[Entry]:
    arrest = defendant.arrest
    person = str(arrest.person)
    entries = [
        Entry(
            arrest.arrested_at,
            False,
            "arrest",
            _("Arrest %(reference)s: %(person)s")
            % {"reference": arrest.reference, "person": person},
            str(arrest.arresting_agency),
            url_of(arrest) if arrest_visible else "",
        )
    ]
    entries += [
        Entry(
            correction.created,
            False,
            "custody",
            _("Custody times corrected for %(person)s: %(correction)s")
            % {"person": person, "correction": correction},
            correction.reason,
            by=_name(correction.corrected_by),
        )
        for correction in arrest.corrections.all()
    ]
    outcome = getattr(arrest, "outcome", None)
    if outcome is not None:
        detail = outcome.reference
        if outcome.referral is not None:
            case_reference = outcome.referral.case.reference
            # Without a receipt reference, the outcome's reference is the case file's own.
            if outcome.reference in ("", case_reference):
                detail = _("Recorded with the referral of case file %(case)s") % {
                    "case": case_reference
                }
            else:
                detail = _("Recorded with the referral of case file %(case)s (%(reference)s)") % {
                    "case": case_reference,
                    "reference": outcome.reference,
                }
        entries.append(
            Entry(
                outcome.decided_at,
                False,
                "custody",
                _("Custody ended for %(person)s: %(outcome)s")
                % {"person": person, "outcome": outcome.get_kind_display()},
                detail,
            )
        )
    if defendant.outcome != Outcome.PENDING and defendant.outcome_on is not None:
        entries.append(
            Entry(
                _day(defendant.outcome_on),
                True,
                "judgment",
                _("%(person)s: %(outcome)s")
                % {"person": person, "outcome": defendant.get_outcome_display()},
                outcome_text(defendant),
            )
        )
    return entries


def outcome_text(defendant: Defendant) -> str:
    """The sentence and fine in one line, e.g. "24 months; fine 4000000 KHR"."""
    parts = []
    if defendant.life_sentence:
        parts.append(_("life imprisonment"))
    elif defendant.sentence_months:
        parts.append(_("%(n)s months") % {"n": defendant.sentence_months})
    if defendant.fine_amount is not None:
        parts.append(_("fine %(fine)s") % {"fine": defendant.fine_text})
    if defendant.outcome_note:
        parts.append(defendant.outcome_note)
    return "; ".join(parts)


def _stage(change: StageChange) -> Entry:
    title = _("Stage: %(from)s → %(to)s") % {
        "from": change.get_from_stage_display(),
        "to": change.get_to_stage_display(),
    }
    if change.corrective:
        title = _("Corrective action. %(title)s") % {"title": title}
    details = []
    referral = getattr(change, "referral", None)
    if referral is not None:
        details.append(
            _("Referred on %(date)s to %(office)s")
            % {"date": f"{referral.referred_on:%Y-%m-%d}", "office": referral.prosecution_office}
        )
        if referral.receipt_reference:
            details.append(_("receipt %(receipt)s") % {"receipt": referral.receipt_reference})
    if change.note:
        details.append(change.note)
    return Entry(change.at, False, "stage", title, "; ".join(details), by=_name(change.by))


def _hearing(hearing: Hearing) -> Entry:
    detail = hearing.outcome
    if hearing.next_hearing_on:
        detail += " " + _("Next hearing: %(date)s.") % {
            "date": f"{hearing.next_hearing_on:%Y-%m-%d}"
        }
    return Entry(_day(hearing.held_on), True, "hearing", _("Hearing"), detail)
