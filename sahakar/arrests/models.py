"""Arrests, the offences and custody rules they are judged by, and how each custody ended."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sahakar.arrests.choices import CustodyOutcomeKind, DrugTest, OffenceClass, SuspectRole
from sahakar.core.models import BaseModel
from sahakar.core.refnumbers import ReferenceNumbered


class Offence(models.Model):
    """An offence of the Law on Drug Control (reference data, loaded per country)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    article = models.CharField(_("article"), max_length=40)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_km = models.CharField(_("title (Khmer)"), max_length=300, blank=True)
    offence_class = models.CharField(_("class"), max_length=20, choices=OffenceClass.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def __str__(self) -> str:
        title = self.title_km if get_language() == "km" and self.title_km else self.title_en
        return f"{self.article}: {title}"


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

    class Meta:
        ordering = ["offence_class"]
        verbose_name = _("custody rule")
        verbose_name_plural = _("custody rules")

    def __str__(self) -> str:
        return f"{self.get_offence_class_display()}: {self.base_hours} h ({self.legal_basis})"


class Arrest(ReferenceNumbered, BaseModel):
    """One person taken into custody: when, where, by whom, for what, and the custody clock.

    `custody_deadline` is kept by arrests.services from the custody rule of the gravest
    suspected offence plus granted extensions, so the due and overdue lists are one query.
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
    custody_deadline = models.DateTimeField(
        _("custody deadline"), null=True, blank=True, editable=False, db_index=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-arrested_at", "-pk"]
        verbose_name = _("arrest")
        verbose_name_plural = _("arrests")

    def __str__(self) -> str:
        return self.reference or str(_("new arrest"))

    def get_absolute_url(self) -> str:
        return reverse("arrests:arrest_detail", args=[self.pk])

    def reference_time(self) -> datetime:
        return self.arrested_at


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

    class Meta:
        verbose_name = _("custody outcome")
        verbose_name_plural = _("custody outcomes")

    def __str__(self) -> str:
        return self.get_kind_display()

    def get_absolute_url(self) -> str:
        return self.arrest.get_absolute_url()
