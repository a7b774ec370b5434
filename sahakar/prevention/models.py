"""Prevention campaigns and the audiences they reached."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.core.models import BaseModel
from sahakar.core.permissions import RestrictedQuerySet
from sahakar.core.refnumbers import ReferenceNumbered
from sahakar.prevention.choices import AgeGroup, AudienceSex, CampaignKind

# More people than live in Cambodia is not a count of one audience group: a typing error.
MAX_COUNT = 20_000_000


class CampaignQuerySet(RestrictedQuerySet):
    def with_reached(self) -> CampaignQuerySet:
        """Annotate `reached`, the sum of the audience counts (0 when none), in the same query."""
        totals = (
            AudienceCount.objects.filter(campaign=OuterRef("pk"))
            .order_by()
            .values("campaign")
            .annotate(total=Sum("count"))
            .values("total")
        )
        return self.annotate(
            reached=Coalesce(Subquery(totals, output_field=models.IntegerField()), 0)
        )


class Campaign(ReferenceNumbered, BaseModel):
    """A prevention activity: a school session, an outreach day, a broadcast.

    Organised by one agency (often a ministry) with partners, held somewhere between two
    dates, and reaching an audience counted by sex and age group (AudienceCount). The number
    of people reached is derived from those counts, never typed.
    """

    reference_prefix = "PC"

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_('For example "Drug-free school talk, Wat Bo High School".'),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=CampaignKind.choices)
    organiser = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="organised_campaigns",
        verbose_name=_("organising agency"),
    )
    partners = models.ManyToManyField(
        "agencies.Agency",
        blank=True,
        related_name="partnered_campaigns",
        verbose_name=_("partner agencies"),
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(
        _("end date"), help_text=_("The same as the start date for a one-day campaign.")
    )
    org_unit = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("org unit"),
    )
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("School, pagoda, village, market, factory or station."),
    )
    materials = models.CharField(
        _("materials distributed"),
        max_length=300,
        blank=True,
        help_text=_("For example leaflets, posters, T-shirts."),
    )
    materials_quantity = models.PositiveIntegerField(
        _("quantity of materials"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_COUNT)],
    )
    key_message = models.TextField(_("key message"), blank=True)

    objects = CampaignQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}" if self.reference else self.title

    def get_absolute_url(self) -> str:
        return reverse("prevention:campaign_detail", args=[self.pk])

    def reference_time(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.starts_on, time(12)))

    def total_reached(self) -> int:
        """People reached: the annotation of a list (with_reached), else the prefetched or
        stored audience counts."""
        annotated = getattr(self, "reached", None)
        if annotated is not None:
            return int(annotated)
        return sum(row.count for row in self.audience.all())

    def audience_grid(self) -> dict[str, Any]:
        """The counts as a table: a row per age group, a column per sex, with totals."""
        counts = {(row.age_group, row.sex): row.count for row in self.audience.all()}
        grid = [[counts.get((group, sex), 0) for sex in AudienceSex] for group in AgeGroup]
        rows = [
            {"label": group.label, "cells": cells, "total": sum(cells)}
            for group, cells in zip(AgeGroup, grid, strict=True)
        ]
        columns = [sum(column) for column in zip(*grid, strict=True)]
        return {
            "headers": [sex.label for sex in AudienceSex],
            "rows": rows,
            "totals": columns,
            "total": sum(columns),
        }

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        if self.materials_quantity and not self.materials.strip():
            errors["materials"] = _("Say what was distributed.")
        if errors:
            raise ValidationError(errors)


class AudienceCount(BaseModel):
    """How many people of one sex and age group a campaign reached (one row per group)."""

    jurisdiction_field = "campaign__org_unit"

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="audience", verbose_name=_("campaign")
    )
    sex = models.CharField(_("sex"), max_length=1, choices=AudienceSex.choices)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    count = models.PositiveIntegerField(
        _("people"), validators=[MinValueValidator(0), MaxValueValidator(MAX_COUNT)]
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "sex", "age_group"],
                name="one_count_per_audience_group",
                violation_error_message=_("This sex and age group is counted twice."),
            )
        ]
        verbose_name = _("audience count")
        verbose_name_plural = _("audience counts")

    def __str__(self) -> str:
        return f"{self.get_sex_display()}, {self.get_age_group_display()}: {self.count}"

    def get_absolute_url(self) -> str:
        return self.campaign.get_absolute_url()
