"""Personal API tokens: only a SHA-256 hash of each key is kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PREFIX_LENGTH = 8


def new_key() -> str:
    return secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiTokenManager(models.Manager["ApiToken"]):
    def get_queryset(self) -> ApiTokenQuerySet:
        return ApiTokenQuerySet(self.model, using=self._db)

    def usable(self) -> ApiTokenQuerySet:
        return self.get_queryset().usable()

    def issue(
        self, user: User, name: str, expires_at: datetime | None = None
    ) -> tuple[ApiToken, str]:
        """A new token for `user` and its key, which exists nowhere else: show it once."""
        token = self.model(user=user, name=name, expires_at=expires_at)
        key = token.set_new_key()
        token.save(force_insert=True)
        return token, key

    def for_key(self, key: str) -> ApiToken | None:
        """The token this key belongs to, usable or not; None for an unknown key."""
        return self.select_related("user").filter(key_hash=hash_key(key)).first()


class ApiToken(models.Model):
    """A key a program sends as `Authorization: Token <key>` to act as its user, with
    exactly that user's scope. Revoked tokens are kept, so the audit trail's prefixes stay
    explainable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("key prefix"), max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )

    def set_new_key(self) -> str:
        """Give this (unsaved) token a fresh key; the key is returned, never stored."""
        key = new_key()
        self.prefix, self.key_hash = key[:PREFIX_LENGTH], hash_key(key)
        return key

    def revoke(self) -> bool:
        """Revoke now; False when it already was."""
        if self.revoked_at is not None:
            return False
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
        return True
