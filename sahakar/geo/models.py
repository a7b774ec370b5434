"""The org-unit tree."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def within(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """`unit` and everything below it."""
        return self.filter(path__startswith=unit.path)


class OrgUnit(models.Model):
    """A node of the administrative tree: nation > province > district > commune.

    `path` is the chain of codes from the root ("/KH/12/1201/"), so a subtree is one indexed
    prefix filter on any database. Reference data: loaded by `sahakar load_reference`.
    """

    class Level(models.IntegerChoices):
        NATION = 0, _("nation")
        PROVINCE = 1, _("province or capital")
        DISTRICT = 2, _("district, municipality or khan")
        COMMUNE = 3, _("commune or sangkat")

    code = models.CharField(_("code"), max_length=20, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_km = models.CharField(_("name (Khmer)"), max_length=120, blank=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=10, blank=True)
    short_code = models.CharField(
        _("short code"),
        max_length=4,
        blank=True,
        help_text=_("Used in reference numbers, e.g. PP in OP-PP-2026-00042."),
    )
    path = models.CharField(max_length=255, unique=True, editable=False)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "km" and self.name_km:
            return self.name_km
        return self.name_en

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent else "/"
        return f"{prefix}{self.code}/"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = self.build_path()
        super().save(*args, **kwargs)

    def contains(self, other: OrgUnit | None) -> bool:
        return other is not None and other.path.startswith(self.path)

    def province(self) -> OrgUnit | None:
        """The province this unit lies in (itself for a province), None for the nation."""
        codes = self.path.strip("/").split("/")
        if len(codes) < 2:
            return None
        if self.level == self.Level.PROVINCE:
            return self
        return OrgUnit.objects.filter(code=codes[1]).first()
