"""The base every domain record inherits, and the change history it writes."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sahakar.core import context, permissions


class StaleWrite(Exception):
    """Someone else saved the record after this copy of it was read."""


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        """Only the records `user` may perform `action` on. The one place access is decided."""
        return permissions.restrict(self, user, action)


class BaseModel(models.Model):
    """Timestamps, authorship, an optimistic-concurrency version and the restricted manager.

    Subclasses name the path to their org unit in `jurisdiction_field`; restrict() filters on it.
    """

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("updated by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    jurisdiction_field: ClassVar[str | None] = "org_unit"

    class Meta:
        abstract = True

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        """Records inside the org-unit subtree at `path`; models with joint access extend it."""
        if cls.jurisdiction_field is None:
            return Q()
        return Q(**{f"{cls.jurisdiction_field}__path__startswith": path})

    def save(self, *args: Any, **kwargs: Any) -> None:
        user = context.current_user()
        with transaction.atomic():
            if self._state.adding:
                if user is not None and self.created_by_id is None:
                    self.created_by = user
                self.before_insert()
            else:
                self._claim_next_version()
            if user is not None:
                self.updated_by = user
            super().save(*args, **kwargs)

    def before_insert(self) -> None:
        """Hook run inside the insert's transaction, e.g. to draw a reference number."""

    def _claim_next_version(self) -> None:
        claimed = (
            type(self)
            ._base_manager.filter(pk=self.pk, version=self.version)
            .update(version=F("version") + 1)
        )
        if not claimed:
            raise StaleWrite(
                _(
                    "This record was changed by someone else after you opened it. "
                    "Reload it and make your change again."
                )
            )
        self.version += 1


class ObjectChange(models.Model):
    """One create, update or delete of a record: who, when, from where, and the fields changed."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    source = models.CharField(_("source"), max_length=100)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-time", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    @property
    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
