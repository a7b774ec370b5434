from django.db import models
from django.utils.translation import gettext_lazy as _


class Schedule(models.TextChoices):
    """The four tables of Cambodia's Law on Drug Control (amended by Ministry of Health order)."""

    I = "I", _("Table I: severe danger, no medical use")  # noqa: E741
    II = "II", _("Table II: medical use")
    III = "III", _("Table III: medical use")
    IV = "IV", _("Table IV: precursors")


class Form(models.TextChoices):
    TABLET = "tablet", _("tablet")
    CRYSTAL = "crystal", _("crystal")
    POWDER = "powder", _("powder")
    LIQUID = "liquid", _("liquid")
    PLANT_MATERIAL = "plant_material", _("plant material")
    PLANTS = "plants", _("plants")


class Unit(models.TextChoices):
    G = "g", _("grams")
    KG = "kg", _("kilograms")
    TABLETS = "tablets", _("tablets")
    ML = "ml", _("millilitres")
    L = "l", _("litres")
    PLANTS = "plants", _("plants")


# Which units make sense for a form: a count of tablets is only for tablets, and so on.
UNITS_FOR_FORM: dict[str, frozenset[str]] = {
    Form.TABLET: frozenset({Unit.TABLETS, Unit.G, Unit.KG}),
    Form.CRYSTAL: frozenset({Unit.G, Unit.KG}),
    Form.POWDER: frozenset({Unit.G, Unit.KG}),
    Form.LIQUID: frozenset({Unit.ML, Unit.L, Unit.G, Unit.KG}),
    Form.PLANT_MATERIAL: frozenset({Unit.G, Unit.KG}),
    Form.PLANTS: frozenset({Unit.PLANTS, Unit.KG}),
}

# The order units are offered in: counts first (what a field officer counts on the spot),
# then volumes, then weights. The first unit that fits a form is the one suggested.
UNIT_ORDER: tuple[str, ...] = (Unit.TABLETS, Unit.PLANTS, Unit.ML, Unit.L, Unit.G, Unit.KG)


def units_for(form: str) -> list[str]:
    """The units that fit a form, in the order they are offered."""
    fitting = UNITS_FOR_FORM.get(form, frozenset())
    return [unit for unit in UNIT_ORDER if unit in fitting]


def labels(values: list[str], choices: type[models.TextChoices]) -> str:
    """ "tablets, grams, kilograms": the labels of `values`, for a message."""
    return ", ".join(str(choices(value).label) for value in values)


# Quantities above these in one seizure item are not plausible and are refused as typing errors.
MAX_QUANTITY: dict[str, int] = {
    Unit.G: 100_000_000,
    Unit.KG: 100_000,
    Unit.TABLETS: 100_000_000,
    Unit.ML: 100_000_000,
    Unit.L: 100_000,
    Unit.PLANTS: 10_000_000,
}
