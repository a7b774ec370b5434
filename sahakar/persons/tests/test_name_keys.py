"""Names are folded so the spellings officers actually use compare equal, and the folded keys
are kept up to date on every save."""

from typing import Any

import pytest

from sahakar.persons import names
from sahakar.persons.models import Person
from sahakar.testing import factories as f


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Sok Dara", "Sok Darah"),  # final h
        ("Sok Dara", "SOKH  dara."),  # case, spaces, punctuation, kh
        ("Chhun Vanna", "Chun Vana"),  # chh, double letters
        ("Touch Sophea", "Tuch Sophia"),  # ou/u, ph, ia/ea
        ("Ouk Bora", "Uk Bora"),  # ou/u
        ("Chea Pisey", "Jea Pisei"),  # j/ch, y/i
        ("Kim Heng", "Gim Heng"),  # k/g, ng kept
        ("Vuthy", "Vuti"),  # th/t, y/i
        ("Pheakdey", "Pheakdei"),  # ey/ei
        ("Chea", "Chear"),  # a silent final r
        ("Nguyễn Văn Hùng", "Nguyen Van Hung"),  # accents
    ],
)
def test_it_folds_romanisation_variants_to_one_spelling(one: str, other: str) -> None:
    assert names.fold_latin(one) == names.fold_latin(other)


def test_it_keeps_word_order_in_the_folded_name_but_not_in_the_key() -> None:
    assert names.fold_latin("Sok Dara") == "sok dara"
    assert names.fold_latin("Dara Sok") == "dara sok"
    assert names.latin_skeleton("Sok Dara") == names.latin_skeleton("Dara Sok") == "dkrs"
    assert names.latin_skeleton("Sok Sreymom") == names.latin_skeleton("Srey Mom Sok")


def test_it_folds_khmer_script_without_invisible_characters_or_spaces() -> None:
    plain = names.fold_khmer("សុខ ដារ៉ា")
    assert names.fold_khmer("សុខ\u200bដារ៉ា") == plain
    assert names.fold_khmer("សុខ\u200c ដារ៉ា\u200d") == plain
    assert names.fold_khmer("សុខដារា") == plain  # the register mark is spelled either way


def test_it_gives_khmer_script_the_consonant_key_of_its_romanisation() -> None:
    assert names.khmer_skeleton("សុខ ដារ៉ា") == names.latin_skeleton("Sok Dara")
    assert names.khmer_skeleton("ឈុន វណ្ណា") == names.latin_skeleton("Chhun Vanna")
    assert names.khmer_skeleton("ប្រាក់ សុផល") == names.latin_skeleton("Prak Sophal")


def test_it_normalises_document_numbers() -> None:
    assert names.normalise_document_number(" n0 1020-3040 ") == "N010203040"


@pytest.mark.django_db
def test_it_derives_the_keys_when_a_person_is_saved() -> None:
    person = f.make_person(
        f.unit(f.PHNOM_PENH),
        name_latin="Chhun Vanna",
        name_km="ឈុន\u200bវណ្ណា",
        document_type="national_id",
        document_number="0102-03040",
    )
    stored = Person.objects.values("name_key", "name_fold", "name_key_km", "document_key").get(
        pk=person.pk
    )
    assert stored == {
        "name_key": names.latin_skeleton("Chun Vana"),
        "name_fold": "chon vana",
        "name_key_km": "ឈុនវណ្ណា",
        "document_key": "010203040",
    }
    person.name_latin = "Sok Dara"
    person.save(update_fields=["name_latin"])
    assert Person.objects.get(pk=person.pk).name_fold == "sok dara"


@pytest.mark.django_db
def test_it_keys_a_khmer_only_record_by_its_consonants(pp_officer: Any) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="", name_km="សុខ ដារ៉ា")
    assert person.name_key == names.latin_skeleton("Sok Dara")
