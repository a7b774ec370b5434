"""The dashboard's sections: each one table of numbers, drawn as a chart, shown as an HTML
table and downloaded as CSV or XLSX, all from the same rows.

Every number comes from `figures.breakdown()` with the reader's selection, so a section holds
exactly what the figures API answers for the same question.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sahakar.core.users import AnyUser
from sahakar.geo.models import OrgUnit
from sahakar.statistics.choices import CustodyCompliance
from sahakar.statistics.figures import breakdown, rate
from sahakar.statistics.labels import VENUE_ORDER, namer
from sahakar.statistics.selection import Selection

Number = int | Decimal
NO_VALUE = "\N{EN DASH}"  # a rate with nothing to divide


@dataclass
class Section:
    """One table: a header (the first column names the rows) and rows of a label and numbers.
    `chart` tells the script how to draw it: bar, stacked, line, pie, map or figures."""

    key: str
    title: str
    chart: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # the rows' codes (ISO codes for the map)
    note: str = ""
    right: tuple[int, ...] = ()  # columns drawn on a second value axis (kg, percentages)
    draw: tuple[int, ...] = ()  # the columns the chart draws (default: all)
    short: list[str] = field(default_factory=list)  # short row labels for a narrow axis

    @property
    def labelled(self) -> list[tuple[str, list[Any]]]:
        return list(zip(self.codes, self.rows, strict=False))

    def payload(self) -> dict[str, Any]:
        """The chart's data for the script (numbers as JSON numbers)."""
        return {
            "key": self.key,
            "title": self.title,
            "chart": self.chart,
            "columns": self.columns,
            "codes": self.codes,
            "right": list(self.right),
            "draw": list(self.draw),
            "short": self.short,
            "rows": [[row[0], *(_plain(v) for v in row[1:])] for row in self.rows],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


class Dashboard:
    """Reads the figures of one selection for one user."""

    SECTIONS = (
        "key",
        "trend",
        "substance",
        "agency",
        "venue",
        "map",
        "custody",
        "outcome",
        "reach",
        "campaign",
    )

    def __init__(self, user: AnyUser | None, selection: Selection) -> None:
        self.user = user
        self.selection = selection

    def read(self, family: str, by: Sequence[str], measures: Sequence[str]) -> list[dict[str, Any]]:
        sel = self.selection
        return breakdown(
            self.user,
            family,
            sel.period,
            by=by,
            measures=measures,
            within=sel.within,
            where=sel.where(family),
        )

    def total(self, family: str, measure: str) -> Number:
        rows = self.read(family, (), (measure,))
        return rows[0][measure] if rows else 0

    def sections(self) -> list[Section]:
        return [self.section(key) for key in self.SECTIONS]

    def section(self, key: str) -> Section:
        builder: Callable[[], Section] = getattr(self, f"_{key}")
        return builder()

    # The sections.

    def seizure_family(self) -> tuple[str, str]:
        """Seizure cases are counted by venue kind, or by substance when one is chosen."""
        if "substance" in self.selection.filters:
            return "drug", "seizures"
        return "seizure", "seizures"

    def _key(self) -> Section:
        family, measure = self.seizure_family()
        custody = self._compliance_totals()
        ended = custody[CustodyCompliance.IN_TIME] + custody[CustodyCompliance.LATE]
        in_time = rate(custody[CustodyCompliance.IN_TIME], ended)
        rows: list[list[Any]] = [
            [_("Seizure cases"), self.total(family, measure)],
            [_("Drugs seized (kg)"), self.total("drug", "kg")],
            [_("Arrests"), self.total("arrest", "arrests")],
            [
                _("Custodies ended within the legal time (%)"),
                in_time if in_time is not None else NO_VALUE,
            ],
            [_("People reached by prevention"), self.total("audience", "reached")],
        ]
        return Section(
            "key",
            _("Key figures"),
            "figures",
            [_("Figure"), _("Value")],
            rows,
            codes=["seizures", "kg", "arrests", "custody_in_time", "reached"],
        )

    def _compliance_totals(self) -> dict[str, Number]:
        totals: dict[str, Number] = defaultdict(int)
        for row in self.read("custody", ("compliance",), ("custodies",)):
            totals[row["compliance"]] += row["custodies"]
        return totals

    def _trend(self) -> Section:
        family, measure = self.seizure_family()
        series = {
            "seizures": {r["month"]: r[measure] for r in self.read(family, ("month",), (measure,))},
            "kg": {r["month"]: r["kg"] for r in self.read("drug", ("month",), ("kg",))},
            "arrests": {
                r["month"]: r["arrests"] for r in self.read("arrest", ("month",), ("arrests",))
            },
        }
        months = self.selection.period.month_starts()
        rows = [
            [date_format(m, "YEAR_MONTH_FORMAT")] + [series[s].get(m, 0) for s in series]
            for m in months
        ]
        return Section(
            "trend",
            _("Trend by month"),
            "line",
            [_("Month"), _("Seizure cases"), _("Drugs seized (kg)"), _("Arrests")],
            rows,
            codes=[m.strftime("%Y-%m") for m in months],
            right=(2,),
        )

    def _substance(self) -> Section:
        found = self.read("drug", ("substance",), ("kg", "seizures"))
        found.sort(key=lambda r: (-r["kg"], -r["seizures"], r["substance"]))
        name = namer("drug", "substance", [r["substance"] for r in found])
        return Section(
            "substance",
            _("Drugs seized by substance"),
            "bar",
            [_("Substance"), _("Drugs seized (kg)"), _("Seizure cases")],
            [[name(r["substance"]), r["kg"], r["seizures"]] for r in found],
            codes=[r["substance"] for r in found],
            right=(2,),
        )

    def _agency(self) -> Section:
        family, measure = self.seizure_family()
        cases = {r["agency"]: r[measure] for r in self.read(family, ("agency",), (measure,))}
        kg = {r["agency"]: r["kg"] for r in self.read("drug", ("agency",), ("kg",))}
        arrests = {
            r["agency"]: r["arrests"] for r in self.read("arrest", ("agency",), ("arrests",))
        }
        codes = sorted(set(cases) | set(kg) | set(arrests), key=lambda c: (-cases.get(c, 0), c))
        name = namer("seizure", "agency", codes)
        return Section(
            "agency",
            _("By agency"),
            "bar",
            [_("Agency"), _("Seizure cases"), _("Drugs seized (kg)"), _("Arrests")],
            [[name(c), cases.get(c, 0), kg.get(c, 0), arrests.get(c, 0)] for c in codes],
            codes=codes,
            right=(2,),
            short=codes,
        )

    def _venue(self) -> Section:
        found = self.read("inspection", ("venue_kind", "result"), ("inspections",))
        results = namer("inspection", "result")
        from sahakar.operations.choices import InspectionResult

        table: dict[str, dict[str, Number]] = defaultdict(lambda: defaultdict(int))
        for r in found:
            table[r["venue_kind"]][r["result"]] += r["inspections"]
        order = [str(k) for k in VENUE_ORDER]
        kinds = sorted(table, key=lambda k: (order.index(k) if k in order else len(order), k))
        venue = namer("inspection", "venue_kind")
        result_codes = [str(v) for v in InspectionResult.values]
        return Section(
            "venue",
            _("Inspections by venue kind and result"),
            "stacked",
            [_("Venue kind")] + [results(c) for c in result_codes] + [_("Inspections")],
            [
                [venue(k)] + [table[k].get(c, 0) for c in result_codes] + [sum(table[k].values())]
                for k in kinds
            ],
            codes=kinds,
            note=_("Nightclubs and karaoke first: the target of the current campaign."),
        )

    def _places(self) -> tuple[str, list[OrgUnit]]:
        sel = self.selection
        if sel.national:
            return "province", list(
                OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).order_by("code")
            )
        units = OrgUnit.objects.filter(level=OrgUnit.Level.DISTRICT)
        if sel.province is not None:
            units = units.filter(parent=sel.province)
        return "district", list(units.order_by("code"))

    def _map(self) -> Section:
        geo, units = self._places()
        family, measure = self.seizure_family()
        cases = {r[geo]: r[measure] for r in self.read(family, (geo,), (measure,))}
        kg = {r[geo]: r["kg"] for r in self.read("drug", (geo,), ("kg",))}
        if geo == "district":
            units = [u for u in units if u.code in cases or u.code in kg] or units
        title = _("Seizures by province") if geo == "province" else _("Seizures by district")
        return Section(
            "map",
            title,
            "map" if geo == "province" else "bar",
            [
                _("Province") if geo == "province" else _("District"),
                _("Seizure cases"),
                _("Drugs seized (kg)"),
            ],
            [[u.name, cases.get(u.code, 0), kg.get(u.code, 0)] for u in units],
            codes=[u.iso_code or u.code for u in units]
            if geo == "province"
            else [u.code for u in units],
            right=(2,),
        )

    def _custody(self) -> Section:
        geo, units = self._places()
        table: dict[str, dict[str, Number]] = defaultdict(lambda: defaultdict(int))
        for r in self.read("custody", (geo, "compliance"), ("custodies",)):
            table[r[geo]][r["compliance"]] += r["custodies"]
        units = [u for u in units if u.code in table]
        rows = []
        for u in units:
            counts = table[u.code]
            in_time, late = counts[CustodyCompliance.IN_TIME], counts[CustodyCompliance.LATE]
            share = rate(in_time, in_time + late)
            rows.append(
                [
                    u.name,
                    in_time,
                    in_time + late,
                    counts[CustodyCompliance.OPEN],
                    share if share is not None else NO_VALUE,
                ]
            )
        return Section(
            "custody",
            _("Custodies ended within the legal time"),
            "bar",
            [
                _("Province") if geo == "province" else _("District"),
                _("Ended in time"),
                _("Ended"),
                _("Still in custody"),
                _("In time (%)"),
            ],
            rows,
            codes=[u.code for u in units],
            draw=(4,),
        )

    def _outcome(self) -> Section:
        found = self.read("defendant", ("outcome",), ("defendants",))
        name = namer("defendant", "outcome")
        return Section(
            "outcome",
            _("Case outcomes of defendants"),
            "pie",
            [_("Outcome"), _("Defendants")],
            [[name(r["outcome"]), r["defendants"]] for r in found],
            codes=[r["outcome"] for r in found],
        )

    def _reach(self) -> Section:
        from sahakar.prevention.choices import AgeGroup, AudienceSex

        table: dict[str, dict[str, Number]] = defaultdict(lambda: defaultdict(int))
        for r in self.read("audience", ("age_group", "sex"), ("reached",)):
            table[r["age_group"]][r["sex"]] += r["reached"]
        ages = [str(a) for a in AgeGroup.values if a in table] + sorted(
            a for a in table if a not in AgeGroup.values
        )
        sexes = [str(s) for s in AudienceSex.values]
        age, sex = namer("audience", "age_group"), namer("audience", "sex")
        return Section(
            "reach",
            _("People reached by prevention, by sex and age group"),
            "stacked",
            [_("Age group")] + [sex(s) for s in sexes] + [_("People reached")],
            [
                [age(a)] + [table[a].get(s, 0) for s in sexes] + [sum(table[a].values())]
                for a in ages
            ],
            codes=ages,
        )

    def _campaign(self) -> Section:
        found = self.read("campaign", ("kind",), ("campaigns", "materials"))
        name = namer("campaign", "kind")
        return Section(
            "campaign",
            _("Prevention campaigns by kind"),
            "bar",
            [_("Campaign kind"), _("Campaigns"), _("Materials distributed")],
            [[name(r["kind"]), r["campaigns"], r["materials"]] for r in found],
            codes=[r["kind"] for r in found],
            right=(2,),
        )
