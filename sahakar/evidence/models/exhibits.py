"""Exhibits: sealed packages made from a seizure's items or property."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.core import permissions
from sahakar.core.models import BaseModel
from sahakar.core.refnumbers import ReferenceNumbered
from sahakar.evidence.choices import CLOSED_STATUSES, ExhibitStatus
from sahakar.geo.models import OrgUnit
from sahakar.substances.choices import Form, Unit

POSITIVE = [MinValueValidator(Decimal("0.001"))]


class Exhibit(ReferenceNumbered, BaseModel):
    """One sealed package. Its holder, location, status and open seal are kept by the custody
    service from the events (chain.py derives them; the service stores the result here so
    lists and access rules can filter on them)."""

    reference_prefix = "EX"
    jurisdiction_field = "seizure__org_unit"

    seizure = models.ForeignKey(
        "seizures.Seizure",
        on_delete=models.PROTECT,
        related_name="exhibits",
        verbose_name=_("seizure"),
    )
    items = models.ManyToManyField(
        "seizures.SeizureItem", blank=True, related_name="exhibits", verbose_name=_("drug items")
    )
    property_items = models.ManyToManyField(
        "seizures.SeizedProperty",
        blank=True,
        related_name="exhibits",
        verbose_name=_("other property"),
    )
    is_drug = models.BooleanField(_("drugs"), default=True, editable=False)
    substance = models.ForeignKey(
        "substances.Substance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="exhibits",
        verbose_name=_("substance"),
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices, blank=True)
    holds_part = models.BooleanField(
        _("part of the items"),
        default=False,
        help_text=_(
            "The items were split: this package holds part of them, other packages the rest. "
            "Its intake weight is then not compared with the field count."
        ),
    )
    seal_number = models.CharField(_("seal number"), max_length=60)
    description = models.CharField(_("description"), max_length=300)
    gross_weight_g = models.DecimalField(
        _("gross sealed weight (g)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    net_quantity = models.DecimalField(
        _("net quantity at intake"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    net_unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    photo = models.FileField(
        _("photo of the sealed package"), upload_to="exhibits/%Y/%m/", blank=True
    )

    # Kept by the custody service from the events (evidence/chain.py).
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ExhibitStatus.choices,
        default=ExhibitStatus.HELD,
        editable=False,
    )
    store = models.ForeignKey(
        "evidence.EvidenceStore",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="exhibits_held",
        verbose_name=_("store"),
    )
    location = models.ForeignKey(
        "evidence.StoreLocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="exhibits_held",
        verbose_name=_("location"),
    )
    pending_store = models.ForeignKey(
        "evidence.EvidenceStore",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="exhibits_incoming",
        verbose_name=_("on its way to"),
    )
    pending_location = models.ForeignKey(
        "evidence.StoreLocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="exhibits_incoming",
        verbose_name=_("on its way to location"),
    )
    seal_open = models.BooleanField(_("seal in use"), default=True, editable=False)
    event_count = models.PositiveIntegerField(_("events"), default=0, editable=False)
    last_event_at = models.DateTimeField(_("last event"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["seal_number"],
                condition=Q(seal_open=True),
                name="one_open_seal_number",
            )
        ]
        indexes = [models.Index(fields=["status", "store"])]
        verbose_name = _("exhibit")
        verbose_name_plural = _("exhibits")

    def __str__(self) -> str:
        return self.reference or str(_("new exhibit"))

    def get_absolute_url(self) -> str:
        return reverse("evidence:exhibit_detail", args=[self.pk])

    def reference_unit(self) -> OrgUnit:
        unit: OrgUnit = self.seizure.org_unit
        return unit

    def reference_time(self) -> datetime:
        return timezone.now()

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        """Where it was seized, plus what is held in, or on its way to, the user's stores."""
        q = super().jurisdiction_q(user, path)
        return q | custodied_q(user)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


def custodied_q(user: Any, prefix: str = "") -> Q:
    """Exhibits held in, or on their way to, a store the user is a custodian of."""
    if permissions.profile_of(user) is None:
        return Q(pk__in=[])
    from sahakar.evidence.models.stores import StoreCustodian

    stores = StoreCustodian.objects.filter(user=user, ended_at__isnull=True).values("store_id")
    return Q(**{f"{prefix}store_id__in": stores}) | Q(**{f"{prefix}pending_store_id__in": stores})
