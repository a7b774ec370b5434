"""A user's agency, role and jurisdiction."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sahakar.accounts.choices import Role


class Profile(models.Model):
    """What a user works as: one agency, one role, over one org-unit subtree.

    The role decides which record types and actions are open (core.permissions); the
    jurisdiction decides which records of those types exist for the user.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("agency"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("jurisdiction"),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.jurisdiction})"
