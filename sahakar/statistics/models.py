"""The analytics tables: aggregates precomputed from the records, kept current by refresh.py."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sahakar.core.permissions import RestrictedQuerySet


class Grain(models.TextChoices):
    """How fine a fact is. Days at the record's own org unit are the base; months by district
    and by province are sums of it, so a national dashboard reads a few thousand rows."""

    DAY = "d", _("day, at the record's org unit")
    MONTH_DISTRICT = "m", _("month, by district")
    MONTH_PROVINCE = "p", _("month, by province")


class Fact(models.Model):
    """One cell of an analytics table: a family's measures for one period, org unit and
    combination of dimensions.

    `family` says what is counted (families.py names its dimensions `a`-`d` and its measures
    `n`, `x`, `q`, `kg`). `unit_path` is the org unit's path at this grain, so restrict()
    scopes facts like records; `province` and `district` are the gazetteer codes it lies in
    ("" above that level). Facts are written only by refresh.py.
    """

    family = models.CharField(max_length=12)
    grain = models.CharField(max_length=1, choices=Grain.choices)
    period = models.DateField()
    unit_path = models.CharField(max_length=255)
    province = models.CharField(max_length=10, blank=True)
    district = models.CharField(max_length=10, blank=True)
    agency = models.CharField(max_length=40, blank=True)
    a = models.CharField(max_length=40, blank=True)
    b = models.CharField(max_length=40, blank=True)
    c = models.CharField(max_length=40, blank=True)
    d = models.CharField(max_length=40, blank=True)
    n = models.BigIntegerField(default=0)
    x = models.BigIntegerField(default=0)
    q = models.DecimalField(max_digits=24, decimal_places=6, default=0)
    kg = models.DecimalField(max_digits=24, decimal_places=6, default=0)

    objects = RestrictedQuerySet.as_manager()

    jurisdiction_field: ClassVar[str] = "unit_path"

    class Meta:
        verbose_name = _("statistic")
        verbose_name_plural = _("statistics")
        indexes = [
            models.Index(fields=["family", "grain", "period"], name="fact_period"),
            models.Index(
                fields=["family", "grain", "province", "district", "period"], name="fact_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family} {self.grain} {self.period} {self.unit_path}"

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        """Facts inside the org-unit subtree at `path`, as for records."""
        return Q(unit_path__startswith=path)


class PendingSlice(models.Model):
    """A day of one org unit whose facts of one family a write changed: written in the
    write's transaction, so a crash between the commit and the refresh loses nothing; the
    next refresh (or `rebuild_statistics --pending`) picks it up."""

    family = models.CharField(max_length=12)
    day = models.DateField()
    unit_path = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("statistics to refresh")
        verbose_name_plural = _("statistics to refresh")
        constraints = [
            models.UniqueConstraint(fields=["family", "day", "unit_path"], name="pending_slice")
        ]

    def __str__(self) -> str:
        return f"{self.family} {self.day} {self.unit_path}"
