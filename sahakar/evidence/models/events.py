"""Custody events: the append-only chain of an exhibit, written only by evidence/services.py."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sahakar.core.models import BaseModel
from sahakar.evidence.choices import EventKind
from sahakar.evidence.models.exhibits import POSITIVE, Exhibit, custodied_q
from sahakar.substances.choices import Unit


class EventIsFinal(Exception):
    """A custody event, once written, is never changed or deleted: correct it with a new one."""


class CustodyEvent(BaseModel):
    """What happened to one exhibit, when, by whom, from where to where, with what weights.

    `seq` numbers the exhibit's events from 1 without gaps; (exhibit, seq) is unique, so two
    writers cannot both append event n. Saving an existing event or deleting one raises
    EventIsFinal; the database refuses it too (migration 0002's triggers).
    """

    jurisdiction_field = "exhibit__seizure__org_unit"

    exhibit = models.ForeignKey(
        Exhibit, on_delete=models.PROTECT, related_name="events", verbose_name=_("exhibit")
    )
    seq = models.PositiveIntegerField(_("number"), editable=False)
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="custody_events",
        verbose_name=_("recorded by"),
    )
    from_store = models.ForeignKey(
        "evidence.EvidenceStore",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_out",
        verbose_name=_("from store"),
    )
    from_location = models.ForeignKey(
        "evidence.StoreLocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_out",
        verbose_name=_("from location"),
    )
    to_store = models.ForeignKey(
        "evidence.EvidenceStore",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_in",
        verbose_name=_("to store"),
    )
    to_location = models.ForeignKey(
        "evidence.StoreLocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_in",
        verbose_name=_("to location"),
    )
    # A movement between agencies waits for the receiver: the RECEIVED event points back to it.
    awaits_receipt = models.BooleanField(_("awaits receipt"), default=False)
    completes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="completed_by",
        verbose_name=_("completes"),
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    carrier = models.CharField(
        _("carried by"), max_length=200, blank=True, help_text=_("Who carried the exhibit.")
    )
    gross_weight_g = models.DecimalField(
        _("gross weight (g)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    net_quantity = models.DecimalField(
        _("net quantity"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    net_unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    seal_number = models.CharField(_("seal number"), max_length=60, blank=True)
    previous_seal_number = models.CharField(_("previous seal"), max_length=60, blank=True)
    # Laboratory results.
    substance_confirmed = models.BooleanField(_("substance confirmed"), null=True, blank=True)
    identified_substance = models.ForeignKey(
        "substances.Substance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("substance identified"),
    )
    purity_percent = models.DecimalField(
        _("purity (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    sample_retained = models.BooleanField(_("sample retained"), null=True, blank=True)
    sample_quantity = models.DecimalField(
        _("sample quantity"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    lab_reference = models.CharField(_("laboratory reference"), max_length=100, blank=True)
    order_reference = models.CharField(_("order"), max_length=200, blank=True)
    destruction = models.ForeignKey(
        "evidence.DestructionBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("destruction"),
    )
    released_to = models.CharField(_("released to"), max_length=200, blank=True)
    reason = models.TextField(_("reason or note"), blank=True)

    class Meta:
        ordering = ["exhibit", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["exhibit", "seq"], name="one_event_per_number")
        ]
        indexes = [models.Index(fields=["kind", "occurred_at"])]
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")

    def __str__(self) -> str:
        return f"{self.exhibit} #{self.seq} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return f"{self.exhibit.get_absolute_url()}#event-{self.seq}"

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        return super().jurisdiction_q(user, path) | custodied_q(user, prefix="exhibit__")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise EventIsFinal(_("A custody event is never changed: record a correction."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise EventIsFinal(_("A custody event is never deleted: record a correction."))

    def clean(self) -> None:
        if self.purity_percent is not None and not (0 <= self.purity_percent <= 100):
            raise ValidationError({"purity_percent": _("Purity is a percentage from 0 to 100.")})
