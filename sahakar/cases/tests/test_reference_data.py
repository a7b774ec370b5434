"""Legal clock rules and penalty bands are data, loaded from the country's folder: a second
load changes nothing, a bad row is refused by line, and a rule taken out of the file stops."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from sahakar.cases import reference_data
from sahakar.cases.models import LegalClockRule, PenaltyBand
from sahakar.reference.files import LoadReport
from sahakar.reference.loader import DATA_ROOT

pytestmark = pytest.mark.django_db

KH = DATA_ROOT / "kh"


def _copy(tmp_path: Path) -> Path:
    for name in (reference_data.CLOCK_RULES, reference_data.PENALTY_BANDS):
        shutil.copy(KH / name, tmp_path / name)
    return tmp_path


def test_it_changes_nothing_when_loaded_again() -> None:
    report = LoadReport()
    reference_data.load(KH, report)
    assert report.created == {"legal clock rules": 0, "penalty bands": 0}
    assert report.updated == {"legal clock rules": 0, "penalty bands": 0}
    assert LegalClockRule.objects.count() == 3 and PenaltyBand.objects.count() == 3


def test_it_refuses_overlapping_bands_naming_the_lines(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    bands = folder / reference_data.PENALTY_BANDS
    lines = bands.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",80,no,240,", ",80,yes,240,")  # 80 g in two bands
    bands.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        reference_data.load(folder, LoadReport())
    assert "lines 2 and 3" in str(refused.value)


def test_it_refuses_a_bad_rule_naming_the_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    rules = folder / reference_data.CLOCK_RULES
    text = rules.read_text(encoding="utf-8").replace(",14,days,", ",14,weeks,")
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        reference_data.load(folder, LoadReport())
    assert "line 4" in str(refused.value) and "duration_unit" in str(refused.value)


def test_it_stops_a_rule_taken_out_of_the_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    rules = folder / reference_data.CLOCK_RULES
    lines = rules.read_text(encoding="utf-8").splitlines()
    rules.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    reference_data.load(folder, LoadReport())
    assert not LegalClockRule.objects.get(code="IMMEDIATE-JUDGMENT").active


def test_it_loads_nothing_for_a_country_without_the_files(tmp_path: Path) -> None:
    report = LoadReport()
    reference_data.load(tmp_path, report)
    assert report.created == {}
