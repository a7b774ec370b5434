"""Substances, the forms they are seized in, and kilogram conversion factors, all as data."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sahakar.substances.choices import Form, Schedule, Unit


class Substance(models.Model):
    """A controlled substance or precursor, with its schedule, forms and export mappings.

    Reference data: loaded by `sahakar load_reference`, keyed by `code`.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_km = models.CharField(_("name (Khmer)"), max_length=120, blank=True)
    street_names = models.CharField(_("street names"), max_length=200, blank=True)
    schedule = models.CharField(_("schedule"), max_length=3, choices=Schedule.choices)
    category = models.CharField(_("category"), max_length=60)
    forms = models.JSONField(
        _("forms"), default=list, help_text=_("The forms this substance is seized in.")
    )
    nibrs_code = models.CharField(_("NIBRS drug type code"), max_length=2, blank=True)
    unodc_name = models.CharField(_("UNODC drug name"), max_length=120, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("substance")
        verbose_name_plural = _("substances")

    def __str__(self) -> str:
        if get_language() == "km" and self.name_km:
            return self.name_km
        return self.name_en

    def allows_form(self, form: str) -> bool:
        return form in self.forms

    def picker_label(self) -> str:
        """Both names and the street names, for a choice: "មេតំហ្វេតាមីន / Methamphetamine
        (ice, crystal, yaba, WY tablets)"; an officer knows it by any of them."""
        names = " / ".join(n for n in (self.name_km, self.name_en) if n)
        return f"{names} ({self.street_names})" if self.street_names else names

    def kg_per_unit(self, unit: str) -> Decimal | None:
        """The documented factor from `unit` to kilograms for this substance, if any."""
        factor = (
            ConversionFactor.objects.filter(
                models.Q(substance=self) | models.Q(substance__isnull=True), unit=unit
            )
            .order_by(models.F("substance").asc(nulls_last=True))
            .first()
        )
        return factor.kg_per_unit if factor else None


class ConversionFactor(models.Model):
    """How many kilograms one unit counts as, for statistics. Recorded quantities never change.

    A factor without a substance applies to every substance (g and kg); substance factors
    (a methamphetamine tablet as 0.1 g) take precedence. `source` documents where it comes from.
    """

    substance = models.ForeignKey(
        Substance,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="factors",
        verbose_name=_("substance"),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    kg_per_unit = models.DecimalField(_("kilograms per unit"), max_digits=16, decimal_places=10)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["substance__name_en", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["substance", "unit"], name="one_factor_per_unit"),
            models.UniqueConstraint(
                fields=["unit"],
                condition=models.Q(substance__isnull=True),
                name="one_generic_factor_per_unit",
            ),
        ]
        verbose_name = _("conversion factor")
        verbose_name_plural = _("conversion factors")

    def __str__(self) -> str:
        return f"{self.substance or _('any substance')}: 1 {self.unit} = {self.kg_per_unit} kg"


__all__ = ["ConversionFactor", "Form", "Substance", "Unit"]
