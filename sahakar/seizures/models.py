"""Seizures, their drug items and the other property seized with them."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from sahakar.core.models import BaseModel
from sahakar.core.numbers import SYMBOLS, format_number, format_quantity
from sahakar.core.refnumbers import ReferenceNumbered
from sahakar.seizures.choices import PropertyKind, Transport
from sahakar.substances.choices import MAX_QUANTITY, UNITS_FOR_FORM, Form, Unit, labels, units_for

# How a unit is written after a number in summaries ("2,000 tablets METH; 1.200 kg KET"):
# one table for every page, in core/numbers.py, with the decimals shown per unit.
UNIT_SYMBOLS: dict[str, str | Promise] = {unit: SYMBOLS[unit] for unit in Unit.values}


def plain_number(value: Decimal) -> str:
    """A decimal as people write it: no trailing zeros, grouped thousands, in the user's locale."""
    return format_number(value)


class Seizure(ReferenceNumbered, BaseModel):
    """One confiscation: when, where, by whom, and (in items) what."""

    reference_prefix = "SZ"

    seized_at = models.DateTimeField(_("time of seizure"))
    org_unit = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="seizures",
        verbose_name=_("org unit"),
    )
    venue = models.ForeignKey(
        "venues.Venue",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seizures",
        verbose_name=_("venue"),
    )
    place_description = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("Where, when it was not at a known venue (road, km marker, river bank)."),
    )
    seizing_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="seizures",
        verbose_name=_("seizing agency"),
    )
    operation = models.ForeignKey(
        "operations.Operation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seizures",
        verbose_name=_("operation"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-seized_at", "-pk"]
        indexes = [models.Index(fields=["seized_at"])]
        verbose_name = _("seizure")
        verbose_name_plural = _("seizures")

    def __str__(self) -> str:
        return self.reference or str(_("new seizure"))

    def get_absolute_url(self) -> str:
        return reverse("seizures:seizure_detail", args=[self.pk])

    def reference_time(self) -> datetime:
        return self.seized_at

    def items_summary(self) -> str:
        """What was seized in one line, e.g. "2,000 tablets METH; 1.2 kg KET".

        Reads `items.all()`, so a list prefetches items with their substances.
        """
        return "; ".join(item.summary() for item in self.items.all())

    # Methods rather than properties: the `property` relation shadows the builtin in this class.
    def total_kg_equivalent(self) -> Decimal | None:
        """The sum over the items that have a conversion factor; None when none has one."""
        known = [i.kg_equivalent for i in self.items.all() if i.kg_equivalent is not None]
        return sum(known, Decimal(0)) if known else None

    def total_kg_equivalent_text(self) -> str:
        total = self.total_kg_equivalent()
        return "" if total is None else format_quantity(total, Unit.KG, with_unit=False)

    def items_without_factor(self) -> int:
        """Items left out of the total because no conversion factor covers their unit."""
        return sum(1 for item in self.items.all() if item.kg_equivalent is None)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.seized_at and self.seized_at > timezone.now() + timedelta(minutes=5):
            errors["seized_at"] = _("The time of seizure is in the future.")
        if not self.venue_id and not self.place_description.strip():
            errors["place_description"] = _("Name the venue or describe the place.")
        venue, operation = self.venue, self.operation
        if venue is not None and self.org_unit_id and not self.org_unit.contains(venue.org_unit):
            errors["venue"] = _("This venue is outside the seizure's org unit (%(unit)s).") % {
                "unit": self.org_unit
            }
        if (
            operation is not None
            and self.org_unit_id
            and not (
                operation.org_unit.contains(self.org_unit)
                or self.org_unit.contains(operation.org_unit)
            )
        ):
            errors["operation"] = _("This operation took place elsewhere (%(unit)s).") % {
                "unit": operation.org_unit
            }
        if (
            operation is not None
            and self.seized_at
            and not {"operation", "seized_at"} & set(errors)
        ):
            errors.update(operation.linked_time_errors(self.seized_at, _("a seizure"), "seized_at"))
        if errors:
            raise ValidationError(errors)


KG_PLACES = Decimal("0.000001")  # SeizureItem.kg_equivalent's decimal places


def kg_of(quantity: Decimal, factor: Decimal | None) -> Decimal | None:
    """The kg equivalent as stored: rounded to the field's places, so that what the database
    sums is what a record shows (SQLite would otherwise keep every digit of the product)."""
    return None if factor is None else (quantity * factor).quantize(KG_PLACES)


class SeizureItem(BaseModel):
    """One substance in one form, in the quantity and unit it was counted in.

    `kg_equivalent` is derived from the documented conversion factors (substances app) when
    the item is saved; the recorded quantity and unit are never changed.
    """

    jurisdiction_field = "seizure__org_unit"

    seizure = models.ForeignKey(
        Seizure, on_delete=models.CASCADE, related_name="items", verbose_name=_("seizure")
    )
    substance = models.ForeignKey(
        "substances.Substance",
        on_delete=models.PROTECT,
        related_name="seizure_items",
        verbose_name=_("substance"),
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    packaging = models.CharField(_("packaging"), max_length=200, blank=True)
    markings = models.CharField(
        _("markings"), max_length=100, blank=True, help_text=_('For example "WY" on tablets.')
    )
    concealment = models.CharField(_("concealment"), max_length=200, blank=True)
    origin_country = CountryField(_("origin country"), blank=True)
    transit_countries = CountryField(_("transit countries"), multiple=True, blank=True)
    destination_country = CountryField(_("destination country"), blank=True)
    transport = models.CharField(
        _("means of transport"), max_length=20, choices=Transport.choices, blank=True
    )
    kg_equivalent = models.DecimalField(
        _("kg equivalent"),
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("seizure item")
        verbose_name_plural = _("seizure items")

    def __str__(self) -> str:
        return f"{format_quantity(self.quantity, self.unit)} {self.substance}"

    def get_absolute_url(self) -> str:
        return self.seizure.get_absolute_url()

    @property
    def quantity_text(self) -> str:
        """The recorded quantity and unit, e.g. "2,000 tablets"."""
        return format_quantity(self.quantity, self.unit)

    @property
    def kg_equivalent_text(self) -> str:
        if self.kg_equivalent is None:
            return ""
        return format_quantity(self.kg_equivalent, Unit.KG, with_unit=False)

    def summary(self) -> str:
        return f"{self.quantity_text} {self.substance.code}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        # Each refusal names what fits, so that the page explains it without JavaScript.
        if self.form and self.unit and self.unit not in UNITS_FOR_FORM.get(self.form, ()):
            errors["unit"] = _("%(unit)s is not a unit for %(form)s; use %(units)s.") % {
                "unit": Unit(self.unit).label,
                "form": Form(self.form).label,
                "units": labels(units_for(self.form), Unit),
            }
        if self.substance_id and self.form and not self.substance.allows_form(self.form):
            errors["form"] = _("%(substance)s is not seized as %(form)s; choose %(forms)s.") % {
                "substance": self.substance,
                "form": Form(self.form).label,
                "forms": labels(self.substance.forms, Form),
            }
        limit = MAX_QUANTITY.get(self.unit)
        if self.quantity is not None and limit is not None and self.quantity > limit:
            errors["quantity"] = _(
                "%(quantity)s %(unit)s is not a plausible quantity for one item."
            ) % {"quantity": self.quantity, "unit": self.unit}
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        factor = self.substance.kg_per_unit(self.unit)
        self.kg_equivalent = kg_of(self.quantity, factor)
        super().save(*args, **kwargs)


class SeizedProperty(BaseModel):
    """Non-drug property seized with the drugs: cash, vehicles, phones, weapons, scales."""

    jurisdiction_field = "seizure__org_unit"

    seizure = models.ForeignKey(
        Seizure, on_delete=models.CASCADE, related_name="property", verbose_name=_("seizure")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PropertyKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    count = models.PositiveIntegerField(_("count"), default=1, validators=[MinValueValidator(1)])
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("For cash, the amount; otherwise an estimate if known."),
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("seized property")
        verbose_name_plural = _("seized property")

    def __str__(self) -> str:
        return f"{self.count} x {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return self.seizure.get_absolute_url()

    @property
    def value_text(self) -> str:
        if self.value is None:
            return ""
        return f"{plain_number(self.value)} {self.currency}".strip()

    def clean(self) -> None:
        if self.value is not None and not self.currency.strip():
            raise ValidationError({"currency": _("Give the currency of the value.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.currency = self.currency.strip().upper()  # "usd" from the page or the API: USD
        super().save(*args, **kwargs)
