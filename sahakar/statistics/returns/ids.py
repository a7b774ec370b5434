"""UNODC Individual Drug Seizures: one row per seizure item, in the columns of the IDS release.

Record-level data: the items are those the user may export (restrict(user, EXPORT) on
seizure items), seized in the period (local days). Unknown values are "Data not available".
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from sahakar.core.permissions import EXPORT
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import SeizureItem
from sahakar.statistics.families import Window, day_bounds
from sahakar.statistics.figures import Period
from sahakar.statistics.paths import codes
from sahakar.statistics.returns import mappings as m
from sahakar.statistics.returns.tables import Cell, ReturnFile, Table

COLUMNS = [
    "Seizure Date",
    "Country/Territory of Seizure",
    "ISO3",
    "Subregion",
    "Region",
    "Drug/Substance",
    "Quantity Seized",
    "Measurement Unit",
    "City",
    "Administrative Region",
    "Physical Seizure Location",
    "Trafficking Mode of Transportation",
    "Producing Country",
    "Departure Country",
    "Transit Countries",
    "Destination Country",
]


def items(user: Any, period: Period) -> QuerySet[SeizureItem]:
    """The seizure items of the period the user may export, oldest first."""
    window = Window(period.first, period.last)
    return (
        SeizureItem.objects.restrict(user, EXPORT)
        .filter(day_bounds(window, "seizure__seized_at"))
        .select_related("seizure__org_unit", "seizure__venue", "substance")
        .order_by("seizure__seized_at", "seizure_id", "pk")
    )


def _names_by_code(paths: set[str]) -> dict[str, str]:
    """English names of the provinces and districts on these paths, in one query."""
    wanted = {code for path in paths for code in codes(path)[1:3]}
    return dict(OrgUnit.objects.filter(code__in=wanted).values_list("code", "name_en"))


def row(item: SeizureItem, names: dict[str, str], country: m.SeizureCountry) -> list[Cell]:
    seizure = item.seizure
    parts = codes(seizure.org_unit.path)
    province = names.get(parts[1], "") if len(parts) > 1 else ""
    district = names.get(parts[2], "") if len(parts) > 2 else ""
    unit = m.ids_unit(item.unit)
    venue_kind = seizure.venue.kind if seizure.venue is not None else None
    transit = [m.country_name(m.code_of(c)) for c in item.transit_countries]
    return [
        timezone.localtime(seizure.seized_at).date().isoformat(),
        country.name,
        country.iso3,
        country.subregion,
        country.region,
        m.drug_name(item.substance.code, item.substance.unodc_name),
        unit.convert(item.quantity),
        unit.name,
        district or m.NOT_AVAILABLE,
        province or m.NOT_AVAILABLE,
        m.seizure_location(venue_kind),
        m.transport_mode(item.transport),
        m.country_name(m.code_of(item.origin_country)),
        m.NOT_AVAILABLE,  # the records do not say where a consignment set off from
        "; ".join(transit) if transit else m.NOT_AVAILABLE,
        m.country_name(m.code_of(item.destination_country)),
    ]


def build(user: Any, period: Period) -> ReturnFile:
    found = list(items(user, period))
    names = _names_by_code({i.seizure.org_unit.path for i in found})
    country = m.seizure_country()
    rows = [row(item, names, country) for item in found]
    name = f"unodc-ids-{period.first.isoformat()}-{period.last.isoformat()}"
    return ReturnFile(name, [Table("Individual Drug Seizures", list(COLUMNS), rows)])
