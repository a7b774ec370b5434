"""Evidence stores, the locations inside them, and the custodians assigned to them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sahakar.core.models import BaseModel
from sahakar.evidence.choices import StoreKind


class EvidenceStore(BaseModel):
    """A room, vault, laboratory, registry or site where an agency holds exhibits."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=StoreKind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="evidence_stores",
        verbose_name=_("agency"),
    )
    org_unit = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="evidence_stores",
        verbose_name=_("org unit"),
    )
    holds_drugs = models.BooleanField(
        _("holds drugs"),
        default=False,
        help_text=_("Drugs are kept apart from other evidence: only these stores may hold them."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("evidence store")
        verbose_name_plural = _("evidence stores")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("evidence:store_detail", args=[self.pk])

    def clean(self) -> None:
        # Drugs are kept apart: a store holding drugs, or receiving them, keeps holding drugs
        # (destroyed and released exhibits have no store any more).
        if self.pk is not None and not self.holds_drugs:
            held = self.exhibits_held.filter(is_drug=True)
            incoming = self.exhibits_incoming.filter(is_drug=True)
            if held.exists() or incoming.exists():
                raise ValidationError(
                    {
                        "holds_drugs": _(
                            "This store holds drugs, or drugs are on their way to it: move "
                            "them to another drug store first."
                        )
                    }
                )

        if self.pk is not None:
            self._keep_what_holders_rely_on()

    def _keep_what_holders_rely_on(self) -> None:
        """While exhibits are held here or on their way, the store stays open, of its kind and
        of its agency: the chain names it, and hand-overs were judged against them."""
        before = (
            EvidenceStore._base_manager.filter(pk=self.pk)
            .values("active", "kind", "agency_id")
            .first()
        )
        if before is None:
            return
        changed = {
            "active": before["active"] and not self.active,
            "kind": before["kind"] != self.kind,
            "agency": before["agency_id"] != self.agency_id,
        }
        if not any(changed.values()):
            return
        if not (self.exhibits_held.exists() or self.exhibits_incoming.exists()):
            return
        message = _(
            "Exhibits are held in this store or on their way to it: move them to another "
            "store first."
        )
        raise ValidationError({name: message for name, on in changed.items() if on})

    def custodian_ids(self) -> set[int]:
        return set(self.custodians.filter(ended_at__isnull=True).values_list("user_id", flat=True))


class StoreLocation(BaseModel):
    """A shelf, safe, locker or cage inside a store."""

    jurisdiction_field = "store__org_unit"

    store = models.ForeignKey(
        EvidenceStore, on_delete=models.PROTECT, related_name="locations", verbose_name=_("store")
    )
    code = models.CharField(_("code"), max_length=40)
    description = models.CharField(_("description"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["store", "code"]
        constraints = [
            models.UniqueConstraint(fields=["store", "code"], name="one_location_code_per_store")
        ]
        verbose_name = _("store location")
        verbose_name_plural = _("store locations")

    def __str__(self) -> str:
        return f"{self.store.code}/{self.code}"

    def clean(self) -> None:
        # The exhibits recorded at a location are in its store: it never moves to another.
        if self.pk is not None and self.store_id is not None:
            before = StoreLocation._base_manager.filter(pk=self.pk).values("store_id").first()
            if before is not None and before["store_id"] != self.store_id:
                raise ValidationError(
                    {"store": _("A location stays in its store: add one to the other store.")}
                )

    def get_absolute_url(self) -> str:
        return self.store.get_absolute_url()


class StoreCustodian(BaseModel):
    """A user assigned to a store: they take in, move and release what it holds.

    An assignment is ended, never deleted, so the chain can always say who held the keys.
    """

    jurisdiction_field = "store__org_unit"

    store = models.ForeignKey(
        EvidenceStore, on_delete=models.PROTECT, related_name="custodians", verbose_name=_("store")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="custodian_assignments",
        verbose_name=_("custodian"),
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["store", "-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["store", "user"],
                condition=Q(ended_at__isnull=True),
                name="one_open_assignment_per_custodian",
            )
        ]
        verbose_name = _("store custodian")
        verbose_name_plural = _("store custodians")

    def __str__(self) -> str:
        return f"{self.user} @ {self.store.code}"

    def get_absolute_url(self) -> str:
        return self.store.get_absolute_url()


def stores_in_custody_of(user: Any) -> models.QuerySet[EvidenceStore]:
    """The stores the user is a custodian of today."""
    if user is None or not getattr(user, "is_authenticated", False):
        return EvidenceStore.objects.none()
    return EvidenceStore.objects.filter(
        custodians__user_id=user.pk, custodians__ended_at__isnull=True
    ).distinct()
