"""Agencies: the stakeholders that cooperate on the shared record."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sahakar.agencies.choices import AgencyKind


class Agency(models.Model):
    """A police force, ministry, prosecution office, court or partner, with its home org unit.

    Reference data: loaded by `sahakar load_reference`, keyed by `code`.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    home = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("home org unit"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["home__path", "name_en"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        if get_language() == "km" and self.name_km:
            return self.name_km
        return self.name_en
