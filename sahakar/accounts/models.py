"""Users' agency, the roles they hold over jurisdictions, and what each role may do."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """The agency a user belongs to. What they may do, and where, is in their role assignments."""

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

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.agency})"


class Role(models.Model):
    """A role users hold over a jurisdiction, and the rules that come with it.

    Its grants say which actions it allows on which record types; `sees_personal_data` is
    the field-level rule (prevention officers and analysts never see suspects' personal
    data); `requires_mfa` makes a second factor compulsory; `records_for_other_agencies`
    lets its holders name any agency as the one acting (sahakar.accounts.acting). Editable by
    administrators.
    """

    code = models.CharField(_("code"), max_length=30, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_km = models.CharField(_("name (Khmer)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    sees_personal_data = models.BooleanField(_("sees personal data"), default=False)
    requires_mfa = models.BooleanField(_("requires two-factor sign-in"), default=False)
    records_for_other_agencies = models.BooleanField(
        _("records for other agencies"),
        default=False,
        help_text=_(
            "Whether holders may record seizures, arrests and operations as made or led by an "
            "agency other than their own that takes no part in the operation."
        ),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        if get_language() == "km" and self.name_km:
            return self.name_km
        return self.name_en


class Grant(models.Model):
    """The actions a role allows on one record type: a model ("venues.venue") or every model
    of an app ("arrests")."""

    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, related_name="grants", verbose_name=_("role")
    )
    record_type = models.CharField(_("record type"), max_length=100)
    can_view = models.BooleanField(_("view"), default=False)
    can_add = models.BooleanField(_("add"), default=False)
    can_change = models.BooleanField(_("change"), default=False)
    can_delete = models.BooleanField(_("delete"), default=False)
    can_export = models.BooleanField(_("export"), default=False)

    class Meta:
        ordering = ["role__code", "record_type"]
        constraints = [
            models.UniqueConstraint(fields=["role", "record_type"], name="one_grant_per_type")
        ]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.role.code}: {self.record_type} {sorted(self.actions)}"

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(
            action
            for action in ("view", "add", "change", "delete", "export")
            if getattr(self, f"can_{action}")
        )

    def clean(self) -> None:
        label = self.record_type.strip().lower()
        app_label, _dot, model = label.partition(".")
        try:
            if model:
                apps.get_model(app_label, model)
            else:
                apps.get_app_config(app_label)
        except LookupError as exc:
            raise ValidationError(
                {"record_type": _("No record type %(label)s.") % {"label": label}}
            ) from exc
        self.record_type = label


class RoleAssignment(models.Model):
    """A user holds a role over a jurisdiction: a node of the org-unit tree and all below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("role")
    )
    jurisdiction = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("jurisdiction"),
    )

    class Meta:
        ordering = ["user__username", "role__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "jurisdiction"], name="one_assignment_per_scope"
            )
        ]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        return f"{self.user}: {self.role} ({self.jurisdiction})"
