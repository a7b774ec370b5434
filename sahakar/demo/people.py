"""Synthetic people: common Khmer family and given names combined at random, never real persons.

Each name is a (Latin, Khmer script) pair; a person is "family given" in that order, as
Cambodians write it. Foreign suspects (Vietnamese, Thai, Chinese, Lao) get Latin names only.
Spelling variants let the demo hold the near-duplicates that duplicate detection must find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sahakar.demo.places import BORDERS_LAOS, BORDERS_THAILAND, BORDERS_VIETNAM
from sahakar.persons.choices import DocumentType, Sex

FAMILY_NAMES: tuple[tuple[str, str], ...] = (
    ("Sok", "សុខ"), ("Chan", "ចាន់"), ("Kim", "គីម"), ("Heng", "ហេង"), ("Meas", "មាស"),
    ("Keo", "កែវ"), ("Prak", "ប្រាក់"), ("Ly", "លី"), ("Chea", "ជា"), ("Nhem", "ញ៉ែម"),
    ("Sam", "សំ"), ("Seng", "សេង"), ("Yim", "យឹម"), ("Touch", "ទូច"), ("Chhim", "ឈឹម"),
    ("Lim", "លឹម"), ("Pich", "ពេជ្រ"), ("Ros", "រស់"), ("Ouk", "អ៊ុក"), ("Mao", "ម៉ៅ"),
    ("Nget", "ង៉ែត"), ("Tep", "ទេព"), ("Vann", "វ៉ាន់"), ("Oum", "អ៊ុំ"), ("Chhun", "ឈុន"),
    ("Long", "ឡុង"), ("Hong", "ហុង"), ("Sun", "ស៊ុន"), ("Thach", "ថាច់"), ("Men", "ម៉ែន"),
)  # fmt: skip
MALE_NAMES: tuple[tuple[str, str], ...] = (
    ("Dara", "ដារ៉ា"), ("Sophal", "សុផល"), ("Vuthy", "វុទ្ធី"), ("Piseth", "ពិសិដ្ឋ"),
    ("Rithy", "រិទ្ធី"), ("Sovann", "សុវណ្ណ"), ("Visal", "វិសាល"), ("Kosal", "កុសល"),
    ("Samnang", "សំណាង"), ("Makara", "មករា"), ("Rotha", "រដ្ឋា"), ("Vannak", "វណ្ណៈ"),
    ("Sothea", "សុធា"), ("Bora", "បូរ៉ា"), ("Narith", "ណារិទ្ធ"), ("Pheakdey", "ភក្តី"),
    ("Sambath", "សម្បត្តិ"), ("Vibol", "វិបុល"), ("Chetra", "ចេត្រា"), ("Sokha", "សុខា"),
    ("Kimsan", "គីមសាន"), ("Bunthoeun", "ប៊ុនធឿន"),
)  # fmt: skip
FEMALE_NAMES: tuple[tuple[str, str], ...] = (
    ("Sreymom", "ស្រីមុំ"), ("Channary", "ចាន់ណារី"), ("Rathana", "រតនា"), ("Bopha", "បុប្ផា"),
    ("Sreypov", "ស្រីពៅ"), ("Chenda", "ចិន្តា"), ("Kunthea", "គន្ធា"), ("Sophea", "សោភា"),
    ("Theary", "ធារី"), ("Raksmey", "រស្មី"), ("Vanna", "វណ្ណា"), ("Dalin", "ដាលីន"),
    ("Socheata", "សុជាតា"), ("Phalla", "ផល្លា"), ("Pisey", "ពិសី"), ("Neary", "នារី"),
    ("Sreyneang", "ស្រីនាង"), ("Leakhena", "លក្ខិណា"),
)  # fmt: skip

# Other romanisations of the same Khmer names, as different officers write them.
LATIN_VARIANTS = {
    "Sok": "Sokh", "Chea": "Chear", "Keo": "Kaev", "Ly": "Lee", "Chan": "Chann", "Kim": "Khim",
    "Meas": "Meash", "Touch": "Tuch", "Chhim": "Chhem", "Vann": "Van", "Vuthy": "Vuthi",
    "Piseth": "Piset", "Rithy": "Rithi", "Sovann": "Sovan", "Channary": "Chanary",
    "Sreymom": "Srey Mom", "Rathana": "Ratana", "Bopha": "Bopa", "Sreypov": "Srey Pov",
    "Sophea": "Sophia", "Pheakdey": "Pheakdei", "Samnang": "Sam Nang",
}  # fmt: skip

VIETNAMESE = {
    "family": ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vo", "Dang", "Bui", "Do", "Huynh"),
    "M": ("Hung", "Minh", "Tuan", "Nam", "Long", "Hai", "Dung", "Thanh", "Quang", "Son"),
    "F": ("Lan", "Hoa", "Huong", "Mai", "Linh", "Thu", "Trang", "Ngoc"),
}
THAI = {
    "family": ("Srisuk", "Boonmee", "Saetang", "Wongsawat", "Chaiyaporn", "Rattanakorn", "Sukjai"),
    "M": ("Somchai", "Somsak", "Prasert", "Anan", "Niran", "Wichai", "Chaiwat", "Kittisak"),
    "F": ("Kanya", "Malee", "Siriporn", "Nittaya", "Pranee", "Supaporn"),
}
CHINESE = {
    "family": ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"),
    "M": ("Wei", "Jun", "Lei", "Hao", "Yong", "Jie", "Qiang", "Peng", "Bin", "Tao"),
    "F": ("Na", "Fang", "Min", "Jing", "Li", "Yan", "Xiu"),
}
LAO = {
    "family": ("Sisouk", "Phommachanh", "Vongsa", "Keomany", "Inthavong"),
    "M": ("Khamphone", "Bounmy", "Souksavanh", "Somphone", "Vilay"),
    "F": ("Noy", "Vanh", "Keo", "Phet"),
}
FOREIGN = {"VN": VIETNAMESE, "TH": THAI, "CN": CHINESE, "LA": LAO}

ALIASES = ("Khmao", "Thom", "Touch", "Pov", "Kdam", "Chen", "A Mao", "Bong Thom", "Kla", "Sva")
RANKS = {
    "anti_drug_police": ("Pol. Maj.", "Pol. Lt. Col.", "Pol. Col.", "Pol. Brig. Gen."),
    "military_police": ("Maj.", "Lt. Col.", "Col.", "Brig. Gen."),
    "customs": ("Customs Insp.", "Customs Chief Insp.", "Customs Director"),
}


def khmer_name(rng: random.Random, sex: str) -> tuple[str, str]:
    """(Latin, Khmer script) for a random family + given name combination."""
    family = rng.choice(FAMILY_NAMES)
    given = rng.choice(MALE_NAMES if sex == Sex.MALE else FEMALE_NAMES)
    return f"{family[0]} {given[0]}", f"{family[1]} {given[1]}"


def foreign_name(rng: random.Random, nationality: str, sex: str) -> str:
    names = FOREIGN[nationality]
    family, given = rng.choice(names["family"]), rng.choice(names[sex])
    if nationality == "VN":
        return f"{family} {'Van' if sex == Sex.MALE else 'Thi'} {given}"
    if nationality in ("TH", "LA"):
        return f"{given} {family}"
    return f"{family} {given}"


def commander(rng: random.Random, agency_kind: str) -> str:
    rank = rng.choice(RANKS.get(agency_kind, RANKS["anti_drug_police"]))
    return f"{rank} {khmer_name(rng, Sex.MALE)[0]}"


def variant(rng: random.Random, latin: str) -> str:
    """The same name as another officer might have typed it."""
    parts = latin.split(" ")
    changed = [LATIN_VARIANTS.get(p, p) for p in parts]
    if changed != parts and rng.random() < 0.7:
        return " ".join(changed)
    if rng.random() < 0.5:
        return f"{parts[0].upper()} {' '.join(parts[1:])}"
    return " ".join(parts[1:] + parts[:1])  # given name first, a common mistake


def nationality(rng: random.Random, province: str) -> str:
    """Mostly Cambodian; neighbours' nationals near their borders, Chinese on the coast."""
    roll = rng.random()
    if province in BORDERS_VIETNAM and roll < 0.07:
        return "VN"
    if province in BORDERS_THAILAND and roll < 0.05:
        return "TH"
    if province in BORDERS_LAOS and roll < 0.03:
        return "LA"
    if province == "18" and roll < 0.12:
        return "CN"
    if province == "12":
        return "CN" if roll < 0.03 else "VN" if roll < 0.06 else "KH"
    return "KH"


AGE_BANDS = ((16, 17, 3), (18, 25, 30), (26, 35, 38), (36, 45, 20), (46, 60, 9))


@dataclass(frozen=True)
class Identity:
    name_latin: str
    name_km: str
    sex: str
    nationality: str
    date_of_birth: date | None
    birth_year: int
    document_type: str
    document_number: str
    alias: str


def identity(rng: random.Random, province: str, when: date) -> Identity:
    sex = Sex.MALE if rng.random() < 0.88 else Sex.FEMALE
    country = nationality(rng, province)
    if country == "KH":
        latin, km = khmer_name(rng, sex)
    else:
        latin, km = foreign_name(rng, country, sex), ""
    low, high, _ = rng.choices(AGE_BANDS, weights=[b[2] for b in AGE_BANDS])[0]
    born = when - timedelta(days=rng.randint(low * 365 + 1, high * 365 + 360))
    doc_type, doc_number = _document(rng, country)
    return Identity(
        name_latin=latin,
        name_km=km,
        sex=sex,
        nationality=country,
        date_of_birth=born if rng.random() < 0.7 else None,  # else only the year is known
        birth_year=born.year,
        document_type=doc_type,
        document_number=doc_number,
        alias=rng.choice(ALIASES) if rng.random() < 0.12 else "",
    )


def _document(rng: random.Random, country: str) -> tuple[str, str]:
    roll = rng.random()
    if country == "KH":
        if roll < 0.55:
            return DocumentType.NATIONAL_ID, str(rng.randrange(10**8, 10**9))
        if roll < 0.60:
            return DocumentType.FAMILY_BOOK, str(rng.randrange(10**7, 10**8))
        return "", ""
    if roll < 0.75:
        letters = {"VN": "C", "TH": "AA", "CN": "E", "LA": "P"}[country]
        return DocumentType.PASSPORT, f"{letters}{rng.randrange(10**7, 10**8)}"
    return "", ""
