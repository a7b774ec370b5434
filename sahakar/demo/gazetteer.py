"""The org-unit tree and the reference agencies held in memory, so generation never queries."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from sahakar.agencies.models import Agency
from sahakar.core.refnumbers import province_short_code
from sahakar.geo.models import OrgUnit


def province_code(unit: OrgUnit) -> str:
    """The 2-digit gazetteer code of the province a (non-national) unit lies in."""
    return unit.path.strip("/").split("/")[1]


@dataclass
class Gazetteer:
    nation: OrgUnit
    provinces: dict[str, OrgUnit]  # by gazetteer code
    districts: dict[str, list[OrgUnit]]  # by province code
    communes: dict[str, list[OrgUnit]]  # by district code
    short_codes: dict[str, str]  # province code -> PP, SR ... as used in reference numbers
    agencies: dict[str, Agency]
    _by_code: dict[str, OrgUnit] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Gazetteer:
        units = list(OrgUnit.objects.filter(level__lte=OrgUnit.Level.COMMUNE))
        nation = next(u for u in units if u.level == OrgUnit.Level.NATION)
        provinces = {u.code: u for u in units if u.level == OrgUnit.Level.PROVINCE}
        if len(provinces) == 0:
            raise LookupError("No provinces: load the reference data first (load_reference).")
        districts: dict[str, list[OrgUnit]] = defaultdict(list)
        communes: dict[str, list[OrgUnit]] = defaultdict(list)
        by_code = {u.code: u for u in units}
        for unit in units:
            if unit.level == OrgUnit.Level.DISTRICT:
                districts[province_code(unit)].append(unit)
            elif unit.level == OrgUnit.Level.COMMUNE:
                communes[unit.path.strip("/").split("/")[2]].append(unit)
        for code, province in provinces.items():  # a province without lower levels still works
            if not districts[code]:
                districts[code] = [province]
        for unit_list in list(districts.values()):
            for district in unit_list:
                if not communes[district.code]:
                    communes[district.code] = [district]
        return cls(
            nation=nation,
            provinces=provinces,
            districts=dict(districts),
            communes=dict(communes),
            short_codes={code: province_short_code(p) for code, p in provinces.items()},
            agencies={a.code: a for a in Agency.objects.all()},
            _by_code=by_code,
        )

    def unit(self, code: str) -> OrgUnit:
        return self._by_code[code]

    def district_of(self, unit: OrgUnit) -> OrgUnit:
        codes = unit.path.strip("/").split("/")
        return self._by_code[codes[2]] if len(codes) > 2 else unit

    def district_named(self, province: str, name: str) -> OrgUnit | None:
        for district in self.districts[province]:
            if district.name_en == name:
                return district
        return None

    def random_commune(self, rng: random.Random, within: OrgUnit) -> OrgUnit:
        """A commune inside `within` (itself when it is a commune)."""
        if within.level >= OrgUnit.Level.COMMUNE:
            return within
        if within.level == OrgUnit.Level.PROVINCE:
            within = rng.choice(self.districts[within.code])
        return rng.choice(self.communes[within.code])

    def provincial_agency(self, prefix: str, province: str) -> Agency:
        """ADB-PP, PPO-SR ...: the provincial office of a national body."""
        return self.agencies[f"{prefix}-{self.short_codes[province]}"]


class ProvincePicker:
    """Picks provinces by weight, but every province once before any twice.

    So even the smallest demo has records of each kind in all 25 provinces.
    """

    def __init__(self, rng: random.Random, weights: dict[str, float]) -> None:
        self.rng = rng
        self.codes = list(weights)
        self.weights = [weights[c] for c in self.codes]
        self.pending = self.codes[:]
        rng.shuffle(self.pending)

    def pick(self) -> str:
        if self.pending:
            return self.pending.pop()
        return self.rng.choices(self.codes, weights=self.weights)[0]
