"""Arrests, the offences and custody rules they are judged by, and how each custody ended."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.arrests.choices import (
    DUE_WINDOW,
    CorrectedTime,
    CustodyOutcomeKind,
    DrugTest,
    OffenceClass,
    StateFilter,
    SuspectRole,
)
from sahakar.core.languages import in_language
from sahakar.core.models import BaseModel
from sahakar.core.permissions import RestrictedQuerySet
from sahakar.core.refnumbers import ReferenceNumbered
from sahakar.core.times import local_text

# Clocks on officers' phones and servers differ a little: "in the future" allows this much.
CLOCK_TOLERANCE = timedelta(minutes=5)


class Offence(models.Model):
    """An offence of the Law on Drug Control (reference data, loaded per country)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    article = models.CharField(_("article"), max_length=40)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_km = models.CharField(_("title (Khmer)"), max_length=300, blank=True)
    offence_class = models.CharField(_("class"), max_length=20, choices=OffenceClass.choices)
    article_km = models.CharField(_("article (Khmer)"), max_length=200, blank=True)
    km_verified = models.BooleanField(
        _("Khmer wording checked"),
        default=False,
        help_text=_("Checked against the official text."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def __str__(self) -> str:
        return f"{self.article_text}: {self.title}"

    @property
    def title(self) -> str:
        """The title in the user's language (Khmer when chosen and known)."""
        return in_language(self.title_en, self.title_km)

    @property
    def article_text(self) -> str:
        """The law and article in the user's language."""
        return in_language(self.article, self.article_km)


class CustodyRule(models.Model):
    """How long police custody may last for an offence class, and how it may be extended.

    Cambodia: 48 hours from arrival at the unit (Code of Criminal Procedure, article 96);
    for felonies one written extension by the prosecutor. Reference data, per country.
    """

    offence_class = models.CharField(
        _("offence class"), max_length=20, choices=OffenceClass.choices, unique=True
    )
    base_hours = models.PositiveIntegerField(_("custody hours"))
    extension_hours = models.PositiveIntegerField(_("hours per extension"), default=0)
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed"), default=0)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    legal_basis_km = models.CharField(_("legal basis (Khmer)"), max_length=200, blank=True)
    km_verified = models.BooleanField(
        _("Khmer wording checked"),
        default=False,
        help_text=_("Checked against the official text."),
    )
    max_arrival_hours = models.PositiveIntegerField(
        _("hours allowed from arrest to arrival"),
        default=24,
        help_text=_("The longest time between the arrest and the arrival at the unit."),
    )

    class Meta:
        ordering = ["offence_class"]
        verbose_name = _("custody rule")
        verbose_name_plural = _("custody rules")

    def __str__(self) -> str:
        return f"{self.get_offence_class_display()}: {self.base_hours} h ({self.basis})"

    @property
    def basis(self) -> str:
        """The legal basis in the user's language."""
        return in_language(self.legal_basis, self.legal_basis_km)


# A custody whose deadline was once missed stays missed, whatever is corrected later.
_MISSED = Q(missed_deadline_at__isnull=False)
_NOT_MISSED = Q(missed_deadline_at__isnull=True)


class ArrestQuerySet(RestrictedQuerySet):
    """Arrests by where their custody stands at `now`, each one indexed filter on the deadline.

    An open custody whose deadline was recorded as missed (`missed_deadline_at`) counts as
    overdue until its outcome is recorded, and then as ended late."""

    def open(self) -> ArrestQuerySet:
        """Custodies without a recorded outcome."""
        return self.filter(outcome__isnull=True)

    def overdue(self, now: datetime) -> ArrestQuerySet:
        return self.open().filter(Q(custody_deadline__lt=now) | _MISSED)

    def due_soon(self, now: datetime) -> ArrestQuerySet:
        return self.open().filter(
            _NOT_MISSED, custody_deadline__gte=now, custody_deadline__lte=now + DUE_WINDOW
        )

    def needing_attention(self, now: datetime) -> ArrestQuerySet:
        """Due within the window or already overdue: what the due list shows."""
        return self.open().filter(Q(custody_deadline__lte=now + DUE_WINDOW) | _MISSED)

    def missed(self, now: datetime) -> ArrestQuerySet:
        """Custodies whose deadline passed without an outcome: overdue now, ended late, or
        recorded as missed before a correction moved the deadline."""
        return self.filter(
            _MISSED
            | Q(outcome__isnull=True, custody_deadline__lt=now)
            | Q(outcome__decided_at__gt=F("custody_deadline"))
        )

    def in_states(self, states: Iterable[str], now: datetime) -> ArrestQuerySet:
        """Arrests in any of `states` (StateFilter values)."""
        conditions: dict[str, Q] = {
            StateFilter.IN_CUSTODY: _NOT_MISSED
            & Q(outcome__isnull=True, custody_deadline__gt=now + DUE_WINDOW),
            StateFilter.DUE_SOON: _NOT_MISSED
            & Q(
                outcome__isnull=True,
                custody_deadline__gte=now,
                custody_deadline__lte=now + DUE_WINDOW,
            ),
            StateFilter.OVERDUE: Q(outcome__isnull=True) & (Q(custody_deadline__lt=now) | _MISSED),
            StateFilter.ENDED: Q(outcome__isnull=False),
            StateFilter.ENDED_LATE: Q(outcome__isnull=False)
            & (Q(outcome__decided_at__gt=F("custody_deadline")) | _MISSED),
        }
        chosen = [conditions[state] for state in states if state in conditions]
        if not chosen:
            return self
        condition = Q()
        for one in chosen:
            condition |= one
        return self.filter(condition)


class Arrest(ReferenceNumbered, BaseModel):
    """One person taken into custody: when, where, by whom, for what, and the custody clock.

    `custody_deadline` is written only by arrests.services: arrival at the unit plus the
    custody rule of the gravest suspected offence plus granted extensions. Stored, so the
    due and overdue lists are one indexed query. The times of arrest and arrival change only
    by a CustodyCorrection; `missed_deadline_at` keeps a deadline that passed without an
    outcome, so no correction turns a missed deadline into one met.
    """

    reference_prefix = "AR"

    person = models.ForeignKey(
        "persons.Person",
        on_delete=models.PROTECT,
        related_name="arrests",
        verbose_name=_("person"),
    )
    arrested_at = models.DateTimeField(_("time of arrest"))
    arrived_at = models.DateTimeField(
        _("arrival at the unit"),
        help_text=_(
            "When the person arrived at the police or gendarmerie unit: the custody "
            "clock starts here."
        ),
    )
    org_unit = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="arrests",
        verbose_name=_("org unit"),
    )
    venue = models.ForeignKey(
        "venues.Venue",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arrests",
        verbose_name=_("venue"),
    )
    place_description = models.CharField(_("place"), max_length=300, blank=True)
    arresting_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="arrests",
        verbose_name=_("arresting agency"),
    )
    operation = models.ForeignKey(
        "operations.Operation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arrests",
        verbose_name=_("operation"),
    )
    seizures = models.ManyToManyField(
        "seizures.Seizure", blank=True, related_name="arrests", verbose_name=_("seizures")
    )
    offences = models.ManyToManyField(
        Offence, related_name="arrests", verbose_name=_("suspected offences")
    )
    suspect_role = models.CharField(_("role"), max_length=20, choices=SuspectRole.choices)
    drug_test = models.CharField(
        _("drug test"), max_length=20, choices=DrugTest.choices, default=DrugTest.NOT_TESTED
    )
    prosecutor_informed_at = models.DateTimeField(_("prosecutor informed"), null=True, blank=True)
    custody_deadline = models.DateTimeField(_("custody deadline"), editable=False, db_index=True)
    missed_deadline_at = models.DateTimeField(
        _("deadline missed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The first deadline that passed without an outcome: kept whatever is corrected later."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ArrestQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["-arrested_at", "-pk"]
        indexes = [models.Index(fields=["arrested_at"])]
        verbose_name = _("arrest")
        verbose_name_plural = _("arrests")

    def __str__(self) -> str:
        return self.reference or str(_("new arrest"))

    def get_absolute_url(self) -> str:
        return reverse("arrests:arrest_detail", args=[self.pk])

    def reference_time(self) -> datetime:
        return self.arrested_at

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        latest = timezone.now() + CLOCK_TOLERANCE
        arrested, arrived, informed = self.arrested_at, self.arrived_at, self.prosecutor_informed_at
        if arrested and arrested > latest:
            errors["arrested_at"] = _("The time of arrest is in the future.")
        if arrived and arrived > latest:
            errors["arrived_at"] = _("The arrival at the unit is in the future.")
        elif arrested and arrived and arrived < arrested:
            errors["arrived_at"] = _(
                "The arrival at the unit (%(arrived)s) is before the arrest (%(arrested)s)."
            ) % {"arrived": local_text(arrived), "arrested": local_text(arrested)}
        if informed and informed > latest:
            errors["prosecutor_informed_at"] = _(
                "The time the prosecutor was informed is in the future."
            )
        elif informed and arrested and informed < arrested:
            errors["prosecutor_informed_at"] = _(
                "The prosecutor cannot be informed before the arrest."
            )
        if not self.venue_id and not self.place_description.strip():
            errors["place_description"] = _("Name the venue or describe the place.")
        errors.update(self._place_errors())
        if (
            self.operation is not None
            and arrested
            and not {"operation", "arrested_at"} & set(errors)
        ):
            errors.update(
                self.operation.linked_time_errors(arrested, _("an arrest"), "arrested_at")
            )
        if errors:
            raise ValidationError(errors)

    def _place_errors(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        if not self.org_unit_id:
            return errors
        venue, operation = self.venue, self.operation
        if venue is not None and not self.org_unit.contains(venue.org_unit):
            errors["venue"] = _("This venue is outside the arrest's org unit (%(unit)s).") % {
                "unit": self.org_unit
            }
        if operation is not None and not (
            operation.org_unit.contains(self.org_unit) or self.org_unit.contains(operation.org_unit)
        ):
            errors["operation"] = _("This operation took place elsewhere (%(unit)s).") % {
                "unit": operation.org_unit
            }
        return errors


class CustodyDeadline(Arrest):
    """An arrest's custody clock without who was arrested: reference, place, agency, deadline.

    A record type of its own so that the role table can let commanders and analysts, who
    never see suspects, follow custodies due and overdue (the due list and home banner).
    Roles allowed to view arrests see these too.
    """

    class Meta:
        proxy = True
        verbose_name = _("custody deadline")
        verbose_name_plural = _("custody deadlines")


class CustodyExtension(BaseModel):
    """A written extension of custody by the prosecutor: order reference and reason required."""

    jurisdiction_field = "arrest__org_unit"

    arrest = models.ForeignKey(
        Arrest, on_delete=models.PROTECT, related_name="extensions", verbose_name=_("arrest")
    )
    granted_at = models.DateTimeField(_("granted at"))
    hours = models.PositiveIntegerField(_("hours"))
    order_reference = models.CharField(_("prosecutor's order reference"), max_length=100)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["granted_at"]
        verbose_name = _("custody extension")
        verbose_name_plural = _("custody extensions")

    def __str__(self) -> str:
        return f"+{self.hours} h ({self.order_reference})"

    def get_absolute_url(self) -> str:
        return self.arrest.get_absolute_url()

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.hours is not None and self.hours < 1:
            errors["hours"] = _("An extension is at least one hour.")
        if not self.order_reference.strip():
            errors["order_reference"] = _(
                "An extension needs the prosecutor's written order: give its reference."
            )
        if not self.reason.strip():
            errors["reason"] = _("Give the reason for the extension, as the order states it.")
        if errors:
            raise ValidationError(errors)


class CustodyOutcome(BaseModel):
    """How a custody ended: exactly one per arrest."""

    jurisdiction_field = "arrest__org_unit"

    arrest = models.OneToOneField(
        Arrest, on_delete=models.PROTECT, related_name="outcome", verbose_name=_("arrest")
    )
    kind = models.CharField(_("outcome"), max_length=20, choices=CustodyOutcomeKind.choices)
    decided_at = models.DateTimeField(_("time"))
    reason = models.TextField(_("reason"), blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Referral receipt, release order or treatment centre admission number."),
    )
    referral = models.ForeignKey(
        "cases.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="custody_outcomes",
        verbose_name=_("case referral"),
        help_text=_("The referral of a case file that ended this custody."),
    )

    class Meta:
        verbose_name = _("custody outcome")
        verbose_name_plural = _("custody outcomes")

    def __str__(self) -> str:
        return self.get_kind_display()

    def get_absolute_url(self) -> str:
        return self.arrest.get_absolute_url()

    def clean(self) -> None:
        if self.kind == CustodyOutcomeKind.RELEASED and not self.reason.strip():
            raise ValidationError({"reason": _("Say why the person was released.")})


class CustodyCorrection(BaseModel):
    """A correction of an arrest's time of arrest or arrival at the unit: which time, the value
    before and after, why, and who corrected it (when: `created`). Never edited or removed;
    arrests.services.correct_custody_times is its only writer."""

    jurisdiction_field = "arrest__org_unit"

    arrest = models.ForeignKey(
        Arrest, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("arrest")
    )
    field = models.CharField(_("time corrected"), max_length=20, choices=CorrectedTime.choices)
    old_value = models.DateTimeField(_("before"))
    new_value = models.DateTimeField(_("after"))
    reason = models.TextField(_("reason"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("corrected by"),
    )

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("custody time correction")
        verbose_name_plural = _("custody time corrections")

    def __str__(self) -> str:
        before, after = local_text(self.old_value), local_text(self.new_value)
        return f"{self.get_field_display()}: {before} → {after}"

    def get_absolute_url(self) -> str:
        return self.arrest.get_absolute_url()
