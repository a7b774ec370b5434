"""Audit entries and the head of their hash chain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sahakar.audit.choices import AuditAction
from sahakar.core.permissions import RestrictedQuerySet

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser

GENESIS = "0" * 64


class AuditEntry(models.Model):
    """One audited event: who, when, from where, what, and the record before and after.

    Append-only: written only by audit.chain.append(), never updated or deleted (database
    triggers refuse both, and TRUNCATE, on PostgreSQL). `hash` is SHA-256 over `prev_hash`
    and the entry's canonical serialisation, so `sahakar audit verify` finds any changed, removed or
    inserted entry; `mac` signs the hash with a key the database never holds, so an entry
    appended by someone with only database access does not verify.
    """

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    time = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=100)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("record type"),
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # HMAC-SHA256 of "key_id:hash" under a key held outside the database (audit.keys):
    # blank on entries written before the trail was keyed.
    key_id = models.CharField(_("key id"), max_length=32, blank=True)
    mac = models.CharField(_("MAC"), max_length=64, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["action", "time"]),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    @classmethod
    def jurisdiction_q(cls, user: AnyUser | None, path: str) -> Q:
        """The trail is not divided by territory: whoever may read it reads all of it."""
        return Q()

    def get_absolute_url(self) -> str:
        return reverse("audit:auditentry_detail", args=[self.pk])

    def __str__(self) -> str:
        return f"#{self.seq} {self.username or self.source} {self.action} {self.object_repr}"

    @property
    def record_type(self) -> str:
        """The record's kind as the pages name it ("Person"), in the page's language; its
        internal name ("persons.person") when the model no longer exists."""
        if self.content_type_id is None:
            return ""
        model = self._model()
        if model is None:
            kind = ContentType.objects.get_for_id(self.content_type_id)
            return f"{kind.app_label}.{kind.model}"
        return capfirst(str(model._meta.verbose_name))

    def _model(self) -> type[models.Model] | None:
        """The record's model, from the content types' cache (no query per entry)."""
        if self.content_type_id is None:
            return None
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    @property
    def source_label(self) -> str:
        """Where the change came from, in words: the web pages, the API, a command, the
        system."""
        kind, _colon, name = self.source.partition(":")
        labels = {"web": _("web pages"), "api": _("API"), "system": _("system")}
        if kind == "command":
            return str(_("command %(name)s")) % {"name": name}
        return str(labels.get(kind, self.source))

    @property
    def changed_field_labels(self) -> list[str]:
        """The changed fields as the record's form names them, in the page's language."""
        model = self._model()
        labels = []
        for name in self.changed_fields:
            try:
                field = model._meta.get_field(name) if model else None
            except FieldDoesNotExist:
                field = None
            labels.append(str(getattr(field, "verbose_name", name)))
        return labels

    @property
    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


class AuditHead(models.Model):
    """The last entry of the chain: one row, locked while an entry is appended."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
