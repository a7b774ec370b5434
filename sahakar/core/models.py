"""The base every domain record inherits, and the change history it writes."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sahakar.audit.choices import CHANGE_ACTIONS
from sahakar.audit.models import AuditEntry
from sahakar.core import context, permissions, text

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser


class StaleWrite(Exception):
    """Someone else saved the record after this copy of it was read."""


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

    objects = permissions.RestrictedQuerySet.as_manager()

    jurisdiction_field: ClassVar[str | None] = "org_unit"
    # Maximum lengths of free-text fields, where text.DEFAULT_TEXT_LIMIT does not suit.
    text_limits: ClassVar[dict[str, int]] = {}

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        """Text is cleaned first (core/text.py: NFC, no invisible-only values), so a required
        field holding only invisible characters is refused as empty; free text is then held
        to its maximum length. Forms, serializers and services all run this."""
        skipped = set(exclude or ())
        errors: dict[str, Any] = {}
        for name, limit in self.clean_text(skipped).items():
            errors[name] = [
                ValidationError(
                    _("At most %(limit)s characters (this has %(count)s)."),
                    code="max_length",
                    params={"limit": limit, "count": len(getattr(self, name))},
                )
            ]
        try:
            super().clean_fields(exclude=skipped | set(errors))
        except ValidationError as exc:
            errors.update(exc.error_dict)
        if errors:
            raise ValidationError(errors)

    def clean_text(self, exclude: Collection[str] = ()) -> dict[str, int]:
        """Clean every text field in place; answer the free-text fields over their limit."""
        too_long: dict[str, int] = {}
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname, None)
            if field.name in exclude or not isinstance(value, str) or field.choices:
                continue
            if isinstance(field, models.TextField):
                value = text.clean_prose(value)
                limit = self.text_limits.get(field.name, text.DEFAULT_TEXT_LIMIT)
                if len(value) > limit:
                    too_long[field.name] = limit
            elif isinstance(field, models.CharField):
                value = text.clean_line(value)
            setattr(self, field.attname, value)
        return too_long

    @classmethod
    def jurisdiction_q(cls, user: AnyUser | None, path: str) -> Q:
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


class _ChangeManager(models.Manager["ObjectChange"]):
    def get_queryset(self) -> models.QuerySet[ObjectChange]:
        return super().get_queryset().filter(action__in=CHANGE_ACTIONS)


class ObjectChange(AuditEntry):
    """The changes among the audit entries: what a record's history shows."""

    objects: ClassVar[_ChangeManager] = _ChangeManager()  # type: ignore[assignment]

    class Meta:
        proxy = True
        ordering = ["-seq"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
