"""What a dashboard shows: the period, the place and the filters a reader chose, checked.

The form takes months as "YYYY-MM" (an `<input type=month>`), a province by its gazetteer
code and the filters by code, each offered by name. A province the reader does not hold is
not an input error but a record out of their scope: the page answers 404, as for records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django import forms
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahakar.agencies.models import Agency
from sahakar.core.permissions import VIEW, jurisdiction_paths
from sahakar.core.users import AnyUser
from sahakar.geo.models import OrgUnit
from sahakar.statistics.families import FAMILIES
from sahakar.statistics.figures import Period
from sahakar.statistics.labels import VENUE_ORDER
from sahakar.statistics.models import Fact
from sahakar.statistics.months import parse_month
from sahakar.substances.models import Substance

MAX_MONTHS = 120  # ten years: a trend longer than that is a report, not a dashboard
FILTERS = ("substance", "agency", "venue_kind")


def _name(choice: tuple[str, str]) -> str:
    return choice[1]


def default_months(today: date | None = None) -> tuple[date, date]:
    """The last twelve whole months and the current one."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    return this_month.replace(year=this_month.year - 1), this_month


def month_count(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def held_paths(user: AnyUser | None) -> list[str] | None:
    """Where the user may see figures; None: the whole country."""
    return jurisdiction_paths(user, Fact, VIEW)


def holds(user: AnyUser | None, unit: OrgUnit) -> bool:
    paths = held_paths(user)
    return paths is None or any(unit.path.startswith(p) for p in paths)


def provinces_for(user: AnyUser | None) -> list[OrgUnit]:
    """The provinces the user may choose: all for national users, their own otherwise."""
    provinces = OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).order_by("code")
    return [unit for unit in provinces if holds(user, unit)]


@dataclass(frozen=True)
class Selection:
    """The checked choice: figures read with `within` and each family's filters."""

    period: Period
    province: OrgUnit | None = None  # chosen, or the one a provincial user holds
    national: bool = True  # the whole country is shown (no province chosen or held)
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def within(self) -> str | None:
        return self.province.path if self.province is not None else None

    @property
    def geography(self) -> str:
        """The dimension the place breakdowns use: provinces of the nation, or districts."""
        return "province" if self.national else "district"

    def where(self, family: str) -> dict[str, Iterable[str]]:
        """The filters that apply to a family (a family without the dimension ignores it)."""
        dims = set(FAMILIES[family].dims) | {"agency"}
        return {dim: [code] for dim, code in self.filters.items() if dim in dims}


class SelectionForm(forms.Form):
    """The dashboard's controls (GET)."""

    start = forms.CharField(
        label=gettext_lazy("From month"),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-01"}),
    )
    end = forms.CharField(
        label=gettext_lazy("To month"),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-12"}),
    )
    province = forms.ChoiceField(label=gettext_lazy("Province"), required=False)
    substance = forms.ChoiceField(label=gettext_lazy("Substance"), required=False)
    agency = forms.ChoiceField(label=gettext_lazy("Agency"), required=False)
    venue_kind = forms.ChoiceField(label=gettext_lazy("Venue kind"), required=False)

    def __init__(self, user: AnyUser | None, data: dict[str, str] | None = None) -> None:
        first, last = default_months()
        values = {"start": first.strftime("%Y-%m"), "end": last.strftime("%Y-%m")}
        values.update({k: v for k, v in (data or {}).items() if k in self.base_fields})
        super().__init__(values)
        self.user = user
        every = _("All")
        self.provinces = provinces_for(user)
        all_provinces = OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).order_by("code")
        first_choice = ("", _("Whole country") if held_paths(user) is None else every)
        # Every province is a valid choice, but only the user's are offered: one they do not
        # hold answers 404 (selection()).
        self.offered_provinces = [first_choice] + [(u.code, u.name) for u in self.provinces]
        self._choose("province", [first_choice] + [(u.code, u.name) for u in all_provinces])
        cast(forms.ChoiceField, self.fields["province"]).widget.choices = self.offered_provinces
        self._choose(
            "substance",
            [("", every), *sorted(((s.code, str(s)) for s in Substance.objects.all()), key=_name)],
        )
        self._choose(
            "agency",
            [("", every), *sorted(((a.code, str(a)) for a in Agency.objects.all()), key=_name)],
        )
        self._choose("venue_kind", [("", every), *((k.value, k.label) for k in VENUE_ORDER)])

    def _choose(self, name: str, choices: list[tuple[str, Any]]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices

    def clean_start(self) -> date:
        try:
            return parse_month(self.cleaned_data["start"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_end(self) -> date:
        try:
            return parse_month(self.cleaned_data["end"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, last = data.get("start"), data.get("end")
        if isinstance(first, date) and isinstance(last, date):
            if last < first:
                self.add_error("end", _("The period ends before it starts."))
            elif month_count(first, last) > MAX_MONTHS:
                self.add_error("end", _("Choose at most %(count)d months.") % {"count": MAX_MONTHS})
        return data

    def selection(self) -> Selection:
        """The checked choice; call after is_valid(). Raises Http404 for a province the user
        does not hold."""
        data = self.cleaned_data
        period = Period.months(data["start"], data["end"])
        filters = {name: data[name] for name in FILTERS if data.get(name)}
        return selection_for(self.user, period, data.get("province") or "", filters)


def selection_for(
    user: AnyUser | None, period: Period, province_code: str, filters: dict[str, str]
) -> Selection:
    """The selection for a (valid) province code: "" for the user's own scope."""
    if province_code:
        province = OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE, code=province_code).first()
        if province is None or not holds(user, province):
            raise Http404(_("No such province in your jurisdiction."))
        return Selection(period, province, national=False, filters=filters)
    paths = held_paths(user)
    if paths is None:
        return Selection(period, None, national=True, filters=filters)
    own = provinces_for(user)
    if len(own) == 1:
        return Selection(period, own[0], national=False, filters=filters)
    # Several provinces (or only districts): restrict() limits the figures; show districts.
    return Selection(period, None, national=False, filters=filters)
