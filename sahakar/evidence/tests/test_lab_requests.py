"""Laboratory requests: due dates from the turnaround rules (data), open, overdue and answered
requests for the sending unit and the laboratory, with the measured turnaround."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from sahakar.evidence import services
from sahakar.evidence.models import LabRequest
from sahakar.evidence.tests.test_lab_weights_routes import exhibit_pages  # noqa: F401
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

MORNING = datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
LIST = "/evidence/lab-requests/"
# Rows link to the exhibit page (a stand-in while it is not routed in this tree).
pytestmark = pytest.mark.usefixtures("exhibit_pages")
API = "/api/v1/lab-requests/"


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def _drug(room, substance: str, form: str, unit: str, quantity: str = "50"):
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    item = f.make_item(seizure, substance=substance, form=form, quantity=quantity, unit_=unit)
    return services.create_exhibit(
        seizure,
        items=[item],
        seal_number=f"S-LAB-{substance}",
        description=f"Sealed {substance}",
        store=room.vault,
        net_quantity=Decimal(quantity),
        net_unit=unit,
        acting_user=room.custodian,
    )


def _submit(room, exhibit) -> LabRequest:
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    return LabRequest.objects.get(exhibit=exhibit)


def _answer(room, exhibit) -> None:
    services.receive(exhibit, acting_user=room.lab_analyst)
    services.record_lab_result(
        exhibit,
        substance_confirmed=True,
        purity_percent=Decimal("20"),
        lab_reference="NL-2026-7",
        acting_user=room.lab_analyst,
    )


def _page(client, user, **params) -> str:
    """The list as `user` sees it now (signed in afresh: the clock moves past sessions)."""
    client.force_login(user)
    answer = client.get(LIST, params)
    assert answer.status_code == 200
    return answer.content.decode()


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_due_date_follows_the_turnaround_rule_of_the_substance(room, clock):
    expected = {"METH": ("METH", 14), "KET": ("ANY", 21), "HAPPY": ("HAPPY", 30)}
    exhibits = {
        "METH": take_in(room, seal="S-LAB-METH"),
        "KET": _drug(room, "KET", "powder", "g"),
        "HAPPY": _drug(room, "HAPPY", "liquid", "ml", "500"),
    }
    for code, exhibit in exhibits.items():
        request = _submit(room, exhibit)
        rule, days = expected[code]
        assert request.rule is not None and request.rule.code == rule, code
        assert request.due_at == MORNING + timedelta(days=days), code
        assert (request.sending_agency.code, request.lab) == ("ADB-PP", room.lab)


def test_an_open_request_is_overdue_once_its_due_date_passes(room, clock, client):
    exhibit = take_in(room)
    _submit(room, exhibit)
    clock.move_to(MORNING + timedelta(days=13))
    assert exhibit.reference not in _page(client, room.custodian, state="overdue")
    assert _api(room.custodian).get(API, {"state": "overdue"}).json()["count"] == 0

    clock.move_to(MORNING + timedelta(days=15, hours=3))
    text = _page(client, room.custodian, state="overdue")
    assert exhibit.reference in text
    assert "1 d 3 h" in text  # overdue by
    assert "15 d 3 h so far" in text  # turnaround while open
    assert "METH: 14 days (METH)" in text  # the rule used
    (row,) = _api(room.custodian).get(API, {"state": "overdue"}).json()["results"]
    assert (row["state"], row["overdue_hours"], row["turnaround_hours"]) == ("overdue", 27, 363)
    assert (row["rule"], row["rule_days"], row["lab"]) == ("METH", 14, "NACD-LAB")


def test_both_sides_see_the_request_and_an_outsider_does_not(room, clock, client):
    exhibit = take_in(room)
    _submit(room, exhibit)
    sent = _page(client, room.custodian, side="sent")
    assert exhibit.reference in sent and "NACD-LAB" in sent

    received = _page(client, room.lab_analyst)  # a laboratory starts on what it received
    assert 'aria-current="page">Received by my laboratory' in received
    assert exhibit.reference in received
    assert exhibit.reference not in _page(client, room.lab_analyst, side="sent")
    assert _api(room.lab_analyst).get(API, {"side": "received"}).json()["count"] == 1

    assert exhibit.reference not in _page(client, room.sr_custodian)
    assert _api(room.sr_custodian).get(API).json()["count"] == 0


def test_the_laboratory_sees_requests_from_other_provinces(room, clock):
    """Siem Reap's vault submits; the Phnom Penh laboratory's custodian sees it by custody."""
    seizure = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    item = f.make_item(seizure)
    exhibit = services.create_exhibit(
        seizure,
        items=[item],
        seal_number="S-SR-1",
        description="Bag of tablets",
        store=room.sr_vault,
        net_quantity=Decimal("2000"),
        net_unit="tablets",
        acting_user=room.sr_custodian,
    )
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.sr_custodian)
    (row,) = _api(room.lab_analyst).get(API, {"side": "received"}).json()["results"]
    assert (row["exhibit_reference"], row["sending_agency"]) == (exhibit.reference, "ADB-SR")
    assert _api(room.custodian).get(API).json()["count"] == 0


def test_an_answered_request_shows_its_measured_turnaround(room, clock, client):
    exhibit = take_in(room)
    _submit(room, exhibit)
    clock.shift(timedelta(days=3, hours=5, minutes=20))
    _answer(room, exhibit)
    clock.shift(timedelta(days=30))  # answered in time: never overdue, however late we look
    api = _api(room.custodian)
    assert api.get(API, {"state": "open"}).json()["count"] == 0
    assert api.get(API, {"state": "overdue"}).json()["count"] == 0
    (row,) = api.get(API, {"state": "answered"}).json()["results"]
    assert (row["state"], row["turnaround_hours"], row["overdue_hours"]) == ("answered", 77, None)
    assert row["result"] is not None

    text = _page(client, room.custodian, state="answered")
    assert exhibit.reference in text and "3 d 5 h" in text


def test_the_filters_by_laboratory_and_sending_agency(room, clock):
    exhibit = take_in(room)
    _submit(room, exhibit)
    api = _api(room.custodian)
    assert api.get(API, {"lab": "NACD-LAB", "sending_agency": "ADB-PP"}).json()["count"] == 1
    assert api.get(API, {"sending_agency": "ADB-SR"}).json()["count"] == 0
    assert api.get(API, {"lab": "OTHER"}).json()["count"] == 0


def test_a_bad_filter_is_a_structured_400(room, clock, client):
    api = _api(room.custodian)
    answer = api.get(API, {"state": "late"})
    assert answer.status_code == 400 and "state" in answer.json()
    assert api.get(API, {"side": "theirs"}).status_code == 400
    assert api.get(API, {"lab": "x" * 500}).status_code == 400
    assert "Select a valid choice" in _page(client, room.custodian, state="late")


def test_requests_are_read_only_in_the_api(room, clock):
    exhibit = take_in(room)
    request = _submit(room, exhibit)
    api = _api(room.custodian)
    assert api.post(API, {}, format="json").status_code == 405
    assert api.patch(f"{API}{request.pk}/", {}, format="json").status_code == 405
    assert api.delete(f"{API}{request.pk}/").status_code == 405
    assert api.get(f"{API}{request.pk}/").json()["exhibit"] == exhibit.pk
