"""Our vocabularies in the words of the international returns, read from the data files.

The files in `data/` (see its README.md) map substance codes, units, means of transport,
venue kinds, suspect roles and sexes to UNODC and ASEAN terms. Anything a file does not map
is "Data not available", as the UNODC releases write unknowns. Country names and ISO3 codes
come from django-countries, in English whatever the user's language.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django_countries import countries

NOT_AVAILABLE = "Data not available"
DATA = Path(__file__).resolve().parent / "data"


def _read(name: str, key: str) -> dict[str, dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return {row[key].strip(): row for row in csv.DictReader(handle) if row[key].strip()}


@cache
def table(name: str, key: str) -> dict[str, dict[str, str]]:
    """A mapping file as {key value: row}, read once per process."""
    return _read(name, key)


def _lookup(name: str, key: str, value: str | None, column: str) -> str:
    row = table(name, key).get(value or "")
    return (row or {}).get(column, "").strip() or NOT_AVAILABLE


def drug_name(code: str, fallback: str = "") -> str:
    """The IDS drug name of a substance code; the substance's own `unodc_name` otherwise."""
    mapped = _lookup("substances.csv", "code", code, "unodc_name")
    if mapped == NOT_AVAILABLE and fallback.strip():
        return fallback.strip()
    return mapped


def arq_group(code: str) -> str:
    return _lookup("substances.csv", "code", code, "arq_group")


def asean_type(code: str) -> str:
    return _lookup("substances.csv", "code", code, "asean_type")


@dataclass(frozen=True)
class UnitMapping:
    name: str
    factor: Decimal

    def convert(self, quantity: Decimal) -> Decimal:
        return quantity * self.factor


def _unit(unit: str, name_column: str, factor_column: str) -> UnitMapping:
    row = table("units.csv", "unit").get(unit)
    if row is None or not row.get(name_column, "").strip():
        return UnitMapping(NOT_AVAILABLE, Decimal(1))
    return UnitMapping(row[name_column].strip(), Decimal(row[factor_column].strip() or "1"))


def ids_unit(unit: str) -> UnitMapping:
    """The IDS measurement unit of one of our units, and the factor to it."""
    return _unit(unit, "ids_unit", "ids_factor")


def summary_unit(unit: str) -> UnitMapping:
    """The unit the ARQ and ASEAN summaries add quantities in (kilograms, litres, tablets)."""
    return _unit(unit, "summary_unit", "summary_factor")


def transport_mode(transport: str) -> str:
    return _lookup("transport.csv", "transport", transport, "ids_mode")


def seizure_location(venue_kind: str | None) -> str:
    return _lookup("locations.csv", "venue_kind", venue_kind, "ids_location")


def offence_type(role: str | None) -> str:
    return _lookup("roles.csv", "suspect_role", role, "offence_type")


def sex_label(sex: str | None) -> str:
    return _lookup("sexes.csv", "sex", sex, "label")


def code_of(country: Any) -> str:
    """The alpha-2 code of a django-countries value (a Country, or its code), "" if none."""
    return str(getattr(country, "code", country) or "")


def country_name(code: str | None) -> str:
    """The English name of an ISO 3166-1 alpha-2 code, or "Data not available"."""
    if not code or code not in countries:
        return NOT_AVAILABLE
    with translation.override("en"):
        return str(countries.name(code))


def iso3(code: str | None) -> str:
    if not code or code not in countries:
        return NOT_AVAILABLE
    return countries.alpha3(code) or NOT_AVAILABLE


@dataclass(frozen=True)
class SeizureCountry:
    """The country the records are seized in, as the IDS release describes it."""

    code: str
    name: str
    iso3: str
    subregion: str
    region: str


def seizure_country() -> SeizureCountry:
    code = settings.SAHAKAR_COUNTRY.upper()
    row = table("country.csv", "country").get(code, {})
    return SeizureCountry(
        code=code,
        name=country_name(code),
        iso3=iso3(code),
        subregion=row.get("subregion", "").strip() or NOT_AVAILABLE,
        region=row.get("region", "").strip() or NOT_AVAILABLE,
    )


def nationality_group(code: str | None) -> str:
    """Nationals, foreigners, or not known, from a nationality code."""
    if not code:
        return NOT_AVAILABLE
    return "Nationals" if code == seizure_country().code else "Foreigners"
