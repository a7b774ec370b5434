"""Which return, for which period, in which file: checked before anything is read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.statistics.figures import Period
from sahakar.statistics.returns import arq, asean, ids
from sahakar.statistics.returns.tables import ReturnFile

IDS, ARQ, ASEAN = "unodc-ids", "unodc-arq", "asean-admr"
RETURN_CHOICES = [
    (IDS, _("UNODC Individual Drug Seizures (one row per seized drug)")),
    (ARQ, _("UNODC Annual Report Questionnaire: drug supply summary (year)")),
    (ASEAN, _("ASEAN Drug Monitoring Report: half-year summary")),
]
HALF_CHOICES = [("1", _("January to June")), ("2", _("July to December"))]
FORMAT_CHOICES = [("csv", "CSV"), ("xlsx", "XLSX")]
FIRST_YEAR = 2000


class ReturnForm(forms.Form):
    which = forms.ChoiceField(label=_("Return"), choices=RETURN_CHOICES)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        error_messages={"invalid": _("Give the year as a number, e.g. 2026.")},
    )
    half = forms.ChoiceField(
        label=_("Half-year"),
        choices=HALF_CHOICES,
        required=False,
        help_text=_("For the ASEAN report only."),
    )
    file_format = forms.ChoiceField(
        label=_("File"), choices=FORMAT_CHOICES, initial="csv", required=False
    )

    def clean_file_format(self) -> str:
        return str(self.cleaned_data.get("file_format") or "csv")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        which, year = data.get("which"), data.get("year")
        if which is None or year is None:
            return data
        if which == ASEAN and not data.get("half"):
            self.add_error("half", _("Choose the half-year for the ASEAN report."))
            return data
        if year > timezone.localdate().year:
            self.add_error("year", _("This period has not started yet."))
            return data
        period = self.period(data)
        if period.first > timezone.localdate():
            self.add_error("half", _("This period has not started yet."))
        return data

    @staticmethod
    def period(data: dict[str, Any]) -> Period:
        if data["which"] == ASEAN:
            return asean.half_period(data["year"], int(data["half"]))
        return Period.year(data["year"])

    def build(self, user: Any) -> ReturnFile:
        """The return the valid form asks for, as `user` may read it."""
        data = self.cleaned_data
        if data["which"] == IDS:
            return ids.build(user, self.period(data))
        if data["which"] == ARQ:
            return arq.build(user, data["year"])
        return asean.build(user, data["year"], int(data["half"]))
