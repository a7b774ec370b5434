"""Persons: suspects' identities."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from sahakar.core.models import BaseModel
from sahakar.persons.choices import DocumentType, Sex


class Person(BaseModel):
    """A person in the record, named in Khmer script and in Latin letters.

    Personal data: only roles that need it see persons at all (core.permissions).
    `org_unit` is where the person was first recorded, which decides jurisdiction.
    """

    name_km = models.CharField(_("name (Khmer script)"), max_length=200, blank=True)
    name_latin = models.CharField(_("name (Latin letters)"), max_length=200, blank=True)
    alias = models.CharField(_("alias"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        help_text=_("When only the year is known."),
    )
    nationality = CountryField(_("nationality"), blank=True)
    document_type = models.CharField(
        _("identity document"), max_length=20, choices=DocumentType.choices, blank=True
    )
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    org_unit = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("recorded in"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name_latin", "name_km"]
        indexes = [
            models.Index(fields=["name_latin"]),
            models.Index(fields=["document_number"]),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        names = [n for n in (self.name_km, self.name_latin) if n]
        return " / ".join(names) or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("persons:person_detail", args=[self.pk])

    @property
    def year_of_birth(self) -> int | None:
        return self.date_of_birth.year if self.date_of_birth else self.birth_year

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not self.name_km.strip() and not self.name_latin.strip():
            errors["name_latin"] = _("Give the name in Khmer script, in Latin letters, or both.")
        today = timezone.localdate()
        if self.date_of_birth and self.date_of_birth > today:
            errors["date_of_birth"] = _("The date of birth is in the future.")
        if self.birth_year is not None and not 1900 <= self.birth_year <= today.year:
            errors["birth_year"] = _("The year of birth must be between 1900 and %(year)s.") % {
                "year": today.year
            }
        if (
            self.date_of_birth
            and self.birth_year is not None
            and self.date_of_birth.year != self.birth_year
        ):
            errors["birth_year"] = _("The year of birth does not match the date of birth.")
        if self.document_number and not self.document_type:
            errors["document_type"] = _("Say what kind of document the number is from.")
        if errors:
            raise ValidationError(errors)
