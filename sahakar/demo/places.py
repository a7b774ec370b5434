"""Where things happen: province weights, border posts, ports, roads and venue names.

Border posts, ports and airports are real public places named after the district they lie
in; every other venue name is a random combination of common words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from sahakar.venues.choices import VenueKind

# Relative share of activity per province (gazetteer code). The capital, the tourist and
# casino towns and the main border provinces see the most.
PROVINCE_WEIGHT: dict[str, float] = {
    "12": 20,  # Phnom Penh
    "17": 7,  # Siem Reap
    "18": 8,  # Preah Sihanouk
    "02": 6,  # Battambang
    "01": 7,  # Banteay Meanchey (Poipet)
    "20": 5,  # Svay Rieng (Bavet)
    "08": 5,  # Kandal
    "09": 3,  # Koh Kong
    "22": 2.5,  # Oddar Meanchey
    "24": 2,  # Pailin
    "21": 3,  # Takeo
    "07": 2.5,  # Kampot
    "03": 3.5,  # Kampong Cham
    "25": 2.5,  # Tbong Khmum
    "14": 2.5,  # Prey Veng
    "19": 2,  # Stung Treng (Laos)
    "16": 2,  # Ratanakiri
    "15": 2,  # Pursat
    "05": 2.5,  # Kampong Speu
    "06": 2,  # Kampong Thom
    "04": 1.5,  # Kampong Chhnang
    "10": 1.5,  # Kratie
    "13": 1.2,  # Preah Vihear
    "11": 1,  # Mondulkiri
    "23": 0.8,  # Kep
}

BORDERS_THAILAND = frozenset({"01", "02", "09", "13", "15", "22", "24"})
BORDERS_VIETNAM = frozenset({"07", "08", "10", "11", "14", "16", "20", "21", "23", "25"})
BORDERS_LAOS = frozenset({"13", "16", "19"})

# Where shipments cross into Cambodia, for controlled deliveries that start there.
BORDER_TOWNS = ("01", "09", "16", "19", "20", "22", "18")

# Approximate provincial capitals (latitude, longitude), for venue coordinates.
CENTRE: dict[str, tuple[float, float]] = {
    "01": (13.59, 102.97),
    "02": (13.10, 103.20),
    "03": (12.00, 105.46),
    "04": (12.25, 104.67),
    "05": (11.45, 104.52),
    "06": (12.71, 104.89),
    "07": (10.61, 104.18),
    "08": (11.48, 104.95),
    "09": (11.62, 102.98),
    "10": (12.49, 106.02),
    "11": (12.45, 107.19),
    "12": (11.56, 104.92),
    "13": (13.80, 104.98),
    "14": (11.48, 105.33),
    "15": (12.54, 103.92),
    "16": (13.74, 106.98),
    "17": (13.36, 103.86),
    "18": (10.63, 103.52),
    "19": (13.52, 105.97),
    "20": (11.09, 105.80),
    "21": (10.99, 104.78),
    "22": (14.18, 103.52),
    "23": (10.48, 104.32),
    "24": (12.85, 102.61),
    "25": (11.99, 105.65),
}

# National roads through each province, for checkpoints and place descriptions.
ROADS: dict[str, tuple[str, ...]] = {
    "01": ("NR5", "NR6", "NR56"),
    "02": ("NR5", "NR57", "NR10"),
    "03": ("NR7", "NR11"),
    "04": ("NR5", "NR53"),
    "05": ("NR4", "NR3", "NR44"),
    "06": ("NR6", "NR62", "NR12"),
    "07": ("NR3", "NR33"),
    "08": ("NR1", "NR2", "NR21"),
    "09": ("NR48",),
    "10": ("NR7", "NR73"),
    "11": ("NR76",),
    "12": ("NR1", "NR2", "NR3", "NR4", "NR5", "NR6"),
    "13": ("NR62", "NR64"),
    "14": ("NR1", "NR11"),
    "15": ("NR5", "NR55"),
    "16": ("NR78",),
    "17": ("NR6", "NR67"),
    "18": ("NR4", "NR48"),
    "19": ("NR7",),
    "20": ("NR1", "NR13"),
    "21": ("NR2", "NR3"),
    "22": ("NR67", "NR56", "NR68"),
    "23": ("NR33",),
    "24": ("NR57",),
    "25": ("NR7", "NR73"),
}


@dataclass(frozen=True)
class KnownPlace:
    """A real border post, port or airport: (province code, district name, kind, name)."""

    province: str
    district: str
    kind: str
    name: str


KNOWN_PLACES: tuple[KnownPlace, ...] = (
    KnownPlace("01", "Paoy Paet", VenueKind.BORDER_CROSSING, "Poipet international border post"),
    KnownPlace("02", "Kamrieng", VenueKind.BORDER_CROSSING, "Daung international border post"),
    KnownPlace(
        "09", "Mundul Seima", VenueKind.BORDER_CROSSING, "Cham Yeam international border post"
    ),
    KnownPlace("22", "Samraong", VenueKind.BORDER_CROSSING, "O'Smach international border post"),
    KnownPlace("22", "Anlung Veaeng", VenueKind.BORDER_CROSSING, "Choam border post"),
    KnownPlace("24", "Sala Krau", VenueKind.BORDER_CROSSING, "Psar Prum international border post"),
    KnownPlace("15", "Veal Veaeng", VenueKind.BORDER_CROSSING, "Thma Da border post"),
    KnownPlace(
        "19",
        "Borei Ou Svay Senchey",
        VenueKind.BORDER_CROSSING,
        "Trapeang Kriel international border post",
    ),
    KnownPlace("16", "Ou Ya Dav", VenueKind.BORDER_CROSSING, "O Yadav international border post"),
    KnownPlace("11", "Ou Reang", VenueKind.BORDER_CROSSING, "O Raing border post"),
    KnownPlace("10", "Snuol", VenueKind.BORDER_CROSSING, "Trapeang Sre international border post"),
    KnownPlace(
        "25", "Ponhea Kraek", VenueKind.BORDER_CROSSING, "Trapeang Phlong international border post"
    ),
    KnownPlace("20", "Bavet", VenueKind.BORDER_CROSSING, "Bavet international border post"),
    KnownPlace("14", "Kampong Trabaek", VenueKind.BORDER_CROSSING, "Banteay Chakrei border post"),
    KnownPlace(
        "08", "Leuk Daek", VenueKind.BORDER_CROSSING, "Kaam Samnor international border post"
    ),
    KnownPlace("21", "Kiri Vung", VenueKind.BORDER_CROSSING, "Phnom Den international border post"),
    KnownPlace(
        "07", "Kampong Trach", VenueKind.BORDER_CROSSING, "Prek Chak international border post"
    ),
    KnownPlace("18", "Preah Sihanouk", VenueKind.PORT, "Sihanoukville Autonomous Port"),
    KnownPlace("12", "Doun Penh", VenueKind.PORT, "Phnom Penh Autonomous Port, passenger terminal"),
    KnownPlace("08", "Kien Svay", VenueKind.PORT, "Phnom Penh Autonomous Port, container terminal"),
    KnownPlace("09", "Kaoh Kong", VenueKind.PORT, "Koh Kong port"),
    KnownPlace("09", "Srae Ambel", VenueKind.PORT, "Oknha Mong port"),
    KnownPlace("07", "Kampot", VenueKind.PORT, "Kampot port"),
    KnownPlace("12", "Pou Saen Chey", VenueKind.OTHER, "Phnom Penh International Airport"),
    KnownPlace("08", "Kandal Stueng", VenueKind.OTHER, "Techo International Airport"),
    KnownPlace("17", "Sout Nikum", VenueKind.OTHER, "Siem Reap-Angkor International Airport"),
    KnownPlace("18", "Prey Nub", VenueKind.OTHER, "Sihanouk International Airport"),
)

# Districts of the provincial towns, where most entertainment venues are.
MAIN_TOWNS: dict[str, tuple[str, ...]] = {
    "01": ("Serei Saophoan", "Paoy Paet"),
    "02": ("Battambang",),
    "03": ("Kampong Cham",),
    "04": ("Kampong Chhnang",),
    "05": ("Chbar Mon",),
    "06": ("Stueng Saen",),
    "07": ("Kampot",),
    "08": ("Ta Khmau",),
    "09": ("Kaoh Kong",),
    "10": ("Kracheh",),
    "11": ("Saen Meaknourum",),
    "12": ("Chamkar Mon", "Doun Penh", "Prampir Meakkakra", "Tuol Kouk", "Boeng Keng Kang"),
    "13": ("Preah Vihear",),
    "14": ("Prey Veng",),
    "15": ("Pousat",),
    "16": ("Ban Lung",),
    "17": ("Siem Reab",),
    "18": ("Preah Sihanouk",),
    "19": ("Stueng Traeng",),
    "20": ("Svay Rieng", "Bavet"),
    "21": ("Doun Kaev",),
    "22": ("Samraong",),
    "23": ("Kaeb",),
    "24": ("Pailin",),
    "25": ("Suong",),
}

# Where casinos are licensed in numbers: border and coastal towns and the capital.
CASINO_PROVINCES = frozenset({"01", "09", "12", "18", "20", "22", "24"})

# Share of each kind among the generated (not known) venues.
KIND_WEIGHT: dict[str, float] = {
    VenueKind.KARAOKE: 22,
    VenueKind.GUESTHOUSE: 18,
    VenueKind.RESIDENCE: 15,
    VenueKind.BAR: 12,
    VenueKind.NIGHTCLUB: 8,
    VenueKind.MASSAGE: 6,
    VenueKind.WAREHOUSE: 6,
    VenueKind.CHECKPOINT: 7,
    VenueKind.CASINO: 2,
    VenueKind.OTHER: 4,
}

ADJECTIVES = (
    "Golden", "Royal", "Lucky", "Diamond", "Crystal", "Star", "Sky", "Blue", "Red", "Angkor",
    "Mekong", "Lotus", "Orchid", "Jasmine", "Sunrise", "Paradise", "Happy", "Victory", "Phoenix",
    "Dragon", "Tiger", "Emerald", "Silver", "Moonlight", "New", "Grand", "Fortune", "Pearl",
    "Rose", "Sapphire", "Apsara", "Tonle", "Neon", "Eden", "Venus", "Galaxy", "Ruby", "Ocean",
)  # fmt: skip
NOUNS = (
    "Palace", "Garden", "Star", "Moon", "River", "City", "Dream", "Light", "World", "House",
    "Town", "Queen", "King", "Heaven", "Wave", "Sun", "Island", "Lagoon", "Valley", "Tower",
)  # fmt: skip
KIND_WORDS: dict[str, tuple[str, ...]] = {
    VenueKind.NIGHTCLUB: ("Club", "Night Club", "Lounge & Club", "Disco"),
    VenueKind.KARAOKE: ("KTV", "Karaoke", "KTV & Restaurant", "VIP KTV"),
    VenueKind.BAR: ("Bar", "Pub", "Beer Garden", "Sky Bar"),
    VenueKind.CASINO: ("Casino", "Casino & Resort", "Entertainment Club"),
    VenueKind.GUESTHOUSE: ("Guesthouse", "Hotel", "Boutique Hotel", "Inn"),
    VenueKind.MASSAGE: ("Spa & Massage", "Massage", "Health Club"),
}
OTHER_PLACES = ("bus station", "taxi stand", "boat landing", "market car park", "rest stop")


def venue_name(rng: random.Random, kind: str, commune: str, district: str, province: str) -> str:
    words = KIND_WORDS.get(kind)
    if words is not None:
        return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(words)}"
    if kind == VenueKind.RESIDENCE:
        return f"{rng.choice(('Rented house', 'House', 'Rented room', 'Flat'))}, {commune}"
    if kind == VenueKind.WAREHOUSE:
        label = rng.choice(("Warehouse", "Storage depot", "Rice mill store", "Workshop"))
        return f"{label} on {rng.choice(ROADS[province])}, {commune}"
    if kind == VenueKind.CHECKPOINT:
        return f"{rng.choice(ROADS[province])} checkpoint, km {rng.randint(3, 380)}"
    return f"{district} {rng.choice(OTHER_PLACES)}"


def address(rng: random.Random, capital: bool, commune: str, district: str) -> str:
    if capital:
        number, street = rng.randint(1, 320), rng.randint(2, 598)
        return f"No. {number}, St. {street}, Sangkat {commune}, Khan {district}"
    return f"Phum {rng.randint(1, 12)}, {commune} commune, {district} district"


def coordinates(rng: random.Random, province: str) -> tuple[Decimal, Decimal]:
    lat, lon = CENTRE[province]
    return (
        Decimal(f"{lat + rng.uniform(-0.12, 0.12):.6f}"),
        Decimal(f"{lon + rng.uniform(-0.12, 0.12):.6f}"),
    )


def place_description(rng: random.Random, province: str, commune: str, district: str) -> str:
    road = rng.choice(ROADS[province])
    return rng.choice(
        (
            f"{road}, km {rng.randint(2, 380)}, {district}",
            f"Roadside near {commune} market",
            f"Rented room in {commune}",
            f"Riverbank near {commune}",
            f"Rubber plantation track, {commune}",
            f"Car park of {district} bus station",
            f"Construction site, {commune}",
            f"Vehicle stopped on {road} near {district}",
        )
    )
