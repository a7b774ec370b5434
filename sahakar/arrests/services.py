"""The writes with consequences for arrests: the only code that sets custody state.

Recording an arrest computes its custody deadline; an extension moves it; an outcome ends the
custody; a correction of the time of arrest or arrival (with its reason, kept as a record of
its own) computes it again. A deadline that passed without an outcome is kept as missed
(`Arrest.missed_deadline_at`) whenever a later write would move it, so no correction turns
it into one met. Each is one transaction that locks the arrest, validates (a refusal raises
ValidationError keyed by field and changes nothing) and saves through the models, whose
save() writes the audit trail. Views and API endpoints call these and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahakar.arrests.choices import CorrectedTime, CustodyOutcomeKind, OffenceClass
from sahakar.arrests.clocks import (
    custody_status,
    deadline_for,
    duration_text,
    governing_rule,
    missed_at,
    outcome_of,
    rule_for,
)
from sahakar.arrests.models import (
    CLOCK_TOLERANCE,
    Arrest,
    CustodyCorrection,
    CustodyExtension,
    CustodyOutcome,
    CustodyRule,
    Offence,
)
from sahakar.core import changelog
from sahakar.core.attribution import save_as
from sahakar.core.times import local_text
from sahakar.core.users import recorded_user
from sahakar.core.writes import restoring
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser

__all__ = [
    "correct_custody_times",
    "custody_status",
    "grant_extension",
    "record_arrest",
    "record_outcome",
    "update_arrest",
]

# The fields of an arrest the clock is computed from: never written by anything but here.
_CLOCK_FIELD = "custody_deadline"
# The times that change only by a reasoned correction (correct_custody_times).
_TIME_FIELDS = tuple(CorrectedTime.values)


def record_arrest(
    *,
    person: Person,
    offences: Iterable[Offence],
    seizures: Iterable[Seizure] = (),
    acting_user: AnyUser | None,
    **fields: Any,
) -> Arrest:
    """Record an arrest and start its custody clock.

    `fields` are the arrest's own fields (arrested_at, arrived_at, org_unit, arresting_agency,
    suspect_role, ...). The deadline is the arrival at the unit plus the custody hours of the
    rule for the gravest suspected offence. A person not yet recorded (unsaved) is recorded
    with the arrest, in the arrest's org unit: a refused arrest records neither.
    """
    with transaction.atomic():
        if person.pk is None:
            person.org_unit = fields.get("org_unit")
            save_as(person, acting_user)
        return _record_arrest(person, list(offences), seizures, fields, acting_user)


def _record_arrest(
    person: Person,
    offences: list[Offence],
    seizures: Iterable[Seizure],
    fields: dict[str, Any],
    acting_user: AnyUser | None,
) -> Arrest:
    arrest = Arrest(person=person, **fields)
    errors = _errors_of(lambda: arrest.full_clean(exclude=[_CLOCK_FIELD], validate_unique=False))
    rule = _rule_or_errors(offences, errors)
    if rule is not None and "arrived_at" not in errors:
        errors.update(_arrival_gap_errors(arrest, rule))
    if errors:
        raise ValidationError(errors)
    assert rule is not None
    arrest.custody_deadline = deadline_for(arrest.arrived_at, rule, [])
    with transaction.atomic(), changelog.grouped():
        save_as(arrest, acting_user)
        arrest.offences.set(offences)
        arrest.seizures.set(list(seizures))
    return arrest


def moved_time_errors(arrest: Arrest, fields: dict[str, Any]) -> dict[str, str]:
    """For each time of arrest or arrival that `fields` would change, the refusal naming the
    correction action (the only way these times change)."""
    return {
        name: _(
            'The %(time)s is changed only by a correction with its reason: use "Correct '
            "the custody times\" on the arrest's page, or POST /api/v1/arrests/%(id)s/"
            "corrections/."
        )
        % {"time": CorrectedTime(name).label, "id": arrest.pk}
        for name in _TIME_FIELDS
        if name in fields and fields[name] != getattr(arrest, name)
    }


def update_arrest(
    arrest: Arrest,
    *,
    offences: Iterable[Offence] | None = None,
    seizures: Iterable[Seizure] | None = None,
    acting_user: AnyUser | None,
    **fields: Any,
) -> Arrest:
    """Correct an arrest's facts; its deadline is computed again from the corrected offences.

    With `acting_user`, `seizures` are those the user may see: links to seizures hidden from
    them are kept (they cannot be in their list).

    The times of arrest and arrival are not changed here (refused, naming the correction
    action): only correct_custody_times() changes them, with a reason. Refused when the
    extensions already granted or the recorded outcome no longer fit the corrected offences.
    `arrest.version` is the version the caller read: a stale one raises StaleWrite.
    """
    moved = moved_time_errors(arrest, fields)
    if moved:
        raise ValidationError(moved)
    fields = {name: value for name, value in fields.items() if name not in _TIME_FIELDS}
    if seizures is not None and acting_user is not None:
        seizures = [*_hidden_seizures(arrest, acting_user), *seizures]
    with (
        restoring(arrest, [*fields, _CLOCK_FIELD, "missed_deadline_at"]),
        transaction.atomic(),
        changelog.grouped(),
    ):
        _lock(arrest)
        for name, value in fields.items():
            setattr(arrest, name, value)
        offences = list(offences) if offences is not None else list(arrest.offences.all())
        errors = _errors_of(
            lambda: arrest.full_clean(exclude=[_CLOCK_FIELD], validate_unique=False)
        )
        rule = _rule_or_errors(offences, errors)
        if rule is not None and "arrived_at" not in errors:
            errors.update(_clock_conflicts(arrest, rule))
        if errors:
            raise ValidationError(errors)
        assert rule is not None
        extensions = [e.hours for e in arrest.extensions.all()]
        arrest.missed_deadline_at = missed_at(arrest, timezone.now())
        arrest.custody_deadline = deadline_for(arrest.arrived_at, rule, extensions)
        arrest.save()
        arrest.offences.set(offences)
        if seizures is not None:
            arrest.seizures.set(list(seizures))
    return arrest


def grant_extension(
    arrest: Arrest,
    granted_at: datetime,
    hours: int,
    order_reference: str,
    reason: str,
    *,
    acting_user: AnyUser | None,
    now: datetime | None = None,
) -> CustodyExtension:
    """Record the prosecutor's written extension of the custody and move the deadline.

    Refused without an order reference or a reason; beyond the hours or the number of
    extensions the rule allows (none for offence classes without extensions); when granted
    after the deadline had passed, before the arrival or in the future; and once the custody
    has ended.
    """
    now = now or timezone.now()
    order_reference, reason = order_reference.strip(), reason.strip()
    with transaction.atomic():
        locked = _lock(arrest)
        outcome = outcome_of(locked)
        if outcome is not None:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "This custody has already ended (%(outcome)s at %(time)s): it cannot "
                        "be extended."
                    )
                    % {
                        "outcome": outcome.get_kind_display(),
                        "time": local_text(outcome.decided_at),
                    }
                }
            )
        rule = rule_for(locked)
        granted = list(locked.extensions.all())
        errors = _extension_refusals(locked, rule, granted, granted_at, hours, now)
        if not order_reference:
            errors["order_reference"] = _(
                "An extension needs the prosecutor's written order: give its reference."
            )
        if not reason:
            errors["reason"] = _("Give the reason for the extension, as the order states it.")
        if errors:
            raise ValidationError(errors)
        extension = CustodyExtension(
            arrest=locked,
            granted_at=granted_at,
            hours=hours,
            order_reference=order_reference,
            reason=reason,
        )
        extension.full_clean()
        save_as(extension, acting_user)
        locked.custody_deadline = locked.custody_deadline + timedelta(hours=hours)
        save_as(locked, acting_user)
    _refresh(arrest, locked)
    return extension


def record_outcome(
    arrest: Arrest,
    kind: str,
    decided_at: datetime,
    reason: str = "",
    reference: str = "",
    *,
    acting_user: AnyUser | None,
    now: datetime | None = None,
    referral: Any = None,
) -> CustodyOutcome:
    """End the custody: referred to the prosecutor, released or transferred to treatment.

    Exactly one outcome per arrest: a second is refused. Refused too before the arrival at
    the unit, before a granted extension, before a deadline recorded as missed, in the
    future, and a release without a reason. An outcome after the deadline records the
    deadline as missed. `referral` is the case referral that ended the custody, if any
    (cases.services.refer_to_prosecutor).
    """
    now = now or timezone.now()
    reason, reference = reason.strip(), reference.strip()
    with transaction.atomic():
        locked = _lock(arrest)
        existing = outcome_of(locked)
        if existing is not None:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "This custody already ended: %(outcome)s at %(time)s. An outcome is "
                        "recorded once."
                    )
                    % {
                        "outcome": existing.get_kind_display(),
                        "time": local_text(existing.decided_at),
                    }
                }
            )
        errors: dict[str, Any] = {}
        if kind not in CustodyOutcomeKind.values:
            errors["kind"] = _("Choose how the custody ended.")
        errors.update(_outcome_time_refusals(locked, decided_at, now))
        if kind == CustodyOutcomeKind.RELEASED and not reason:
            errors["reason"] = _("Say why the person was released.")
        if errors:
            raise ValidationError(errors)
        outcome = CustodyOutcome(
            arrest=locked,
            kind=kind,
            decided_at=decided_at,
            reason=reason,
            reference=reference,
            referral=referral,
        )
        outcome.full_clean(validate_unique=False)
        save_as(outcome, acting_user)
        if locked.missed_deadline_at is None and decided_at > locked.custody_deadline:
            locked.missed_deadline_at = locked.custody_deadline
            save_as(locked, acting_user)
    _refresh(arrest, locked)
    arrest.outcome = outcome
    return outcome


def correct_custody_times(
    arrest: Arrest,
    *,
    arrested_at: datetime | None = None,
    arrived_at: datetime | None = None,
    reason: str,
    acting_user: AnyUser | None,
    now: datetime | None = None,
) -> list[CustodyCorrection]:
    """Correct the time of arrest and/or of arrival at the unit, with the reason; the deadline
    is computed again. One CustodyCorrection per time changed (before, after, reason, who).

    Refused without a reason, when nothing changes, for times the arrest itself refuses
    (future, arrival before the arrest), for a gap between arrest and arrival beyond the
    custody rule's limit, and when the extensions or the outcome recorded no longer fit. A
    deadline that had already passed without an outcome stays recorded as missed.
    """
    now = now or timezone.now()
    reason = (reason or "").strip()
    wanted = {
        name: value
        for name, value in (("arrested_at", arrested_at), ("arrived_at", arrived_at))
        if value is not None and value != getattr(arrest, name)
    }
    errors: dict[str, Any] = {}
    if not reason:
        errors["reason"] = _("Give the reason for the correction: it is kept with the arrest.")
    if not wanted:
        errors[NON_FIELD_ERRORS] = _(
            "Nothing to correct: give a time of arrest or of arrival other than the one recorded."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock(arrest)
        before = {name: getattr(locked, name) for name in wanted}
        missed = missed_at(locked, now)
        for name, value in wanted.items():
            setattr(locked, name, value)
        errors = _errors_of(
            lambda: locked.full_clean(exclude=[_CLOCK_FIELD], validate_unique=False)
        )
        rule = rule_for(locked)
        if not {"arrested_at", "arrived_at"} & set(errors):
            errors.update(_arrival_gap_errors(locked, rule))
        if "arrived_at" not in errors:
            errors.update(_clock_conflicts(locked, rule))
        if errors:
            raise ValidationError(errors)
        extensions = [e.hours for e in locked.extensions.all()]
        locked.custody_deadline = deadline_for(locked.arrived_at, rule, extensions)
        locked.missed_deadline_at = missed
        locked.save()
        corrections = [
            CustodyCorrection(
                arrest=locked,
                field=name,
                old_value=before[name],
                new_value=value,
                reason=reason,
                corrected_by=recorded_user(acting_user),
            )
            for name, value in wanted.items()
        ]
        for correction in corrections:
            correction.full_clean()
            correction.save()
    for name in _TIME_FIELDS:
        setattr(arrest, name, getattr(locked, name))
    _refresh(arrest, locked)
    return corrections


def _hidden_seizures(arrest: Arrest, user: AnyUser | None) -> list[Seizure]:
    """The seizures linked to the arrest that `user` may not see."""
    return list(arrest.seizures.exclude(pk__in=Seizure.objects.restrict(user).values("pk")))


def _lock(arrest: Arrest) -> Arrest:
    """The arrest's row, locked until the transaction ends: concurrent extensions and
    outcomes of one custody queue here instead of both passing the checks."""
    return Arrest._base_manager.select_for_update().get(pk=arrest.pk)


def _refresh(arrest: Arrest, saved: Arrest) -> None:
    arrest.custody_deadline, arrest.version = saved.custody_deadline, saved.version
    arrest.missed_deadline_at = saved.missed_deadline_at


def _errors_of(check: Any) -> dict[str, Any]:
    try:
        check()
    except ValidationError as exc:
        return dict(exc.message_dict)
    return {}


def _rule_or_errors(offences: list[Offence], errors: dict[str, Any]) -> CustodyRule | None:
    try:
        return governing_rule(offence.offence_class for offence in offences)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return None


def _extension_refusals(
    arrest: Arrest,
    rule: CustodyRule,
    granted: list[CustodyExtension],
    granted_at: datetime,
    hours: int,
    now: datetime,
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if rule.max_extensions == 0:
        errors[NON_FIELD_ERRORS] = _("Custody for a %(class)s cannot be extended (%(basis)s).") % {
            "class": OffenceClass(rule.offence_class).label,
            "basis": rule.basis,
        }
        return errors
    if len(granted) >= rule.max_extensions:
        errors[NON_FIELD_ERRORS] = _(
            "The custody was already extended %(count)d time(s), as often as %(basis)s allows."
        ) % {"count": len(granted), "basis": rule.basis}
        return errors
    if hours is None or hours < 1:
        errors["hours"] = _("An extension is at least one hour.")
    elif hours > rule.extension_hours:
        errors["hours"] = _(
            "An extension is at most %(max)d hours for a %(class)s (%(basis)s)."
        ) % {
            "max": rule.extension_hours,
            "class": OffenceClass(rule.offence_class).label,
            "basis": rule.basis,
        }
    if granted_at < arrest.arrived_at:
        errors["granted_at"] = _(
            "The extension cannot be granted before the arrival at the unit (%(arrival)s)."
        ) % {"arrival": local_text(arrest.arrived_at)}
    elif granted_at > arrest.custody_deadline:
        errors["granted_at"] = _(
            "The custody had already run out at %(deadline)s: an extension must be granted "
            "before the deadline. Record how the custody ended instead."
        ) % {"deadline": local_text(arrest.custody_deadline)}
    elif granted_at > now + CLOCK_TOLERANCE:
        errors["granted_at"] = _("The time the extension was granted is in the future.")
    return errors


def _arrival_gap_errors(arrest: Arrest, rule: CustodyRule) -> dict[str, Any]:
    """The arrival at the unit too long after the arrest, by the rule's limit."""
    if not (arrest.arrested_at and arrest.arrived_at):
        return {}
    gap = arrest.arrived_at - arrest.arrested_at
    if gap <= timedelta(hours=rule.max_arrival_hours):
        return {}
    return {
        "arrived_at": _(
            "The arrival at the unit is %(gap)s after the arrest; it must be at most %(max)d "
            "hours after it."
        )
        % {"gap": duration_text(gap), "max": rule.max_arrival_hours}
    }


def _outcome_time_refusals(arrest: Arrest, decided_at: datetime, now: datetime) -> dict[str, Any]:
    missed = arrest.missed_deadline_at
    if missed is not None and decided_at < missed:
        return {
            "decided_at": _(
                "The deadline of %(time)s was recorded as missed with the person still held; "
                "the custody cannot have ended before it."
            )
            % {"time": local_text(missed)}
        }
    if decided_at < arrest.arrived_at:
        return {
            "decided_at": _("The custody cannot end before the arrival at the unit (%(arrival)s).")
            % {"arrival": local_text(arrest.arrived_at)}
        }
    last = max((e.granted_at for e in arrest.extensions.all()), default=None)
    if last is not None and decided_at < last:
        return {
            "decided_at": _(
                "The custody was extended at %(time)s; it cannot have ended before that."
            )
            % {"time": local_text(last)}
        }
    if decided_at > now + CLOCK_TOLERANCE:
        return {"decided_at": _("The time the custody ended is in the future.")}
    return {}


def _clock_conflicts(arrest: Arrest, rule: CustodyRule) -> dict[str, Any]:
    """What a corrected arrival or offence class would make wrong in the recorded clock."""
    errors: dict[str, Any] = {}
    extensions = list(arrest.extensions.all())
    if extensions and (
        len(extensions) > rule.max_extensions
        or any(e.hours > rule.extension_hours for e in extensions)
    ):
        errors["offences"] = _(
            "The custody was extended, which the rule for a %(class)s does not allow (%(basis)s)."
        ) % {"class": OffenceClass(rule.offence_class).label, "basis": rule.basis}
    deadline = deadline_for(arrest.arrived_at, rule, [])
    for extension in extensions:
        if not arrest.arrived_at <= extension.granted_at <= deadline:
            errors["arrived_at"] = _(
                "An extension was granted at %(time)s, which this arrival time would put "
                "outside the custody."
            ) % {"time": local_text(extension.granted_at)}
            break
        deadline += timedelta(hours=extension.hours)
    outcome = outcome_of(arrest)
    if outcome is not None and outcome.decided_at < arrest.arrived_at:
        errors["arrived_at"] = _("The custody ended at %(time)s, before this arrival time.") % {
            "time": local_text(outcome.decided_at)
        }
    return errors
