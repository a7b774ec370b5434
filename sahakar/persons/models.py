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
from sahakar.core.permissions import RestrictedQuerySet
from sahakar.persons import names
from sahakar.persons.choices import DocumentType, Sex

# Fields Person.save() derives from the names and the document number (see names.py).
KEY_SOURCES = frozenset({"name_km", "name_latin", "document_number"})
KEY_FIELDS = ("name_key", "name_fold", "name_key_km", "document_key")


class PersonQuerySet(RestrictedQuerySet):
    def current(self) -> PersonQuerySet:
        """Persons not merged into another: what lists, search and pickers offer."""
        return self.filter(merged_into__isnull=True)


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
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_from",
        verbose_name=_("merged into"),
        help_text=_("Set when this record was found to duplicate another and merged into it."),
    )
    # Derived on save, for finding likely duplicates by index (names.py, duplicates.py).
    name_key = models.CharField(_("name key"), max_length=200, blank=True, editable=False)
    name_fold = models.CharField(_("folded name"), max_length=200, blank=True, editable=False)
    name_key_km = models.CharField(_("Khmer name key"), max_length=200, blank=True, editable=False)
    document_key = models.CharField(
        _("document key"), max_length=60, blank=True, editable=False, db_index=True
    )

    objects = PersonQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["name_latin", "name_km"]
        indexes = [
            models.Index(fields=["name_latin"]),
            models.Index(fields=["document_number"]),
            # Likely duplicates: one name block, narrowed by year of birth (duplicates.py).
            models.Index(fields=["name_key", "birth_year"], name="person_name_key_year"),
            models.Index(fields=["name_key_km", "birth_year"], name="person_km_key_year"),
            # Search: names beginning with what was typed (lookup.py).
            models.Index(fields=["name_fold"], name="person_name_fold"),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        names = [n for n in (self.name_km, self.name_latin) if n]
        return " / ".join(names) or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("persons:person_detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and KEY_SOURCES & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *KEY_FIELDS}
        super().save(*args, **kwargs)

    def derive_keys(self) -> None:
        """Fill the duplicate-finding keys from the names and the document number."""
        keys = names.keys_for(self.name_latin, self.name_km, self.document_number)
        for field, value in keys.items():
            setattr(self, field, value)

    @property
    def year_of_birth(self) -> int | None:
        return self.date_of_birth.year if self.date_of_birth else self.birth_year

    def clean(self) -> None:
        if self.merged_into_id is not None:
            raise ValidationError(
                _("This record was merged into person #%(pk)s; change that record instead.")
                % {"pk": self.merged_into_id}
            )
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
