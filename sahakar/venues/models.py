"""Venues: places of interest to enforcement."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sahakar.core.models import BaseModel
from sahakar.venues.choices import VenueKind


class Venue(BaseModel):
    """A nightclub, karaoke bar, port, checkpoint or other place that operations inspect.

    Its record of findings is derived from its inspections (operations.Inspection).
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=VenueKind.choices)
    org_unit = models.ForeignKey(
        "geo.OrgUnit", on_delete=models.PROTECT, related_name="venues", verbose_name=_("org unit")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    licence_number = models.CharField(_("licence number"), max_length=60, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("venues:venue_detail", args=[self.pk])

    def coordinates_text(self) -> str:
        """ "11.678376° N, 105.006077° E" in every language: a decimal comma would make the
        comma between latitude and longitude ambiguous."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = Decimal(self.latitude), Decimal(self.longitude)
        return f"{abs(lat):f}° {'N' if lat >= 0 else 'S'}, {abs(lon):f}° {'E' if lon >= 0 else 'W'}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})
