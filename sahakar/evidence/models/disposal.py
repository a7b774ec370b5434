"""Disposal approvals (after the verdict, or before it by order) and destruction batches."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sahakar.core.models import BaseModel
from sahakar.core.refnumbers import ReferenceNumbered
from sahakar.evidence.choices import DisposalBasis, OrderAuthority
from sahakar.evidence.models.exhibits import Exhibit, custodied_q
from sahakar.geo.models import OrgUnit


class DisposalApproval(BaseModel):
    """The order that allows an exhibit to be destroyed: one per exhibit."""

    jurisdiction_field = "exhibit__seizure__org_unit"

    exhibit = models.OneToOneField(
        Exhibit,
        on_delete=models.PROTECT,
        related_name="disposal_approval",
        verbose_name=_("exhibit"),
    )
    basis = models.CharField(_("basis"), max_length=30, choices=DisposalBasis.choices)
    authority = models.CharField(_("ordered by"), max_length=20, choices=OrderAuthority.choices)
    order_reference = models.CharField(_("order reference"), max_length=200)
    ordered_on = models.DateField(_("order date"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), editable=False)
    event = models.OneToOneField(
        "evidence.CustodyEvent",
        on_delete=models.PROTECT,
        related_name="approval",
        editable=False,
        verbose_name=_("event"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-approved_at"]
        verbose_name = _("disposal approval")
        verbose_name_plural = _("disposal approvals")

    def __str__(self) -> str:
        return f"{self.exhibit}: {self.order_reference}"

    def get_absolute_url(self) -> str:
        return reverse("evidence:exhibit_detail", args=[self.exhibit_id])

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        return super().jurisdiction_q(user, path) | custodied_q(user, prefix="exhibit__")


class DestructionBatch(ReferenceNumbered, BaseModel):
    """One destruction by a committee: many exhibits, destroyed together or not at all."""

    reference_prefix = "DS"

    destroyed_at = models.DateTimeField(_("time of destruction"))
    org_unit = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="destructions",
        verbose_name=_("org unit"),
    )
    site = models.ForeignKey(
        "evidence.EvidenceStore",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destructions",
        verbose_name=_("destruction site"),
    )
    place = models.CharField(_("place"), max_length=300)
    method = models.CharField(_("method"), max_length=200)
    order_references = models.TextField(_("order references"))
    committee_members = models.TextField(
        _("committee members"), help_text=_("One per line: name, position, agency.")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-destroyed_at", "-pk"]
        verbose_name = _("destruction")
        verbose_name_plural = _("destructions")

    def __str__(self) -> str:
        return self.reference or str(_("new destruction"))

    def get_absolute_url(self) -> str:
        return reverse("evidence:destruction_detail", args=[self.pk])

    def reference_time(self) -> datetime:
        return self.destroyed_at

    def reference_unit(self) -> OrgUnit:
        return self.org_unit


class DestructionWitness(BaseModel):
    """A witness of a destruction. At least two come from outside the holding unit."""

    jurisdiction_field = "batch__org_unit"

    batch = models.ForeignKey(
        DestructionBatch,
        on_delete=models.PROTECT,
        related_name="witnesses",
        verbose_name=_("destruction"),
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency"),
    )

    class Meta:
        ordering = ["batch", "pk"]
        verbose_name = _("witness")
        verbose_name_plural = _("witnesses")

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"

    def get_absolute_url(self) -> str:
        return self.batch.get_absolute_url()
