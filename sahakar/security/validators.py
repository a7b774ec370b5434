"""Password rules Django lacks: an upper bound generous enough for passphrases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class MaximumLengthValidator:
    """Refuse passwords longer than `max_length` (128: room for any passphrase, ASVS 6.2.9,
    while keeping hashing cost bounded)."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: User | None = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "This password is too long. It must contain at most %(max_length)d character.",
                    "This password is too long. It must contain at most %(max_length)d characters.",
                    self.max_length,
                ),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return _("Your password may be up to %(max_length)d characters long.") % {
            "max_length": self.max_length
        }
