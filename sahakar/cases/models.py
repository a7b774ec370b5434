"""Case files, their defendants and stage history, and the legal rules they are measured by."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sahakar.agencies.choices import AgencyKind
from sahakar.arrests.choices import GRAVITY, OffenceClass
from sahakar.cases.choices import ClockEvent, DurationUnit, Outcome, Procedure, Stage
from sahakar.core import permissions
from sahakar.core.languages import in_language
from sahakar.core.models import BaseModel
from sahakar.core.numbers import format_number
from sahakar.core.refnumbers import ReferenceNumbered

# Cambodia's longest fixed prison term is 30 years; life imprisonment is its own field.
MAX_SENTENCE_MONTHS = 360
_FUTURE_TOLERANCE = timedelta(minutes=5)

currency_code = RegexValidator(
    r"^[A-Z]{3}$", _("Give the currency as its three-letter code, e.g. KHR or USD.")
)


def in_future(moment: Any) -> bool:
    if moment is None:
        return False
    if hasattr(moment, "hour"):
        return bool(moment > timezone.now() + _FUTURE_TOLERANCE)
    return bool(moment > timezone.localdate())


class CaseFile(ReferenceNumbered, BaseModel):
    """A case against one or more defendants, from investigation through prosecutor and court.

    Visible in its org unit's jurisdiction, to its lead investigator wherever they work, and to
    the prosecution office it was referred to. The stage moves only through services.py, which
    records every move as a StageChange; `clock_deadline` and `clock_warning` are kept there
    from the legal clocks (clocks.py), so overdue cases are one indexed query.
    """

    reference_prefix = "CF"

    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leave blank for a title made from the main offence and the defendants, "
            "shown in the reader's language."
        ),
    )
    org_unit = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="case_files",
        verbose_name=_("org unit"),
    )
    lead_investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_case_files",
        verbose_name=_("lead investigator"),
    )
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=Stage.choices,
        default=Stage.INVESTIGATION,
        editable=False,
    )
    stage_changed_at = models.DateTimeField(_("stage since"), null=True, blank=True, editable=False)
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    offence_class = models.CharField(
        _("offence class"),
        max_length=20,
        choices=OffenceClass.choices,
        default=OffenceClass.FELONY,
        help_text=_("The gravest offence in the case; it decides which legal clocks apply."),
    )
    seizures = models.ManyToManyField(
        "seizures.Seizure", blank=True, related_name="case_files", verbose_name=_("seizures")
    )
    prosecution_office = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        limit_choices_to={"kind": AgencyKind.PROSECUTION},
        related_name="referred_case_files",
        verbose_name=_("prosecution office"),
    )
    court = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": AgencyKind.COURT},
        related_name="court_case_files",
        verbose_name=_("court"),
    )
    court_case_number = models.CharField(_("court case number"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    clock_deadline = models.DateTimeField(
        _("next legal deadline"), null=True, blank=True, editable=False, db_index=True
    )
    clock_warning = models.DateTimeField(
        _("deadline due soon from"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["stage", "created"])]
        verbose_name = _("case file")
        verbose_name_plural = _("case files")

    def __str__(self) -> str:
        return self.reference or str(_("new case file"))

    @property
    def display_title(self) -> str:
        """The typed title, or one made in the page's language from the main offence and the
        defendants ("Trafficking: Chea Vibol and 2 others"). Reads `defendants` with their
        arrests' persons and offences: lists prefetch them with `TITLE_PREFETCH`."""
        if self.title:
            return self.title
        if self.pk is None:
            return ""
        return generated_title(list(self.defendants.all()))

    def get_absolute_url(self) -> str:
        return reverse("cases:casefile_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        """Where the case is held, plus the cases the user leads and, for a prosecution
        office, the cases referred to it."""
        q = super().jurisdiction_q(user, path)
        if getattr(user, "pk", None) is not None:
            q |= Q(lead_investigator_id=user.pk)
        profile = permissions.profile_of(user)
        if profile is not None:
            q |= Q(prosecution_office_id=profile.agency_id)
        return q

    def clean(self) -> None:
        investigator = self.lead_investigator
        if (
            investigator is not None
            and not investigator.role_assignments.filter(role__code="investigator").exists()
        ):
            raise ValidationError(
                {"lead_investigator": _("The lead investigator must hold the investigator role.")}
            )


def title_prefetch() -> models.Prefetch:
    """What `CaseFile.display_title` reads, in two queries however many cases are shown."""
    return models.Prefetch(
        "defendants",
        queryset=Defendant.objects.select_related("arrest__person")
        .prefetch_related("arrest__offences")
        .order_by("pk"),
    )


def generated_title(defendants: list[Defendant]) -> str:
    """ "<main offence>: <first defendant> and N others" in the page's language; the main
    offence is the gravest suspected offence of the defendants' arrests."""
    if not defendants:
        return ""
    offences = [o for d in defendants for o in d.arrest.offences.all()]
    main = min(offences, key=lambda o: (GRAVITY.index(o.offence_class), o.code), default=None)
    person = defendants[0].arrest.person
    name = in_language(person.name_latin, person.name_km) or str(person)
    others = len(defendants) - 1
    if others:
        who = ngettext("%(name)s and %(count)d other", "%(name)s and %(count)d others", others) % {
            "name": name,
            "count": others,
        }
    else:
        who = name
    if main is None:
        return who
    return gettext("%(offence)s: %(defendants)s") % {"offence": main.title, "defendants": who}


class CasePart(BaseModel):
    """Something recorded inside a case file: seen by whoever sees the case."""

    jurisdiction_field = "case__org_unit"

    class Meta:
        abstract = True

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        visible = CaseFile.objects.filter(CaseFile.jurisdiction_q(user, path)).values("pk")
        return Q(case_id__in=visible)

    def get_absolute_url(self) -> str:
        case_id: Any = getattr(self, "case_id")  # noqa: B009
        return reverse("cases:casefile_detail", args=[case_id])


class Defendant(CasePart):
    """One arrested person in a case: their pre-trial detention and what the court decided.

    Sentence and fine belong to a conviction only; services.record_defendant_outcome checks
    the outcome against the case's stage.
    """

    case = models.ForeignKey(
        CaseFile, on_delete=models.PROTECT, related_name="defendants", verbose_name=_("case file")
    )
    arrest = models.ForeignKey(
        "arrests.Arrest",
        on_delete=models.PROTECT,
        related_name="case_defendants",
        verbose_name=_("arrest"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField(_("decided on"), null=True, blank=True)
    sentence_months = models.PositiveIntegerField(
        _("prison sentence (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SENTENCE_MONTHS)],
    )
    life_sentence = models.BooleanField(_("life imprisonment"), default=False)
    fine_amount = models.DecimalField(
        _("fine"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    fine_currency = models.CharField(
        _("fine currency"), max_length=3, blank=True, validators=[currency_code]
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    detained_since = models.DateTimeField(
        _("in pre-trial detention since"),
        null=True,
        blank=True,
        help_text=_("The date of the investigating judge's detention order."),
    )
    detention_extensions = models.PositiveSmallIntegerField(
        _("detention extensions ordered"), default=0
    )
    released_at = models.DateTimeField(_("released from detention"), null=True, blank=True)

    class Meta:
        ordering = ["case", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "arrest"], name="one_defendant_per_arrest")
        ]
        verbose_name = _("defendant")
        verbose_name_plural = _("defendants")

    def __str__(self) -> str:
        return f"{self.arrest.person} ({self.arrest})"

    @property
    def fine_text(self) -> str:
        if self.fine_amount is None:
            return ""
        return f"{format_number(self.fine_amount)} {self.fine_currency}".strip()

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        convicted = self.outcome == Outcome.CONVICTED
        if not convicted:
            for name in ("sentence_months", "fine_amount", "fine_currency"):
                if getattr(self, name) not in (None, ""):
                    errors[name] = _("A sentence or fine is recorded only for a conviction.")
            if self.life_sentence:
                errors["life_sentence"] = _("A sentence is recorded only for a conviction.")
        else:
            if self.sentence_months is None and not self.life_sentence and self.fine_amount is None:
                errors["sentence_months"] = _(
                    "A conviction records a prison sentence, a fine, or both."
                )
            if self.life_sentence and self.sentence_months is not None:
                errors["sentence_months"] = _(
                    "Give months of imprisonment or life imprisonment, not both."
                )
        if self.fine_amount is not None and not self.fine_currency:
            errors.setdefault("fine_currency", _("Give the currency of the fine."))
        if self.fine_currency and self.fine_amount is None and "fine_currency" not in errors:
            errors["fine_amount"] = _("Give the amount of the fine, or leave out the currency.")
        if self.outcome != Outcome.PENDING and self.outcome_on is None:
            errors["outcome_on"] = _("Give the date of the decision.")
        if self.outcome == Outcome.PENDING and self.outcome_on is not None:
            errors["outcome_on"] = _("A pending outcome has no decision date.")
        if in_future(self.outcome_on):
            errors["outcome_on"] = _("The decision date is in the future.")
        if in_future(self.detained_since):
            errors["detained_since"] = _("The detention order is in the future.")
        if in_future(self.released_at):
            errors["released_at"] = _("The release is in the future.")
        if self.released_at and not self.detained_since:
            errors["released_at"] = _("Only a defendant held in pre-trial detention is released.")
        elif self.released_at and self.detained_since and self.released_at < self.detained_since:
            errors["released_at"] = _("The release is before the detention order.")
        if self.detention_extensions and not self.detained_since:
            errors["detention_extensions"] = _(
                "Extensions apply only to a defendant held in pre-trial detention."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fine_currency = self.fine_currency.strip().upper()
        super().save(*args, **kwargs)


class StageChange(CasePart):
    """One move of a case from a stage to another: when, by whom, and why. Never edited.

    A corrective move goes back to an earlier stage and always says why in `note`.
    """

    case = models.ForeignKey(
        CaseFile,
        on_delete=models.PROTECT,
        related_name="stage_changes",
        verbose_name=_("case file"),
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    corrective = models.BooleanField(_("corrective action"), default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class Referral(CasePart):
    """The case file handed to a prosecution office, with the office's receipt."""

    case = models.ForeignKey(
        CaseFile, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("case file")
    )
    referred_on = models.DateField(_("referred on"))
    prosecution_office = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": AgencyKind.PROSECUTION},
        related_name="referrals_received",
        verbose_name=_("prosecution office"),
    )
    receipt_reference = models.CharField(
        _("receipt reference"),
        max_length=100,
        blank=True,
        help_text=_("The number on the prosecution office's receipt for the file."),
    )
    note = models.TextField(_("note"), blank=True)
    stage_change = models.OneToOneField(
        StageChange,
        on_delete=models.PROTECT,
        related_name="referral",
        verbose_name=_("stage change"),
    )

    class Meta:
        ordering = ["referred_on", "pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.prosecution_office} ({self.referred_on:%Y-%m-%d})"

    def clean(self) -> None:
        if in_future(self.referred_on):
            raise ValidationError({"referred_on": _("The referral date is in the future.")})


class Hearing(CasePart):
    """A court hearing in the case and what came of it."""

    case = models.ForeignKey(
        CaseFile, on_delete=models.PROTECT, related_name="hearings", verbose_name=_("case file")
    )
    held_on = models.DateField(_("held on"))
    outcome = models.TextField(_("outcome"))
    next_hearing_on = models.DateField(_("next hearing"), null=True, blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return str(_("hearing of %(date)s") % {"date": f"{self.held_on:%Y-%m-%d}"})

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if in_future(self.held_on):
            errors["held_on"] = _("Record a hearing once it has been held.")
        if self.held_on and self.next_hearing_on and self.next_hearing_on <= self.held_on:
            errors["next_hearing_on"] = _("The next hearing is after this one.")
        if errors:
            raise ValidationError(errors)


class LegalClockRule(models.Model):
    """A legal time limit kept as data: what starts it, how long it runs, where it applies.

    Reference data (reference/data/<country>/legal_clock_rules.csv), keyed by `code`. A blank
    `procedure` or `offence_class` applies to every one. `note` says what is not yet verified.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_km = models.CharField(_("label (Khmer)"), max_length=200, blank=True)
    article = models.CharField(_("legal basis"), max_length=200)
    starts_at = models.CharField(_("starts at"), max_length=20, choices=ClockEvent.choices)
    ends_at = models.CharField(
        _("stops at"), max_length=20, choices=ClockEvent.choices, default=ClockEvent.JUDGMENT
    )
    duration_value = models.PositiveIntegerField(_("duration"), validators=[MinValueValidator(1)])
    duration_unit = models.CharField(_("unit"), max_length=10, choices=DurationUnit.choices)
    extension_value = models.PositiveIntegerField(_("length of an extension"), default=0)
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed"), default=0)
    warn_hours = models.PositiveIntegerField(_("due soon (hours before the deadline)"), default=0)
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, blank=True
    )
    offence_class = models.CharField(
        _("offence class"), max_length=20, choices=OffenceClass.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    article_km = models.CharField(_("legal basis (Khmer)"), max_length=200, blank=True)
    note_km = models.TextField(_("note (Khmer)"), blank=True)
    km_verified = models.BooleanField(
        _("Khmer wording checked"),
        default=False,
        help_text=_("Checked against the official text."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("legal clock rule")
        verbose_name_plural = _("legal clock rules")

    def __str__(self) -> str:
        return f"{self.label} ({self.article_text})"

    @property
    def label(self) -> str:
        return in_language(self.label_en, self.label_km)

    @property
    def article_text(self) -> str:
        """The legal basis in the user's language."""
        return in_language(self.article, self.article_km)

    @property
    def note_text(self) -> str:
        """What is not yet verified, in the user's language."""
        return in_language(self.note, self.note_km)

    def applies_to(self, case: CaseFile) -> bool:
        return (not self.procedure or self.procedure == case.procedure) and (
            not self.offence_class or self.offence_class == case.offence_class
        )

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_at == self.ends_at:
            errors["ends_at"] = _("A clock stops at another event than the one that starts it.")
        if self.max_extensions and not self.extension_value:
            errors["extension_value"] = _("Give the length of an extension.")
        if errors:
            raise ValidationError(errors)


class PenaltyBand(models.Model):
    """A quantity range of the drug law for one substance category, and the penalty it carries.

    Each bound says whether it is inclusive; a missing bound is open. Reference data
    (reference/data/<country>/penalty_bands.csv), shown to investigators as information,
    never as a legal determination.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    substance_category = models.CharField(_("substance category"), max_length=60)
    lower_g = models.DecimalField(
        _("lower bound (g)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    lower_inclusive = models.BooleanField(_("lower bound included"), default=True)
    upper_g = models.DecimalField(
        _("upper bound (g)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    upper_inclusive = models.BooleanField(_("upper bound included"), default=True)
    penalty_en = models.TextField(_("penalty (English)"))
    penalty_km = models.TextField(_("penalty (Khmer)"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    legal_basis_km = models.CharField(_("legal basis (Khmer)"), max_length=200, blank=True)
    note_km = models.TextField(_("note (Khmer)"), blank=True)
    km_verified = models.BooleanField(
        _("Khmer wording checked"),
        default=False,
        help_text=_("Checked against the official text."),
    )

    class Meta:
        ordering = ["substance_category", "lower_g"]
        verbose_name = _("penalty band")
        verbose_name_plural = _("penalty bands")

    def __str__(self) -> str:
        return f"{self.substance_category}: {self.range_text}"

    @property
    def penalty(self) -> str:
        return in_language(self.penalty_en, self.penalty_km)

    @property
    def basis(self) -> str:
        """The legal basis in the user's language."""
        return in_language(self.legal_basis, self.legal_basis_km)

    @property
    def note_text(self) -> str:
        return in_language(self.note, self.note_km)

    @property
    def range_text(self) -> str:
        """The range as the law reads, e.g. "from 15 g to 80 g" or "over 240 g"."""
        # The law's thresholds as it writes them (whole grams), not a scale's two decimals.
        low = None if self.lower_g is None else f"{format_number(self.lower_g)} g"
        high = None if self.upper_g is None else f"{format_number(self.upper_g)} g"
        parts = []
        if low is not None:
            parts.append(
                str(_("from %(g)s") if self.lower_inclusive else _("over %(g)s")) % {"g": low}
            )
        if high is not None:
            parts.append(
                str(_("up to %(g)s") if self.upper_inclusive else _("under %(g)s")) % {"g": high}
            )
        return " ".join(parts)

    def contains(self, grams: Decimal) -> bool:
        if self.lower_g is not None and (
            grams < self.lower_g or (grams == self.lower_g and not self.lower_inclusive)
        ):
            return False
        return not (
            self.upper_g is not None
            and (grams > self.upper_g or (grams == self.upper_g and not self.upper_inclusive))
        )

    def overlaps(self, other: PenaltyBand) -> bool:
        """Whether some quantity falls in both bands (same category assumed)."""
        return not _below(self, other) and not _below(other, self)

    def clean(self) -> None:
        if self.lower_g is None and self.upper_g is None:
            raise ValidationError({"upper_g": _("Give at least one bound.")})
        if self.lower_g is not None and self.upper_g is not None:
            empty = self.upper_g < self.lower_g or (
                self.upper_g == self.lower_g and not (self.lower_inclusive and self.upper_inclusive)
            )
            if empty:
                raise ValidationError({"upper_g": _("The upper bound is below the lower bound.")})


def _below(first: PenaltyBand, second: PenaltyBand) -> bool:
    """Whether every quantity of `first` is below every quantity of `second`."""
    if first.upper_g is None or second.lower_g is None:
        return False
    if first.upper_g < second.lower_g:
        return True
    return first.upper_g == second.lower_g and not (
        first.upper_inclusive and second.lower_inclusive
    )
