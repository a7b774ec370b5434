"""Reference data loads from the country's files, completely, and again without duplicates."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from sahakar.agencies.models import Agency
from sahakar.geo.models import OrgUnit
from sahakar.reference import loader
from sahakar.substances.models import ConversionFactor, Substance

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        OrgUnit.objects.count(),
        Agency.objects.count(),
        Substance.objects.count(),
        ConversionFactor.objects.count(),
    )


def test_it_loads_the_25_provinces_with_khmer_names_and_iso_codes() -> None:
    provinces = OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE)
    assert provinces.count() == 25
    assert all(p.name_km for p in provinces)
    assert sorted(p.iso_code for p in provinces) == sorted(f"KH-{n}" for n in range(1, 26))
    phnom_penh = provinces.get(code="12")
    assert (phnom_penh.name_km, phnom_penh.iso_code, phnom_penh.short_code) == (
        "ភ្នំពេញ",
        "KH-12",
        "PP",
    )
    assert phnom_penh.kind == "capital"


def test_it_loads_districts_and_communes_with_gazetteer_codes() -> None:
    districts = OrgUnit.objects.filter(level=OrgUnit.Level.DISTRICT)
    communes = OrgUnit.objects.filter(level=OrgUnit.Level.COMMUNE)
    assert districts.count() > 200
    assert communes.count() > 1600
    for unit in list(districts[:50]) + list(communes.select_related("parent")[:50]):
        parent = unit.parent
        assert parent is not None
        assert unit.code.startswith(parent.code)
        assert len(unit.code) == len(parent.code) + 2
        assert unit.path == f"{parent.path}{unit.code}/"


def test_it_changes_nothing_when_run_again() -> None:
    before = counts()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert counts() == before
    assert "0 created, 0 updated" in out.getvalue()
    assert "1 created" not in out.getvalue()


def test_it_updates_a_changed_name_in_place() -> None:
    kampot = OrgUnit.objects.get(code="07")
    kampot.name_en = "Changed by hand"
    kampot.save()
    report = loader.load_country("kh")
    kampot.refresh_from_db()
    assert kampot.name_en == "Kampot"
    assert report.updated["org units"] == 1


def test_it_loads_agencies_for_every_province() -> None:
    for kind in ("anti_drug_police", "prosecution", "court"):
        assert Agency.objects.filter(kind=kind, home__level=OrgUnit.Level.PROVINCE).count() == 25
    assert Agency.objects.get(code="ADB-PP").home.code == "12"


def test_it_loads_substances_with_documented_conversion_factors() -> None:
    meth = Substance.objects.get(code="METH")
    assert meth.schedule and meth.name_km and "tablet" in meth.forms
    tablet = ConversionFactor.objects.get(substance=meth, unit="tablets")
    assert str(tablet.kg_per_unit.normalize()) == "0.0001"
    assert tablet.source
    assert meth.kg_per_unit("g") is not None  # the generic factor applies
    assert Substance.objects.get(code="CANN").kg_per_unit("plants") is None


def test_it_refuses_an_unknown_country_and_changes_nothing() -> None:
    before = counts()
    with pytest.raises(CommandError, match="No reference data for country"):
        call_command("load_reference", "--country", "zz")
    assert counts() == before


def test_it_names_the_bad_line_of_a_broken_file_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "kh"
    folder.mkdir()
    source = loader.DATA_ROOT / "kh"
    for name in ("country.toml", "provinces.csv", "substances.csv", "conversion_factors.csv"):
        (folder / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    lines = (source / "agencies.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(3, "NEW,no_such_kind,New agency,,NEW,KH")
    (folder / "agencies.csv").write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(loader, "DATA_ROOT", tmp_path)
    before = counts()
    with pytest.raises(ValidationError, match="line 4: unknown kind"):
        loader.load_country("kh")
    assert counts() == before
