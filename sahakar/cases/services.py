"""The writes with consequences for case files. Views and API endpoints call these; none of
them sets a case's stage, a referral or an outcome itself.

Every function is one transaction: it validates first, writes everything or nothing, and on a
refusal raises a django ValidationError whose keys name the field at fault and leaves the
objects it was given as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.agencies.choices import AgencyKind
from sahakar.agencies.models import Agency
from sahakar.arrests import services as arrest_services
from sahakar.arrests.choices import CustodyOutcomeKind, OffenceClass
from sahakar.arrests.models import Arrest
from sahakar.cases import clocks
from sahakar.cases.choices import (
    FORWARD,
    OUTCOME_STAGES,
    STAGE_ORDER,
    ClockEvent,
    Outcome,
    Procedure,
    Stage,
    stage_index,
)
from sahakar.cases.models import (
    CaseFile,
    Defendant,
    Hearing,
    LegalClockRule,
    Referral,
    StageChange,
    in_future,
)
from sahakar.core.times import local_text
from sahakar.core.users import recorded_user
from sahakar.core.writes import restoring
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import Seizure

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser

# Derived or service-kept fields: never validated as user input.
NOT_EDITABLE = [f.name for f in CaseFile._meta.concrete_fields if not f.editable]
# What a stage change writes on the case (restored on the caller's copy when it fails).
_STAGE_FIELDS = ("stage", "stage_changed_at", "clock_deadline", "clock_warning")
HEARING_STAGES = frozenset({Stage.AT_TRIAL, Stage.JUDGMENT})
DETENTION_STAGES = frozenset({Stage.CHARGED, Stage.AT_TRIAL, Stage.JUDGMENT})


def stage_label(value: Any) -> str:
    return str(Stage(value).label) if value in Stage.values else str(value)


def _refuse(field: str, message: Any, code: str, **params: Any) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def _refuse_if_closed(case: CaseFile) -> None:
    if case.is_closed:
        raise _refuse(
            "stage",
            _("Case %(case)s is closed; nothing in it can change any more."),
            "case_closed",
            case=case.reference,
        )


# Opening a case and putting it together ------------------------------------------------


def open_case(
    *,
    acting_user: AnyUser | None,
    title: str,
    org_unit: OrgUnit,
    procedure: str = Procedure.ORDINARY,
    offence_class: str = OffenceClass.FELONY,
    lead_investigator: Any = None,
    court: Agency | None = None,
    court_case_number: str = "",
    summary: str = "",
    arrests: Iterable[Arrest] = (),
    seizures: Iterable[Seizure] = (),
) -> CaseFile:
    """A new case under investigation, with its first defendants and seizures."""
    case = CaseFile(
        title=title,
        org_unit=org_unit,
        procedure=procedure,
        offence_class=offence_class,
        lead_investigator=lead_investigator,
        court=court,
        court_case_number=court_case_number,
        summary=summary,
    )
    case.full_clean(exclude=NOT_EDITABLE, validate_unique=False)
    with transaction.atomic():
        case.stage_changed_at = timezone.now()
        case.save()
        for arrest in arrests:
            add_defendant(case, arrest, acting_user=acting_user)
        for seizure in seizures:
            if not case.seizures.filter(pk=seizure.pk).exists():
                link_seizure(case, seizure, acting_user=acting_user)
        refresh_clocks(case)
    return case


def update_case(case: CaseFile, *, acting_user: AnyUser | None, **fields: Any) -> CaseFile:
    """Save the case's own fields (those given here, and any already set on `case`) and
    keep its clocks current, in one transaction. `case.version` is the version the caller
    read: a stale one raises StaleWrite; on failure `case` is left as it was."""
    many = {f.name for f in CaseFile._meta.many_to_many}
    own = {name: value for name, value in fields.items() if name not in many}
    with restoring(case, own), transaction.atomic():
        for name, value in own.items():
            setattr(case, name, value)
        case.save()
        for name in many.intersection(fields):
            getattr(case, name).set(fields[name])
        refresh_clocks(case)
    return case


def add_defendants(
    case: CaseFile,
    arrests: Iterable[Arrest],
    *,
    acting_user: AnyUser | None,
    link_seizures: bool = True,
) -> list[Defendant]:
    """Make the persons of `arrests` defendants in the case (see add_defendant()) and keep
    its clocks current, in one transaction: one refused arrest adds none."""
    with transaction.atomic():
        added = [
            add_defendant(case, arrest, acting_user=acting_user, link_seizures=link_seizures)
            for arrest in arrests
        ]
        refresh_clocks(case)
    return added


def link_seizures(
    case: CaseFile, seizures: Iterable[Seizure], *, acting_user: AnyUser | None
) -> None:
    """Link seizures the user may see to the case, in one transaction: one refused links none."""
    with transaction.atomic():
        for seizure in seizures:
            link_seizure(case, seizure, acting_user=acting_user)


def add_defendant(
    case: CaseFile, arrest: Arrest, *, acting_user: AnyUser | None, link_seizures: bool = True
) -> Defendant:
    """Make the person of `arrest` a defendant in the case; with `link_seizures`, the
    seizures linked to that arrest (those the user may see) join the case too."""
    _refuse_if_closed(case)
    if not Arrest.objects.restrict(acting_user).filter(pk=arrest.pk).exists():
        raise _refuse("arrest", _("There is no such arrest in your scope."), "not_found")
    if case.defendants.filter(arrest=arrest).exists():
        raise _refuse(
            "arrest",
            _("%(arrest)s is already a defendant in this case."),
            "duplicate",
            arrest=arrest.reference,
        )
    defendant = Defendant(case=case, arrest=arrest)
    defendant.full_clean(validate_unique=False)
    with transaction.atomic():
        defendant.save()
        if link_seizures:
            linked = case.seizures.values("pk")
            more = (
                Seizure.objects.restrict(acting_user).filter(arrests=arrest).exclude(pk__in=linked)
            )
            case.seizures.add(*more)
    return defendant


def remove_defendant(defendant: Defendant, *, acting_user: AnyUser | None) -> None:
    """Take out a defendant added by mistake; one with a recorded outcome stays."""
    case = defendant.case
    _refuse_if_closed(case)
    if defendant.outcome != Outcome.PENDING:
        raise _refuse(
            "arrest",
            _("%(person)s has a recorded outcome and stays in the case."),
            "has_outcome",
            person=defendant.arrest.person,
        )
    with transaction.atomic():
        defendant.delete()
        refresh_clocks(case)


def link_seizure(case: CaseFile, seizure: Seizure, *, acting_user: AnyUser | None) -> None:
    _refuse_if_closed(case)
    if not Seizure.objects.restrict(acting_user).filter(pk=seizure.pk).exists():
        raise _refuse("seizure", _("There is no such seizure in your scope."), "not_found")
    if case.seizures.filter(pk=seizure.pk).exists():
        raise _refuse(
            "seizure",
            _("%(seizure)s is already linked to this case."),
            "duplicate",
            seizure=seizure.reference,
        )
    with transaction.atomic():
        case.seizures.add(seizure)


def unlink_seizure(case: CaseFile, seizure: Seizure, *, acting_user: AnyUser | None) -> None:
    _refuse_if_closed(case)
    if not case.seizures.filter(pk=seizure.pk).exists():
        raise _refuse(
            "seizure",
            _("%(seizure)s is not linked to this case."),
            "not_linked",
            seizure=seizure.reference,
        )
    with transaction.atomic():
        case.seizures.remove(seizure)


# Stages ----------------------------------------------------------------------------------


def next_stages(case: CaseFile) -> list[str]:
    """The stages the case may move forward to, in order (the referral has its own form)."""
    allowed = FORWARD.get(case.stage, frozenset())
    return [s for s in STAGE_ORDER if s in allowed]


def corrective_stages(case: CaseFile) -> list[str]:
    """The earlier stages a corrective action may take the case back to."""
    if case.is_closed:
        return []
    return list(STAGE_ORDER[: stage_index(case.stage)])


def change_stage(
    case: CaseFile,
    to: str,
    *,
    acting_user: AnyUser | None,
    note: str = "",
    corrective: bool = False,
    at: datetime | None = None,
) -> StageChange:
    """Move the case to stage `to`, recorded as a StageChange by `acting_user` at `at` (now).

    Forward only to the next stage (FORWARD); the move to "referred" only through
    refer_to_prosecutor(); back only as a corrective action with the reason in `note`.
    """
    if to == Stage.REFERRED and case.stage == Stage.INVESTIGATION:
        raise _refuse(
            "stage",
            _("A case goes to the prosecutor by recording the referral (date, office, receipt)."),
            "referral_required",
        )
    return _move(case, to, acting_user=acting_user, note=note, corrective=corrective, at=at)


def _move(
    case: CaseFile,
    to: str,
    *,
    acting_user: AnyUser | None,
    note: str,
    corrective: bool,
    at: datetime | None,
) -> StageChange:
    at = at or timezone.now()
    _check_move(case, to, note=note, corrective=corrective, at=at)
    change = StageChange(
        case=case,
        from_stage=case.stage,
        to_stage=to,
        at=at,
        by=recorded_user(acting_user),
        note=note.strip(),
        corrective=corrective,
    )
    with restoring(case, _STAGE_FIELDS), transaction.atomic():
        change.full_clean(validate_unique=False)
        change.save()
        case.stage, case.stage_changed_at = to, at
        case.save()
        refresh_clocks(case)
    return change


def _check_move(case: CaseFile, to: str, *, note: str, corrective: bool, at: datetime) -> None:
    _refuse_if_closed(case)
    current = case.stage
    if to not in Stage.values:
        raise _refuse("stage", _("%(stage)s is not a stage."), "invalid_choice", stage=to)
    if to == current:
        raise _refuse(
            "stage", _("The case is already %(stage)s."), "no_change", stage=stage_label(to)
        )
    going_back = stage_index(to) < stage_index(current)
    if going_back:
        _check_going_back(case, to, note=note, corrective=corrective)
    else:
        _check_going_forward(case, to, corrective=corrective)
    _check_time(case, at)


def _check_going_back(case: CaseFile, to: str, *, note: str, corrective: bool) -> None:
    if not corrective:
        raise _refuse(
            "corrective",
            _(
                "Going back from %(current)s to %(stage)s is a corrective action: mark it as "
                "one and give the reason."
            ),
            "corrective_required",
            current=stage_label(case.stage),
            stage=stage_label(to),
        )
    if not note.strip():
        raise _refuse("note", _("Give the reason for the corrective action."), "reason_required")
    conflicting = [
        d
        for d in case.defendants.select_related("arrest__person")
        if to not in OUTCOME_STAGES[d.outcome]
    ]
    if conflicting:
        raise _refuse(
            "stage",
            _(
                "At %(stage)s these defendants' outcomes cannot stand; set them back to "
                "pending first: %(names)s."
            ),
            "outcome_conflict",
            stage=stage_label(to),
            names=", ".join(str(d.arrest.person) for d in conflicting),
        )


def _check_going_forward(case: CaseFile, to: str, *, corrective: bool) -> None:
    current = case.stage
    if corrective:
        raise _refuse(
            "corrective",
            _("A corrective action goes back to an earlier stage; moving on is a normal change."),
            "not_corrective",
        )
    if to not in FORWARD[current]:
        skipped = STAGE_ORDER[stage_index(current) + 1 : stage_index(to)]
        raise _refuse(
            "stage",
            _(
                "A case that is %(current)s moves next to %(allowed)s; %(stage)s would skip "
                "%(skipped)s."
            ),
            "skipped_stage",
            current=stage_label(current),
            allowed=" / ".join(stage_label(s) for s in next_stages(case)),
            stage=stage_label(to),
            skipped=", ".join(stage_label(s) for s in skipped),
        )
    if to == Stage.AT_TRIAL and case.court_id is None:
        raise _refuse(
            "stage",
            _("Name the court (edit the case) before it goes to trial."),
            "court_required",
        )
    if to == Stage.CLOSED:
        _check_closing(case)


def _check_closing(case: CaseFile) -> None:
    defendants = list(case.defendants.select_related("arrest__person"))
    pending = [d for d in defendants if d.outcome == Outcome.PENDING]
    if pending:
        raise _refuse(
            "stage",
            _("Record the outcome for every defendant before closing: %(names)s."),
            "outcome_pending",
            names=", ".join(str(d.arrest.person) for d in pending),
        )
    if case.stage != Stage.JUDGMENT and any(d.outcome != Outcome.DISMISSED for d in defendants):
        raise _refuse(
            "stage",
            _(
                "Before judgment a case closes only when the charges against every defendant "
                "were dismissed."
            ),
            "early_close",
        )


def _check_time(case: CaseFile, at: datetime) -> None:
    if in_future(at):
        raise _refuse("at", _("The time of the stage change is in the future."), "future")
    last = case.stage_changes.order_by("-at", "-pk").first()
    if last is not None and at < last.at:
        raise _refuse(
            "at",
            _("The time is before the case's last stage change (%(time)s)."),
            "before_last_change",
            time=local_text(last.at),
        )


def refer_to_prosecutor(
    case: CaseFile,
    *,
    referred_on: date,
    office: Agency,
    acting_user: AnyUser | None,
    receipt_reference: str = "",
    note: str = "",
) -> Referral:
    """Hand the case to a prosecution office: the stage change, the referral, and the custody
    outcome "referred to the prosecutor" (pointing to the referral) of every defendant still
    in police custody, all together or none of them."""
    _refuse_if_closed(case)
    if case.stage != Stage.INVESTIGATION:
        raise _refuse(
            "stage",
            _("Only a case under investigation is referred; this one is %(stage)s."),
            "not_in_investigation",
            stage=stage_label(case.stage),
        )
    if office.kind != AgencyKind.PROSECUTION:
        raise _refuse(
            "prosecution_office",
            _("%(agency)s is not a prosecution office."),
            "not_prosecution",
            agency=office,
        )
    if not case.defendants.exists():
        raise _refuse(
            "stage", _("Add at least one defendant before referring the case."), "no_defendants"
        )
    if in_future(referred_on):
        raise _refuse("referred_on", _("The referral date is in the future."), "future")
    at = _referral_time(case, referred_on)
    with restoring(case, ("prosecution_office", *_STAGE_FIELDS)), transaction.atomic():
        case.prosecution_office = office
        change = _move(
            case, Stage.REFERRED, acting_user=acting_user, note=note, corrective=False, at=at
        )
        referral = Referral(
            case=case,
            referred_on=referred_on,
            prosecution_office=office,
            receipt_reference=receipt_reference.strip(),
            note=note.strip(),
            stage_change=change,
        )
        referral.full_clean(validate_unique=False)
        referral.save()
        _end_custodies(case, referral, at, acting_user)
    return referral


def _end_custodies(
    case: CaseFile, referral: Referral, at: datetime, acting_user: AnyUser | None
) -> None:
    """Record the referral as the custody outcome of each defendant still in police custody,
    through arrests.services (the only writer of custody state). A referral recorded by its
    day ends a custody that began later that day at the latest recorded moment of it."""
    held = (
        Arrest.objects.filter(case_defendants__case=case, outcome__isnull=True)
        .select_related("person")
        .prefetch_related("extensions")
        .order_by("pk")
    )
    reason = _("With case file %(case)s to %(office)s.") % {
        "case": case.reference,
        "office": referral.prosecution_office,
    }
    for arrest in held:
        decided_at = _custody_end(arrest, referral.referred_on, at)
        try:
            arrest_services.record_outcome(
                arrest,
                CustodyOutcomeKind.REFERRED,
                decided_at,
                reason=str(reason),
                reference=referral.receipt_reference or case.reference,
                referral=referral,
                acting_user=acting_user,
            )
        except ValidationError as exc:
            raise _refuse(
                "referred_on",
                _("The custody of %(person)s cannot end with this referral: %(reason)s"),
                "custody_conflict",
                person=arrest.person,
                reason=" ".join(exc.messages),
            ) from exc


def _custody_end(arrest: Arrest, referred_on: date, at: datetime) -> datetime:
    moments: list[datetime] = [
        arrest.arrived_at,
        *(e.granted_at for e in arrest.extensions.all()),
    ]
    if arrest.missed_deadline_at is not None:
        moments.append(arrest.missed_deadline_at)
    latest = max(moments)
    if at < latest and timezone.localdate(latest) == referred_on:
        return latest
    return at


def _referral_time(case: CaseFile, referred_on: date) -> datetime:
    """Now for a referral made today; else the start of that day (never before the last
    recorded stage change)."""
    if referred_on == timezone.localdate():
        return timezone.now()
    at = clocks.start_of_day(referred_on)
    last = case.stage_changes.order_by("-at", "-pk").first()
    return max(at, last.at) if last is not None else at


def close_case(case: CaseFile, *, acting_user: AnyUser | None, note: str = "") -> StageChange:
    return change_stage(case, Stage.CLOSED, acting_user=acting_user, note=note)


# Hearings, outcomes, detention -------------------------------------------------------------


def record_hearing(
    case: CaseFile,
    *,
    held_on: date,
    outcome: str,
    acting_user: AnyUser | None,
    next_hearing_on: date | None = None,
) -> Hearing:
    _refuse_if_closed(case)
    if case.stage not in HEARING_STAGES:
        raise _refuse(
            "held_on",
            _("Hearings are recorded once the case is at trial; it is %(stage)s."),
            "not_at_trial",
            stage=stage_label(case.stage),
        )
    hearing = Hearing(
        case=case, held_on=held_on, outcome=outcome.strip(), next_hearing_on=next_hearing_on
    )
    hearing.full_clean(validate_unique=False)
    with transaction.atomic():
        hearing.save()
    return hearing


def record_defendant_outcome(
    defendant: Defendant,
    *,
    outcome: str,
    acting_user: AnyUser | None,
    outcome_on: date | None = None,
    sentence_months: int | None = None,
    life_sentence: bool = False,
    fine_amount: Decimal | None = None,
    fine_currency: str = "",
    note: str = "",
) -> Defendant:
    """What the court (or the prosecutor, for a dismissal) decided for one defendant."""
    case = defendant.case
    _refuse_if_closed(case)
    if outcome not in Outcome.values:
        raise _refuse("outcome", _("%(value)s is not an outcome."), "invalid_choice", value=outcome)
    if case.stage not in OUTCOME_STAGES[outcome]:
        raise _refuse(
            "outcome",
            _("%(outcome)s cannot be recorded while the case is %(stage)s."),
            "wrong_stage",
            outcome=str(Outcome(outcome).label).capitalize(),
            stage=stage_label(case.stage),
        )
    names = (
        "outcome",
        "outcome_on",
        "sentence_months",
        "life_sentence",
        "fine_amount",
        "fine_currency",
        "outcome_note",
    )
    with restoring(defendant, names), transaction.atomic():
        defendant.outcome = outcome
        defendant.outcome_on = outcome_on
        defendant.sentence_months = sentence_months
        defendant.life_sentence = life_sentence
        defendant.fine_amount = fine_amount
        defendant.fine_currency = (fine_currency or "").strip().upper()
        defendant.outcome_note = note.strip()
        defendant.full_clean(validate_unique=False)
        defendant.save()
        refresh_clocks(case)
    return defendant


def detention_rule(case: CaseFile) -> LegalClockRule | None:
    """The pre-trial detention limit that applies to the case, if the data has one."""
    rules = LegalClockRule.objects.filter(active=True, starts_at=ClockEvent.DETENTION_ORDER)
    return next((rule for rule in rules if rule.applies_to(case)), None)


def record_detention(
    defendant: Defendant,
    *,
    acting_user: AnyUser | None,
    detained_since: datetime | None,
    extensions: int = 0,
    released_at: datetime | None = None,
) -> Defendant:
    """The defendant's pre-trial detention: the order, the extensions ordered, the release."""
    case = defendant.case
    _refuse_if_closed(case)
    if detained_since is not None and case.stage not in DETENTION_STAGES:
        raise _refuse(
            "detained_since",
            _("Pre-trial detention follows the charge; this case is %(stage)s."),
            "not_charged",
            stage=stage_label(case.stage),
        )
    rule = detention_rule(case)
    allowed = rule.max_extensions if rule is not None else 0
    if extensions > allowed:
        raise _refuse(
            "detention_extensions",
            _("The detention limit for this case (%(rule)s) allows at most %(n)s extensions."),
            "too_many_extensions",
            rule=rule.article_text if rule is not None else "-",
            n=allowed,
        )
    names = ("detained_since", "detention_extensions", "released_at")
    with restoring(defendant, names), transaction.atomic():
        defendant.detained_since = detained_since
        defendant.detention_extensions = extensions
        defendant.released_at = released_at
        defendant.full_clean(validate_unique=False)
        defendant.save()
        refresh_clocks(case)
    return defendant


# Clocks ------------------------------------------------------------------------------------


def case_clocks(
    case: CaseFile,
    now: datetime | None = None,
    defendants: Iterable[Defendant] | None = None,
) -> list[clocks.Clock]:
    """The case's legal clocks, from its stage history, its defendants and the active rules."""
    if defendants is None:
        defendants = case.defendants.select_related("arrest__person")
    return clocks.compute_clocks(
        case,
        changes=list(case.stage_changes.all()),
        defendants=list(defendants),
        rules=list(LegalClockRule.objects.filter(active=True)),
        now=now,
    )


def refresh_clocks(case: CaseFile) -> None:
    """Keep the case's next deadline current for the list filters (no new version: it is
    derived, and the change that caused it is already recorded)."""
    deadline, warning = clocks.next_deadline(case_clocks(case))
    if (deadline, warning) != (case.clock_deadline, case.clock_warning):
        CaseFile.objects.filter(pk=case.pk).update(clock_deadline=deadline, clock_warning=warning)
        case.clock_deadline, case.clock_warning = deadline, warning


def refresh_open_cases() -> int:
    """After the rules change: recompute every case that is not closed. Returns how many."""
    count = 0
    for case in CaseFile.objects.exclude(stage=Stage.CLOSED).iterator():
        refresh_clocks(case)
        count += 1
    return count
