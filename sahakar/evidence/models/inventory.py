"""Inventory audits of a store (IAPE standard 15.1): what should be there, what was found."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sahakar.core import permissions
from sahakar.core.models import BaseModel
from sahakar.evidence.choices import InventoryFinding, InventoryKind


class Inventory(BaseModel):
    """A count of one store: started, scanned, closed; the findings are kept."""

    jurisdiction_field = "store__org_unit"

    store = models.ForeignKey(
        "evidence.EvidenceStore",
        on_delete=models.PROTECT,
        related_name="inventories",
        verbose_name=_("store"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=InventoryKind.choices)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    sample_seed = models.PositiveIntegerField(
        _("sample seed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Draws the sample again: the same seed over the same exhibits picks the same."),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("started at"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("started by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("closed by"),
    )
    expected_count = models.PositiveIntegerField(_("expected"), default=0, editable=False)
    found_count = models.PositiveIntegerField(_("found"), default=0, editable=False)
    missing_count = models.PositiveIntegerField(_("missing"), default=0, editable=False)
    unexpected_count = models.PositiveIntegerField(_("unexpected"), default=0, editable=False)
    misplaced_count = models.PositiveIntegerField(_("misplaced"), default=0, editable=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["store"],
                condition=Q(closed_at__isnull=True),
                name="one_open_inventory_per_store",
            )
        ]
        verbose_name = _("inventory")
        verbose_name_plural = _("inventories")

    def __str__(self) -> str:
        return f"{self.store.code} {self.started_at:%Y-%m-%d}"

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        """In the jurisdiction, plus the inventories of the stores the user keeps."""
        return super().jurisdiction_q(user, path) | kept_by_q(user, "store_id")

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def get_absolute_url(self) -> str:
        return reverse("evidence:inventory_detail", args=[self.pk])


class InventoryLine(BaseModel):
    """One exhibit expected at the start (with where it should be), or one scanned that was
    not expected; `finding` is set when the inventory closes."""

    jurisdiction_field = "inventory__store__org_unit"

    inventory = models.ForeignKey(
        Inventory, on_delete=models.CASCADE, related_name="lines", verbose_name=_("inventory")
    )
    exhibit = models.ForeignKey(
        "evidence.Exhibit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inventory_lines",
        verbose_name=_("exhibit"),
    )
    expected = models.BooleanField(_("expected"), default=False)
    expected_location = models.ForeignKey(
        "evidence.StoreLocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded location"),
    )
    scanned_at = models.DateTimeField(_("scanned at"), null=True, blank=True)
    scanned_location = models.ForeignKey(
        "evidence.StoreLocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("found at"),
    )
    finding = models.CharField(
        _("finding"), max_length=20, choices=InventoryFinding.choices, blank=True
    )

    class Meta:
        ordering = ["inventory", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "exhibit"], name="one_line_per_exhibit_per_inventory"
            )
        ]
        verbose_name = _("inventory line")
        verbose_name_plural = _("inventory lines")

    def __str__(self) -> str:
        return f"{self.inventory}: {self.exhibit}"

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        return super().jurisdiction_q(user, path) | kept_by_q(user, "inventory__store_id")

    def get_absolute_url(self) -> str:
        return self.inventory.get_absolute_url()


def kept_by_q(user: Any, field: str) -> Q:
    """Records whose store (at `field`) the user is a custodian of today."""
    if permissions.profile_of(user) is None:
        return Q(pk__in=[])
    from sahakar.evidence.models.stores import StoreCustodian

    stores = StoreCustodian.objects.filter(user=user, ended_at__isnull=True).values("store_id")
    return Q(**{f"{field}__in": stores})
