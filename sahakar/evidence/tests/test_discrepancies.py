"""Weight discrepancies: listed open first for supervisors, custodians and auditors; closed
only by an evidence supervisor, with a note, once."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from sahakar.audit.models import AuditEntry
from sahakar.evidence import services
from sahakar.evidence.models import WeightDiscrepancy
from sahakar.evidence.tests.test_lab_weights_routes import exhibit_pages  # noqa: F401
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

MORNING = datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
LIST = "/evidence/weight-discrepancies/"
# Rows link to the exhibit page (a stand-in while it is not routed in this tree).
pytestmark = pytest.mark.usefixtures("exhibit_pages")
API = "/api/v1/weight-discrepancies/"


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def supervisor(db):
    return f.make_user("pp_supervisor", "evidence_supervisor", f.unit(f.PHNOM_PENH), "ADB-PP")


def _short(room, seal: str, weighed: str = "90") -> WeightDiscrepancy:
    """A 100 g exhibit weighed again at `weighed` g: beyond the tolerance."""
    exhibit = take_in(room, quantity="100", unit="g", seal=seal)
    event = services.weigh(
        exhibit, net_quantity=Decimal(weighed), net_unit="g", acting_user=room.custodian
    )
    return WeightDiscrepancy.objects.get(event=event)


def _close_url(discrepancy: WeightDiscrepancy) -> str:
    return f"{LIST}{discrepancy.pk}/close/"


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_list_shows_open_discrepancies_first(room, clock, client, supervisor):
    first = _short(room, "S-D-1")
    clock.shift(timedelta(hours=1))
    second = _short(room, "S-D-2")
    services.close_discrepancy(first, note="Recounted: packaging", acting_user=supervisor)
    client.force_login(supervisor)
    text = client.get(LIST).content.decode()
    assert text.index(second.exhibit.reference) < text.index(first.exhibit.reference)
    assert "Recounted: packaging" in text
    assert text.count("Close with a note") == 1 and _close_url(second) in text
    only_open = client.get(LIST, {"status": "open"}).content.decode()
    assert second.exhibit.reference in only_open
    assert first.exhibit.reference not in only_open
    by_store = client.get(LIST, {"store": "NACD-LAB"}).content.decode()
    assert second.exhibit.reference not in by_store


def test_custodians_and_auditors_see_them_but_cannot_close_them(room, clock, client, auditor):
    discrepancy = _short(room, "S-D-3")
    for user in (room.custodian, auditor):
        client.force_login(user)
        listed = client.get(LIST).content.decode()
        assert discrepancy.exhibit.reference in listed and "Close with a note" not in listed
        page = client.get(_close_url(discrepancy))
        assert page.status_code == 403
        assert "Only an evidence supervisor" in page.content.decode()
        refused = client.post(_close_url(discrepancy), {"closing_note": "Looks fine"})
        assert refused.status_code == 403
        answer = _api(user).post(f"{API}{discrepancy.pk}/close/", {"closing_note": "Fine"})
        assert answer.status_code == 403
        assert "Only an evidence supervisor" in answer.json()["detail"]
    discrepancy.refresh_from_db()
    assert (discrepancy.status, discrepancy.closing_note) == ("open", "")
    assert AuditEntry.objects.filter(action="denied").count() >= 4


def test_a_supervisor_closes_one_with_a_note_once(room, clock, client, supervisor):
    discrepancy = _short(room, "S-D-4")
    client.force_login(supervisor)
    form = client.get(_close_url(discrepancy))
    assert form.status_code == 200 and "100.00 g" in form.content.decode()
    missing = client.post(_close_url(discrepancy), {"closing_note": "   "})
    assert missing.status_code == 400 and "This field is required" in missing.content.decode()
    discrepancy.refresh_from_db()
    assert discrepancy.status == "open"

    done = client.post(_close_url(discrepancy), {"closing_note": "Moisture loss; re-weighed twice"})
    assert done.status_code == 302 and done["Location"] == LIST
    discrepancy.refresh_from_db()
    assert (discrepancy.status, discrepancy.closed_by, discrepancy.closed_at) == (
        "closed",
        supervisor,
        MORNING,
    )
    assert discrepancy.closing_note == "Moisture loss; re-weighed twice"

    again = client.post(_close_url(discrepancy), {"closing_note": "Again"})
    assert again.status_code == 400 and "already closed" in again.content.decode()
    discrepancy.refresh_from_db()
    assert discrepancy.closing_note == "Moisture loss; re-weighed twice"


def test_the_api_closes_with_a_note_and_refuses_bad_input(room, clock, supervisor):
    discrepancy = _short(room, "S-D-5")
    api = _api(supervisor)
    url = f"{API}{discrepancy.pk}/close/"
    assert api.post(url, {}, format="json").json() == {"closing_note": ["This field is required."]}
    blank = api.post(url, {"closing_note": "  "}, format="json")
    assert blank.status_code == 400
    assert blank.json() == {"closing_note": ["Explain the difference before closing."]}
    stale = api.post(url, {"closing_note": "ok", "version": 99}, format="json")
    assert stale.status_code == 409
    assert WeightDiscrepancy.objects.get(pk=discrepancy.pk).status == "open"

    closed = api.post(url, {"closing_note": "Scale recalibrated"}, format="json")
    assert closed.status_code == 200
    body = closed.json()
    assert (body["status"], body["closing_note"], body["closed_by"]) == (
        "closed",
        "Scale recalibrated",
        "pp_supervisor",
    )
    again = api.post(url, {"closing_note": "Again"}, format="json")
    assert again.status_code == 400
    assert again.json() == {"closing_note": ["This discrepancy is already closed."]}


def test_the_api_lists_and_filters_them(room, clock, supervisor, sr_officer):
    discrepancy = _short(room, "S-D-6", weighed="80")
    api = _api(supervisor)
    (row,) = api.get(API, {"status": "open"}).json()["results"]
    assert (row["id"], row["exhibit_reference"], row["store"]) == (
        discrepancy.pk,
        discrepancy.exhibit.reference,
        "PP-VAULT",
    )
    assert (Decimal(row["expected"]), Decimal(row["difference"])) == (Decimal(100), Decimal(-20))
    assert api.get(API, {"status": "closed"}).json()["count"] == 0
    assert api.get(API, {"substance": "METH"}).json()["count"] == 1
    assert api.get(API, {"status": "shut"}).status_code == 400
    assert api.get(f"{API}{discrepancy.pk}/").json()["status"] == "open"
    assert api.patch(f"{API}{discrepancy.pk}/", {}, format="json").status_code == 405
    assert api.delete(f"{API}{discrepancy.pk}/").status_code == 405
    assert api.post(API, {}, format="json").status_code == 405
    outside = _api(sr_officer)
    assert outside.get(API).json()["count"] == 0
    assert outside.post(f"{API}{discrepancy.pk}/close/", {"closing_note": "x"}).status_code == 404
