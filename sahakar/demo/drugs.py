"""What is seized: substances, forms and quantities by setting, and the property seized with them.

Street seizures are small (a few tablets or grams); border posts and ports occasionally see
tens to hundreds of kilograms. Quantities are drawn log-uniformly inside each band.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sahakar.seizures.choices import PropertyKind, Transport
from sahakar.substances.choices import Form, Unit

STREET, CHECKPOINT, BORDER, PORT, AIRPORT, STORE = (
    "street",
    "checkpoint",
    "border",
    "port",
    "airport",
    "store",
)


def _between(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _band(rng: random.Random, bands: Bands) -> float:
    low, high, _ = rng.choices(bands, weights=[b[2] for b in bands])[0]
    return _between(rng, low, high)


def _count(value: float) -> Decimal:
    return Decimal(max(1, round(value)))


def _mass(grams: float) -> tuple[Decimal, str]:
    """Grams below a kilogram, kilograms above, rounded as a scale would show them."""
    if grams >= 1000:
        return Decimal(f"{grams / 1000:.3f}"), Unit.KG
    if grams >= 10:
        return Decimal(f"{grams:.1f}"), Unit.G
    return Decimal(f"{max(grams, 0.01):.2f}"), Unit.G


def _litres(litres: float) -> tuple[Decimal, str]:
    if litres < 1:
        return Decimal(round(litres * 1000)), Unit.ML
    return Decimal(f"{litres:.2f}"), Unit.L


LARGE = (BORDER, PORT, STORE)

# Quantity bands (low, high, weight): where a quantity falls, drawn log-uniformly inside.
Bands = tuple[tuple[float, float, float], ...]
Quantity = Callable[[random.Random, str], tuple[Decimal, str]]

METH_TABLET_BANDS: dict[str, Bands] = {
    BORDER: ((200, 20_000, 60), (20_000, 200_000, 35), (200_000, 2_000_000, 5)),
    PORT: ((200, 20_000, 60), (20_000, 200_000, 35), (200_000, 2_000_000, 5)),
    STORE: ((200, 20_000, 70), (20_000, 200_000, 28), (200_000, 1_000_000, 2)),
    STREET: ((1, 200, 70), (200, 5_000, 25), (5_000, 50_000, 5)),
}
# Grams. The occasional 10-500 kg load comes through border posts and ports.
METH_CRYSTAL_BANDS: dict[str, Bands] = {
    BORDER: ((1, 5_000, 72), (5_000, 50_000, 20), (10_000, 500_000, 8)),
    PORT: ((1, 5_000, 62), (5_000, 50_000, 25), (10_000, 500_000, 13)),
    STORE: ((1, 5_000, 85), (5_000, 50_000, 13), (10_000, 200_000, 2)),
    STREET: ((0.1, 20, 80), (20, 1_000, 18), (1_000, 5_000, 2)),
}


def _meth_tablets(rng: random.Random, setting: str) -> tuple[Decimal, str]:
    bands = METH_TABLET_BANDS.get(setting, METH_TABLET_BANDS[STREET])
    return _count(_band(rng, bands)), Unit.TABLETS


def _meth_crystal(rng: random.Random, setting: str) -> tuple[Decimal, str]:
    return _mass(_band(rng, METH_CRYSTAL_BANDS.get(setting, METH_CRYSTAL_BANDS[STREET])))


def _ketamine(rng: random.Random, setting: str) -> tuple[Decimal, str]:
    large = {PORT: 0.3, STORE: 0.05}.get(setting, 0.0)
    if rng.random() < large:
        return _mass(_between(rng, 5_000, 800_000))
    return _mass(_band(rng, ((0.5, 100, 85), (100, 3_000, 15))))


def _heroin(rng: random.Random, setting: str) -> tuple[Decimal, str]:
    if setting in LARGE:
        return _mass(_between(rng, 50, 10_000))
    return _mass(_between(rng, 0.1, 50))


def _cannabis_herb(rng: random.Random, setting: str) -> tuple[Decimal, str]:
    return _mass(_band(rng, ((5, 500, 75), (500, 20_000, 25))))


def _cannabis_plants(rng: random.Random, setting: str) -> tuple[Decimal, str]:
    return _count(_between(rng, 5, 3_000)), Unit.PLANTS


def _tablets(low: float, high: float) -> Quantity:
    return lambda rng, setting: (_count(_between(rng, low, high)), Unit.TABLETS)


def _powder(low: float, high: float) -> Quantity:
    return lambda rng, setting: _mass(_between(rng, low, high))


def _liquid(low: float, high: float) -> Quantity:
    return lambda rng, setting: _litres(_between(rng, low, high))


def _cocaine(rng: random.Random, setting: str) -> tuple[Decimal, str]:
    if setting in (PORT, AIRPORT) and rng.random() < 0.4:
        return _mass(_between(rng, 1_000, 300_000))
    return _mass(_between(rng, 1, 500))


# Packaging by size: (up to this many kilograms, the choices).
Packaging = tuple[tuple[float, tuple[str, ...]], ...]
ANY_SIZE = float("inf")


@dataclass(frozen=True)
class Recipe:
    substance: str
    form: str
    quantity: Quantity
    packaging: Packaging = ((ANY_SIZE, ("",)),)
    markings: tuple[str, ...] = ("",)
    origins: tuple[str, ...] = ()

    def pack(self, rng: random.Random, quantity: Decimal, unit: str) -> str:
        kg = float(quantity) * ROUGH_KG[unit]
        for limit, choices in self.packaging:
            if kg <= limit:
                return rng.choice(choices)
        return ""


# Only to choose packaging; statistics use the conversion factors kept as reference data.
ROUGH_KG: dict[str, float] = {
    Unit.G: 0.001,
    Unit.KG: 1,
    Unit.TABLETS: 0.0001,
    Unit.ML: 0.000001,
    Unit.L: 0.001,
    Unit.PLANTS: 0.1,
}
SMALL_BAGS = (
    (0.05, ("small zip bags", "drinking straws", "folded foil")),
    (ANY_SIZE, ("zip bags", "plastic bags")),
)
RECIPES: dict[str, Recipe] = {
    "meth_tablets": Recipe(
        "METH",
        Form.TABLET,
        _meth_tablets,
        packaging=(
            (0.002, ("drinking straws", "small zip bags", "cigarette packs")),
            (0.1, ("plastic zip bags of 200 tablets", "small zip bags")),
            (
                ANY_SIZE,
                ("bundles of 2,000 in black tape", "plastic zip bags of 200 tablets in sacks"),
            ),
        ),
        markings=("WY",) * 17 + ("R", "999", ""),
        origins=("MM", "LA"),
    ),
    "meth_crystal": Recipe(
        "METH",
        Form.CRYSTAL,
        _meth_crystal,
        packaging=(
            (0.05, ("small zip bags", "drinking straws")),
            (0.9, ("zip bags", "plastic bags")),
            (
                ANY_SIZE,
                (
                    "Chinese tea packaging (green)",
                    "Chinese tea packaging (gold)",
                    "vacuum-sealed 1 kg packs",
                ),
            ),
        ),
        origins=("MM", "LA"),
    ),
    "ketamine": Recipe(
        "KET",
        Form.POWDER,
        _ketamine,
        packaging=(
            (1, ("zip bags", "foil bags")),
            (ANY_SIZE, ("sacks labelled as detergent", "1 kg plastic packs")),
        ),
        origins=("MM", "IN"),
    ),
    "ketamine_liquid": Recipe(
        "KET", Form.LIQUID, _liquid(0.05, 5), packaging=((ANY_SIZE, ("vials", "plastic bottles")),)
    ),
    "heroin": Recipe(
        "HER",
        Form.POWDER,
        _heroin,
        packaging=(
            (0.05, ("small straws", "small zip bags")),
            (ANY_SIZE, ("blocks of 350 g in plastic", "zip bags")),
        ),
        origins=("MM", "LA"),
    ),
    "cannabis_herb": Recipe(
        "CANN",
        Form.PLANT_MATERIAL,
        _cannabis_herb,
        packaging=(
            (0.5, ("plastic bags", "rolled in paper")),
            (ANY_SIZE, ("dried leaves in rice sacks", "compressed blocks")),
        ),
        origins=("KH", "LA"),
    ),
    "cannabis_plants": Recipe(
        "CANN",
        Form.PLANTS,
        _cannabis_plants,
        packaging=((ANY_SIZE, ("growing in a field", "potted plants")),),
        origins=("KH",),
    ),
    "mdma": Recipe(
        "MDMA",
        Form.TABLET,
        _tablets(1, 2_000),
        packaging=SMALL_BAGS,
        markings=("star", "heart", "crown", ""),
        origins=("NL", "DE", "MM"),
    ),
    "happy_water": Recipe(
        "HAPPY",
        Form.POWDER,
        _powder(5, 500),
        packaging=(
            (ANY_SIZE, ("sachets labelled as instant coffee", "sachets labelled as milk tea")),
        ),
        origins=("MM",),
    ),
    "happy_water_liquid": Recipe(
        "HAPPY",
        Form.LIQUID,
        _liquid(0.3, 20),
        packaging=((ANY_SIZE, ("plastic bottles", "drink cans")),),
    ),
    "nimetazepam": Recipe(
        "NIME",
        Form.TABLET,
        _tablets(10, 2_000),
        packaging=((ANY_SIZE, ("blister strips",)),),
        markings=("Erimin 5",),
    ),
    "methcathinone": Recipe("MCAT", Form.POWDER, _powder(1, 200), packaging=SMALL_BAGS),
    "cocaine": Recipe(
        "COC",
        Form.POWDER,
        _cocaine,
        packaging=(
            (0.5, ("zip bags", "small zip bags")),
            (ANY_SIZE, ("1 kg bricks wrapped in tape",)),
        ),
        origins=("BR", "CO", "PE"),
    ),
    "opium": Recipe(
        "OPIUM",
        Form.PLANT_MATERIAL,
        _powder(10, 2_000),
        packaging=((ANY_SIZE, ("wrapped in banana leaves", "plastic bags")),),
        origins=("LA", "MM"),
    ),
    "safrole": Recipe(
        "SAFR",
        Form.LIQUID,
        _liquid(20, 3_000),
        packaging=((ANY_SIZE, ("plastic drums", "jerrycans")),),
        origins=("KH",),
    ),
    "ephedrine": Recipe(
        "EPHE",
        Form.POWDER,
        _powder(1_000, 50_000),
        packaging=((ANY_SIZE, ("sacks", "drums")),),
        origins=("IN", "CN"),
    ),
}

# Which recipes turn up where, by weight.
MIX: dict[str, dict[str, float]] = {
    STREET: {
        "meth_tablets": 38,
        "meth_crystal": 27,
        "ketamine": 7,
        "ketamine_liquid": 0.5,
        "happy_water": 6,
        "happy_water_liquid": 1,
        "mdma": 5,
        "heroin": 4,
        "cannabis_herb": 6,
        "nimetazepam": 2,
        "methcathinone": 1,
        "cannabis_plants": 1,
        "opium": 0.5,
        "cocaine": 0.5,
    },
    CHECKPOINT: {
        "meth_tablets": 40,
        "meth_crystal": 35,
        "heroin": 6,
        "ketamine": 6,
        "cannabis_herb": 10,
        "mdma": 3,
    },
    BORDER: {
        "meth_tablets": 35,
        "meth_crystal": 35,
        "heroin": 8,
        "ketamine": 8,
        "cannabis_herb": 8,
        "mdma": 3,
        "cocaine": 1,
        "ephedrine": 1,
        "safrole": 1,
    },
    PORT: {
        "meth_crystal": 30,
        "ketamine": 25,
        "heroin": 10,
        "cocaine": 8,
        "meth_tablets": 10,
        "mdma": 7,
        "ephedrine": 5,
        "safrole": 3,
        "cannabis_herb": 2,
    },
    AIRPORT: {
        "meth_crystal": 35,
        "ketamine": 20,
        "cocaine": 20,
        "heroin": 10,
        "mdma": 10,
        "meth_tablets": 5,
    },
    STORE: {
        "meth_crystal": 25,
        "meth_tablets": 20,
        "safrole": 10,
        "ephedrine": 8,
        "ketamine": 15,
        "cannabis_plants": 10,
        "happy_water": 10,
        "cannabis_herb": 2,
    },
}

CONCEALMENT: dict[str, tuple[str, ...]] = {
    STREET: (
        "in a trouser pocket",
        "in a cigarette pack",
        "under the motorcycle seat",
        "inside a speaker box",
        "in the ceiling of the room",
        "in a handbag",
        "in a toilet cistern",
        "",
    ),
    CHECKPOINT: (
        "under the motorcycle seat",
        "in the spare wheel",
        "in a rice sack",
        "in a cooler box",
        "",
    ),
    BORDER: (
        "in a fruit truck",
        "under the floor of a van",
        "in a fuel tank",
        "in luggage",
        "body-packed",
        "in rice sacks",
        "carried on foot through the forest",
    ),
    PORT: (
        "in a shipping container of machinery parts",
        "in tea packaging inside a container",
        "in a false-bottom suitcase",
        "in a fishing boat's hold",
        "in a container of frozen fish",
    ),
    AIRPORT: ("in a false-bottom suitcase", "body-packed", "in checked luggage", "in a parcel"),
    STORE: (
        "in a locked room",
        "buried in the yard",
        "in drums among farm chemicals",
        "in sacks of fertiliser",
    ),
}
TRANSPORT: dict[str, tuple[str, ...]] = {
    STREET: (Transport.MOTORCYCLE, Transport.ON_FOOT, Transport.UNKNOWN, Transport.UNKNOWN),
    CHECKPOINT: (Transport.ROAD, Transport.MOTORCYCLE, Transport.ROAD),
    BORDER: (Transport.ROAD, Transport.MOTORCYCLE, Transport.ON_FOOT),
    PORT: (Transport.SEA,),
    AIRPORT: (Transport.AIR, Transport.POST),
    STORE: (Transport.ROAD, Transport.UNKNOWN),
}
DESTINATIONS = ("KH", "KH", "KH", "VN", "TH", "MY", "AU", "JP", "KR", "PH", "TW")


@dataclass(frozen=True)
class Item:
    substance: str
    form: str
    quantity: Decimal
    unit: str
    packaging: str
    markings: str
    concealment: str
    origin: str
    transit: tuple[str, ...]
    destination: str
    transport: str


def items(rng: random.Random, setting: str) -> list[Item]:
    """One to three items of different recipes, as found in one seizure."""
    mix = MIX[setting]
    count = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
    names: list[str] = []
    while len(names) < count:
        name = rng.choices(list(mix), weights=list(mix.values()))[0]
        if name not in names:
            names.append(name)
    transport = rng.choice(TRANSPORT[setting])
    concealment = rng.choice(CONCEALMENT[setting])
    return [_item(rng, RECIPES[name], setting, transport, concealment) for name in names]


def _item(rng: random.Random, recipe: Recipe, setting: str, transport: str, hidden: str) -> Item:
    quantity, unit = recipe.quantity(rng, setting)
    known = rng.random() < (0.5 if setting in (BORDER, PORT, AIRPORT) else 0.1)
    origin = rng.choice(recipe.origins) if known and recipe.origins else ""
    transit: tuple[str, ...] = ()
    if origin in ("MM", "LA") and rng.random() < 0.6:
        transit = tuple(c for c in ("LA", "TH") if c != origin)[: rng.randint(1, 2)]
    destination = rng.choice(DESTINATIONS) if known else ""
    return Item(
        substance=recipe.substance,
        form=recipe.form,
        quantity=quantity,
        unit=unit,
        packaging=recipe.pack(rng, quantity, unit),
        markings=rng.choice(recipe.markings),
        concealment=hidden,
        origin=origin,
        transit=transit if origin else (),
        destination=destination if destination != origin else "",
        transport=transport,
    )


@dataclass(frozen=True)
class Property:
    kind: str
    description: str
    count: int
    value: Decimal | None
    currency: str


MOTORCYCLES = ("Honda Dream 125", "Honda Scoopy", "Suzuki Smash", "Honda Click", "Yamaha Fino")
CARS = ("Toyota Camry", "Lexus RX300", "Toyota Prius", "Ford Ranger pickup", "Hyundai H100 van")


def property_lines(rng: random.Random, setting: str) -> list[Property]:
    """Cash, vehicles, phones, scales ... seized with the drugs (often nothing)."""
    if rng.random() > (0.55 if setting in (BORDER, PORT, STORE) else 0.35):
        return []
    kinds = rng.sample(
        [PropertyKind.CASH, PropertyKind.PHONE, PropertyKind.MOTORCYCLE, PropertyKind.SCALE,
         PropertyKind.VEHICLE, PropertyKind.OTHER, PropertyKind.WEAPON],
        k=rng.choices((1, 2, 3), weights=(50, 35, 15))[0],
        counts=[40, 30, 20, 15, 8, 8, 2],
    )  # fmt: skip
    return [_property(rng, kind) for kind in dict.fromkeys(kinds)]


def _property(rng: random.Random, kind: str) -> Property:
    if kind == PropertyKind.CASH:
        if rng.random() < 0.6:
            riel = round(_between(rng, 20_000, 20_000_000), -3)
            return Property(kind, "cash in riel", 1, Decimal(riel), "KHR")
        return Property(
            kind, "cash in US dollars", 1, Decimal(round(_between(rng, 20, 50_000), -1)), "USD"
        )
    if kind == PropertyKind.MOTORCYCLE:
        value = Decimal(round(_between(rng, 300, 2_500), -1)) if rng.random() < 0.5 else None
        return Property(
            kind, rng.choice(MOTORCYCLES), rng.choice((1, 1, 1, 2)), value, "USD" if value else ""
        )
    if kind == PropertyKind.VEHICLE:
        value = Decimal(round(_between(rng, 4_000, 45_000), -2)) if rng.random() < 0.5 else None
        return Property(kind, rng.choice(CARS), 1, value, "USD" if value else "")
    if kind == PropertyKind.PHONE:
        return Property(kind, "mobile phones", rng.randint(1, 6), None, "")
    if kind == PropertyKind.SCALE:
        return Property(kind, "digital pocket scale", rng.choice((1, 1, 2)), None, "")
    if kind == PropertyKind.WEAPON:
        return Property(kind, rng.choice(("machete", "home-made pistol", "air rifle")), 1, None, "")
    other = (
        "glass pipes (tbong)",
        "foil, lighters and straws",
        "SIM cards",
        "heat sealer",
        "plastic zip bags",
    )
    return Property(kind, rng.choice(other), rng.randint(1, 20), None, "")
