"""A record outside the user's jurisdiction never appears, whatever is typed; persons and the
records naming them appear only to roles that see personal data."""

from datetime import date
from typing import Any

from sahakar.agencies.models import Agency
from sahakar.prevention.models import Campaign
from sahakar.search.tests.conftest import make_arrest, search
from sahakar.testing import factories as f


def test_it_does_not_show_phnom_penh_records_to_a_siem_reap_officer(
    signed_in: Any, chea_vibol: Any
) -> None:
    pp = f.unit(f.PHNOM_PENH)
    seizure = f.make_seizure(pp, "ADB-PP")
    f.make_item(seizure, markings="WY")
    arrest = make_arrest(chea_vibol)
    venue = f.make_venue(pp, name="Golden Star Karaoke")
    siem_reap = signed_in("sr_officer")
    for typed in (seizure.reference, "WY", "yaba", "Vibol Chea", arrest.reference, "golden star"):
        page = search(siem_reap, typed).content.decode()
        for record in (seizure, chea_vibol, arrest, venue):
            assert record.get_absolute_url() not in page, typed
    phnom_penh = search(signed_in("pp_officer"), "WY").content.decode()
    assert seizure.get_absolute_url() in phnom_penh


def test_it_never_shows_persons_to_a_prevention_officer(signed_in: Any, chea_vibol: Any) -> None:
    make_arrest(chea_vibol)
    campaign = Campaign.objects.create(
        title="Chea Vibol school talk",
        kind="school",
        organiser=Agency.objects.get(code="MOH"),
        starts_on=date(2026, 3, 10),
        ends_on=date(2026, 3, 10),
        org_unit=f.unit(f.PHNOM_PENH),
        place="School",
    )
    for persona in ("prevention_officer", "national_analyst"):
        page = search(signed_in(persona), "Chea Vibol").content.decode()
        assert chea_vibol.get_absolute_url() not in page, persona
        assert "/arrests/" not in page, persona
        assert "ជា វិបុល" not in page, persona
    prevention = search(signed_in("prevention_officer"), "Chea Vibol").content.decode()
    assert campaign.get_absolute_url() in prevention


def test_it_asks_anonymous_visitors_to_sign_in(client: Any, chea_vibol: Any) -> None:
    response = search(client, "Chea Vibol")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
