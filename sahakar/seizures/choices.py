from django.db import models
from django.utils.translation import gettext_lazy as _


class Transport(models.TextChoices):
    UNKNOWN = "", _("not known")
    ROAD = "road", _("road vehicle")
    MOTORCYCLE = "motorcycle", _("motorcycle")
    RAIL = "rail", _("rail")
    SEA = "sea", _("sea or river vessel")
    AIR = "air", _("air")
    POST = "post", _("post or courier")
    ON_FOOT = "on_foot", _("on foot")


class PropertyKind(models.TextChoices):
    CASH = "cash", _("cash")
    VEHICLE = "vehicle", _("vehicle")
    MOTORCYCLE = "motorcycle", _("motorcycle")
    PHONE = "phone", _("phone")
    WEAPON = "weapon", _("weapon")
    SCALE = "scale", _("scale")
    OTHER = "other", _("other")
