"""Offences and custody rules are data, per country: loaded from the country's folder,
checked row by row with the line named, and loaded again without changes."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from sahakar.arrests import reference_data
from sahakar.arrests.models import CustodyRule, Offence
from sahakar.reference.files import LoadReport, read_csv
from sahakar.reference.loader import DATA_ROOT

pytestmark = pytest.mark.django_db

RULES_HEADER = "offence_class,base_hours,extension_hours,max_extensions,legal_basis,note\n"
OFFENCES_HEADER = "code,article,title_en,title_km,offence_class,note\n"


def test_it_loads_cambodias_offences_and_custody_rules() -> None:
    felony = CustodyRule.objects.get(offence_class="felony")
    assert (felony.base_hours, felony.extension_hours, felony.max_extensions) == (48, 24, 1)
    assert felony.legal_basis == "Code of Criminal Procedure, art. 96"
    misdemeanour = CustodyRule.objects.get(offence_class="misdemeanour")
    assert (misdemeanour.base_hours, misdemeanour.max_extensions) == (48, 0)
    codes = set(Offence.objects.values_list("code", flat=True))
    assert {"DRUG_USE", "DRUG_POSSESSION", "DRUG_TRAFFICKING", "DRUG_PRODUCTION"} <= codes
    assert {"DRUG_TRANSPORT", "DRUG_FACILITATING_USE"} <= codes
    assert all(o.title_km for o in Offence.objects.all())


def test_it_marks_every_unverified_article_for_checking() -> None:
    for row in read_csv(DATA_ROOT / "kh" / "offences.csv"):
        if not row["article"].startswith("Art. "):
            assert "to be checked against the law text" in row["note"], row["code"]


def test_it_changes_nothing_when_loaded_again() -> None:
    report = LoadReport()
    reference_data.load(DATA_ROOT / "kh", report)
    assert report.created == {"offences": 0, "custody rules": 0}
    assert report.updated == {"offences": 0, "custody rules": 0}


def test_it_takes_rule_lengths_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "custody_rules.csv").write_text(
        RULES_HEADER + 'felony,72,48,2,"Another code, s. 12",\n', encoding="utf-8"
    )
    report = LoadReport()
    reference_data.load(tmp_path, report)
    felony = CustodyRule.objects.get(offence_class="felony")
    assert (felony.base_hours, felony.extension_hours, felony.max_extensions) == (72, 48, 2)
    assert report.updated["custody rules"] == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("felony,48,24,1,CCP 96,\nfelony,24,0,0,CCP 96,\n", "line 3: offence class 'felony'"),
        ("felony,48,24,x,CCP 96,\n", "line 2: max_extensions must be a whole number"),
        ("crime,48,0,0,CCP 96,\n", "line 2: unknown offence class 'crime'"),
        ("felony,48,0,1,CCP 96,\n", "line 2: max_extensions is 1 but extension_hours is 0"),
        ("felony,0,0,0,CCP 96,\n", "line 2: base_hours must be at least 1"),
        ("felony,48,24,1,,\n", "line 2: legal_basis is empty"),
    ],
)
def test_it_names_the_line_of_a_bad_custody_rule(tmp_path: Path, rows: str, message: str) -> None:
    (tmp_path / "custody_rules.csv").write_text(RULES_HEADER + rows, encoding="utf-8")
    with pytest.raises(ValidationError, match=f"custody_rules.csv {message}"):
        reference_data.load(tmp_path, LoadReport())
    assert CustodyRule.objects.get(offence_class="felony").base_hours == 48


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("A,Art. 1,Use,,felony,\nA,Art. 2,Sale,,felony,\n", "line 3: code 'A' is already used"),
        ("A,Art. 1,Use,,grave,\n", "line 2: unknown offence class 'grave'"),
        ("A,,Use,,felony,\n", "line 2: article is empty"),
    ],
)
def test_it_names_the_line_of_a_bad_offence(tmp_path: Path, rows: str, message: str) -> None:
    (tmp_path / "offences.csv").write_text(OFFENCES_HEADER + rows, encoding="utf-8")
    count = Offence.objects.count()
    with pytest.raises(ValidationError, match=f"offences.csv {message}"):
        reference_data.load(tmp_path, LoadReport())
    assert Offence.objects.count() == count


def test_it_refuses_a_file_missing_a_column(tmp_path: Path) -> None:
    (tmp_path / "custody_rules.csv").write_text(
        "offence_class,base_hours\nfelony,48\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="line 1: missing column"):
        reference_data.load(tmp_path, LoadReport())


def test_it_loads_nothing_for_a_country_without_the_files(tmp_path: Path) -> None:
    report = LoadReport()
    reference_data.load(tmp_path, report)
    assert report.created == {}
