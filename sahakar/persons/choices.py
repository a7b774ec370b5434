from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")
    UNKNOWN = "U", _("not known")


class DocumentType(models.TextChoices):
    NATIONAL_ID = "national_id", _("national identity card")
    PASSPORT = "passport", _("passport")
    FAMILY_BOOK = "family_book", _("family book")
    OTHER = "other", _("other document")
