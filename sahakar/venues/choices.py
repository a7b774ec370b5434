from django.db import models
from django.utils.translation import gettext_lazy as _


class VenueKind(models.TextChoices):
    NIGHTCLUB = "nightclub", _("nightclub")
    KARAOKE = "karaoke", _("karaoke (KTV)")
    BAR = "bar", _("bar")
    CASINO = "casino", _("casino")
    GUESTHOUSE = "guesthouse", _("guesthouse or hotel")
    MASSAGE = "massage", _("massage parlour")
    RESIDENCE = "residence", _("residence")
    WAREHOUSE = "warehouse", _("warehouse")
    PORT = "port", _("port")
    BORDER_CROSSING = "border_crossing", _("border crossing")
    CHECKPOINT = "checkpoint", _("road checkpoint")
    OTHER = "other", _("other")


ENTERTAINMENT = frozenset(
    {VenueKind.NIGHTCLUB, VenueKind.KARAOKE, VenueKind.BAR, VenueKind.CASINO, VenueKind.MASSAGE}
)
