"""References (whole or their beginning), venue names, titles: one group per record type."""

from datetime import date
from typing import Any

from sahakar.agencies.models import Agency
from sahakar.cases.models import CaseFile
from sahakar.evidence.models import Exhibit
from sahakar.prevention.models import Campaign
from sahakar.search.tests.conftest import make_arrest, search
from sahakar.testing import factories as f


def test_it_finds_records_by_reference_and_its_beginning(signed_in: Any, chea_vibol: Any) -> None:
    pp = f.unit(f.PHNOM_PENH)
    operation = f.make_operation(pp, lead="ADB-PP", title="Night sweep Tuol Kork")
    seizure = f.make_seizure(pp, "ADB-PP")
    arrest = make_arrest(chea_vibol)
    case = CaseFile.objects.create(title="Street 271 ring", org_unit=pp)
    client = signed_in("pp_investigator")
    for record in (operation, seizure, arrest, case):
        whole = search(client, record.reference.lower()).content.decode()
        assert record.get_absolute_url() in whole, record.reference
        beginning = search(client, record.reference[:-3]).content.decode()
        assert record.get_absolute_url() in beginning, record.reference[:-3]


def test_it_finds_venues_titles_and_the_persons_arrests(signed_in: Any, chea_vibol: Any) -> None:
    pp = f.unit(f.PHNOM_PENH)
    venue = f.make_venue(pp, name="Golden Star Karaoke")
    operation = f.make_operation(pp, lead="ADB-PP", title="Night sweep Tuol Kork")
    arrest = make_arrest(chea_vibol)
    client = signed_in("pp_officer")
    page = search(client, "golden star").content.decode()
    assert venue.get_absolute_url() in page
    assert "Venues" in page
    assert operation.get_absolute_url() in search(client, "tuol kork").content.decode()
    by_name = search(client, "Vibol Chea").content.decode()
    assert arrest.get_absolute_url() in by_name
    assert chea_vibol.get_absolute_url() in by_name


def test_it_finds_exhibits_and_campaigns(signed_in: Any, db: Any) -> None:
    pp = f.unit(f.PHNOM_PENH)
    seizure = f.make_seizure(pp, "ADB-PP")
    exhibit = Exhibit.objects.create(
        seizure=seizure, seal_number="SEAL-778812", description="Bag of tablets"
    )
    campaign = Campaign.objects.create(
        title="Drug-free schools week",
        kind="school",
        organiser=Agency.objects.get(code="MOEYS"),
        starts_on=date(2026, 3, 10),
        ends_on=date(2026, 3, 11),
        org_unit=pp,
        place="Phnom Penh high school",
    )
    admin = signed_in("admin_user")
    assert exhibit.get_absolute_url() in search(admin, "seal-778812").content.decode()
    assert exhibit.get_absolute_url() in search(admin, exhibit.reference).content.decode()
    assert campaign.get_absolute_url() in search(admin, "drug-free schools").content.decode()
    assert campaign.get_absolute_url() in search(admin, campaign.reference).content.decode()
