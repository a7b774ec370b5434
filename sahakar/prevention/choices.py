from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    SCHOOL_SESSION = "school_session", _("school session")
    COMMUNITY_OUTREACH = "community_outreach", _("community outreach")
    RELIGIOUS_EVENT = "religious_event", _("pagoda or religious event")
    WORKPLACE = "workplace", _("workplace")
    MEDIA_BROADCAST = "media_broadcast", _("media broadcast")
    SPORTS_EVENT = "sports_event", _("sports event")


class AudienceSex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")
    UNKNOWN = "U", _("not recorded")


class AgeGroup(models.TextChoices):
    """Age bands of an audience, the youngest first.

    15-24 is the United Nations' "youth" band, the main audience of drug prevention and the
    band UNODC and WHO school surveys report; under 15 covers primary and lower secondary
    pupils; 25-34 and 35 and over split the working-age adults of workplace and community
    sessions. "Not recorded" keeps a head count whose ages nobody noted.
    """

    UNDER_15 = "under_15", _("under 15")
    FROM_15_TO_24 = "15_24", _("15-24")
    FROM_25_TO_34 = "25_34", _("25-34")
    FROM_35 = "35_plus", _("35 and over")
    UNKNOWN = "unknown", _("age not recorded")
