from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")
    MERGE = "merge", _("merged")
    VIEW = "view", _("viewed")
    EXPORT = "export", _("exported")
    LOGIN = "login", _("signed in")
    LOGIN_FAILED = "login_failed", _("sign-in failed")
    LOGOUT = "logout", _("signed out")
    DENIED = "denied", _("permission denied")
    TOKEN = "token", _("API token event")
    SECURITY = "security", _("security setting changed")


CHANGE_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE, AuditAction.MERGE)
