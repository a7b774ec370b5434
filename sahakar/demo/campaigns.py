"""Prevention campaigns for the demo, in every province over the demo period.

School sessions by the education ministry, outreach and workplace sessions by health, media
broadcasts by information, pagoda events and sports days by the drug authority, each with
partners (the province's anti-drug bureau among them), and audiences counted by sex and age
group as the kind of campaign would reach them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sahakar.agencies.models import Agency
from sahakar.demo.gazetteer import Gazetteer
from sahakar.prevention.choices import AgeGroup, AudienceSex, CampaignKind
from sahakar.prevention.models import AudienceCount, Campaign

# kind: (weight, organisers, title, place, materials)
KINDS: dict[str, tuple[int, tuple[str, ...], str, str, str]] = {
    CampaignKind.SCHOOL_SESSION: (
        35,
        ("MOEYS",),
        "Drug-free school talk",
        "{district} High School",
        "leaflets",
    ),
    CampaignKind.COMMUNITY_OUTREACH: (
        25,
        ("MOH", "NACD"),
        "Village outreach on drug harms",
        "{commune} commune hall",
        "leaflets and posters",
    ),
    CampaignKind.RELIGIOUS_EVENT: (
        12,
        ("NACD",),
        "Pagoda gathering against drugs",
        "Wat {commune}",
        "posters",
    ),
    CampaignKind.WORKPLACE: (
        10,
        ("MOH",),
        "Garment factory session",
        "{district} factory",
        "T-shirts",
    ),
    CampaignKind.MEDIA_BROADCAST: (
        10,
        ("MOINF",),
        "Radio and TV spots on drug prevention",
        "Provincial radio station",
        "",
    ),
    CampaignKind.SPORTS_EVENT: (
        8,
        ("MOEYS", "NACD"),
        "Youth football day",
        "{district} stadium",
        "T-shirts",
    ),
}
MESSAGES = (
    "Drugs destroy health, family and future: say no.",
    "Know where to get help: treatment is voluntary and confidential.",
    "Methamphetamine is not a work aid: it harms and addicts.",
    "Report drug dealing to the anti-drug hotline.",
)
# The age groups each kind reaches, with relative weights.
AGES: dict[str, dict[str, int]] = {
    CampaignKind.SCHOOL_SESSION: {AgeGroup.UNDER_15: 5, AgeGroup.FROM_15_TO_24: 5},
    CampaignKind.SPORTS_EVENT: {
        AgeGroup.UNDER_15: 3,
        AgeGroup.FROM_15_TO_24: 6,
        AgeGroup.FROM_25_TO_34: 1,
    },
    CampaignKind.WORKPLACE: {
        AgeGroup.FROM_15_TO_24: 4,
        AgeGroup.FROM_25_TO_34: 4,
        AgeGroup.FROM_35: 2,
    },
}
ALL_AGES = {
    AgeGroup.UNDER_15: 2,
    AgeGroup.FROM_15_TO_24: 3,
    AgeGroup.FROM_25_TO_34: 2,
    AgeGroup.FROM_35: 3,
}
SIZE: dict[str, tuple[int, int]] = {  # people reached: (low, high)
    CampaignKind.SCHOOL_SESSION: (60, 600),
    CampaignKind.COMMUNITY_OUTREACH: (40, 400),
    CampaignKind.RELIGIOUS_EVENT: (80, 700),
    CampaignKind.WORKPLACE: (50, 1500),
    CampaignKind.MEDIA_BROADCAST: (5_000, 120_000),
    CampaignKind.SPORTS_EVENT: (100, 1200),
}
MINISTRIES = ("MOEYS", "MOH", "MOINF", "NACD")


@dataclass
class CampaignDraft:
    campaign: Campaign
    partners: list[Agency]
    audience: list[AudienceCount] = field(default_factory=list)


@dataclass
class CampaignMaker:
    rng: random.Random
    geo: Gazetteer
    author: Any
    draw_day: Callable[[], date]
    today: date

    def campaigns(self, count: int, pick_province: Callable[[], str]) -> list[CampaignDraft]:
        if not all(code in self.geo.agencies for code in MINISTRIES):
            return []
        return [self._campaign(pick_province()) for _ in range(count)]

    def _campaign(self, province: str) -> CampaignDraft:
        rng, geo = self.rng, self.geo
        kinds = list(KINDS)
        kind = rng.choices(kinds, weights=[KINDS[k][0] for k in kinds])[0]
        _, organisers, title, place, materials = KINDS[kind]
        district = rng.choice(geo.districts[province])
        commune = geo.random_commune(rng, district)
        starts = self.draw_day()
        long = kind in (CampaignKind.MEDIA_BROADCAST, CampaignKind.COMMUNITY_OUTREACH)
        ends = min(starts + timedelta(days=rng.randint(0, 14 if long else 1)), self.today)
        ends = max(ends, starts)
        organiser = geo.agencies[rng.choice(organisers)]
        partner_codes = {rng.choice(MINISTRIES) for _ in range(rng.randint(0, 2))}
        partners = [geo.agencies[c] for c in sorted(partner_codes) if c != organiser.code]
        bureau = geo.agencies.get(f"ADB-{geo.short_codes[province]}")
        if bureau is not None and rng.random() < 0.6:
            partners.append(bureau)
        quantity = rng.randint(100, 3000) if materials else None
        campaign = self._stamp(
            Campaign(
                title=f"{title}, {district.name_en}"[:200],
                kind=kind,
                organiser=organiser,
                starts_on=starts,
                ends_on=ends,
                org_unit=district if kind == CampaignKind.MEDIA_BROADCAST else commune,
                place=place.format(district=district.name_en, commune=commune.name_en)[:300],
                materials=materials,
                materials_quantity=quantity,
                key_message=rng.choice(MESSAGES),
            )
        )
        draft = CampaignDraft(campaign, partners)
        draft.audience = self._audience(campaign, kind)
        return draft

    def _audience(self, campaign: Campaign, kind: str) -> list[AudienceCount]:
        rng = self.rng
        total = rng.randint(*SIZE[kind])
        if kind == CampaignKind.MEDIA_BROADCAST:  # listeners: a head count, nobody's age
            return [self._count(campaign, AudienceSex.UNKNOWN, AgeGroup.UNKNOWN, total)]
        ages = AGES.get(kind, ALL_AGES)
        female = rng.uniform(0.35, 0.65) if kind != CampaignKind.WORKPLACE else 0.8
        weight = sum(ages.values())
        rows = []
        for age, share in ages.items():
            group = round(total * share / weight * rng.uniform(0.7, 1.3))
            women = round(group * female)
            rows.append(self._count(campaign, AudienceSex.FEMALE, age, women))
            rows.append(self._count(campaign, AudienceSex.MALE, age, group - women))
        return rows

    def _count(self, campaign: Campaign, sex: str, age: str, count: int) -> AudienceCount:
        return self._stamp(AudienceCount(campaign=campaign, sex=sex, age_group=age, count=count))

    def _stamp(self, record: Any) -> Any:
        record.created_by = record.updated_by = self.author
        return record
