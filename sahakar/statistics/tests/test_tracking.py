"""Keeping the analytics tables current: which slices a write marks, what a rollback or a crash
leaves, the rebuild command, the refresh after a request's commit, and who reads what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import StringIO
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from sahakar.arrests import services as arrests
from sahakar.arrests.models import Arrest, Offence
from sahakar.cases import services as cases
from sahakar.persons.services import merge_persons
from sahakar.prevention.models import AudienceCount, Campaign
from sahakar.seizures.models import SeizedProperty
from sahakar.statistics import figures, refresh
from sahakar.statistics.families import FAMILIES
from sahakar.statistics.figures import EVERYTHING, FigureError, Period
from sahakar.statistics.models import Fact, PendingSlice
from sahakar.statistics.refresh import refresh_pending
from sahakar.statistics.tests import direct
from sahakar.statistics.tracking import relevant_fields
from sahakar.testing import factories as f

ZONE = ZoneInfo("Asia/Phnom_Penh")
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=ZONE)
# Late in the evening: the day in Phnom Penh is not the day in UTC.
SEIZED = datetime(2026, 5, 31, 23, 30, tzinfo=ZONE)
ARRESTED = datetime(2026, 5, 20, 23, 15, tzinfo=ZONE)


@dataclass
class Records:
    """One record of every type some family depends on, linked as the app links them."""

    by_label: dict[str, Any]
    anchors: dict[str, tuple[date, str]]  # anchor label -> (day, org unit path)
    user: Any


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_records() -> Records:
    user = get_user_model().objects.create_superuser("stats-tracking", password=f.PASSWORD)
    district = f.first_district(f.PHNOM_PENH)
    venue = f.make_venue(district)
    operation = f.make_operation(
        district, status="active", planned_start=SEIZED - timedelta(hours=1)
    )
    seizure = f.make_seizure(district, venue=venue, operation=operation, seized_at=SEIZED)
    item = f.make_item(seizure)
    owned = SeizedProperty.objects.create(seizure=seizure, kind="cash", value=100, currency="USD")
    inspection = f.make_inspection(operation, venue)
    person = f.make_person(district, sex="F", birth_year=2000)
    arrest = arrests.record_arrest(
        person=person,
        offences=[Offence.objects.get(code="DRUG_USE")],
        acting_user=user,
        arrested_at=ARRESTED,
        arrived_at=ARRESTED + timedelta(minutes=30),
        org_unit=district,
        place_description="Street 271",
        arresting_agency=f.agency("ADB-PP"),
        suspect_role="user",
    )
    case = cases.open_case(acting_user=user, title="Case", org_unit=district, arrests=[arrest])
    referral = cases.refer_to_prosecutor(
        case, referred_on=date(2026, 6, 2), office=f.agency("PPO-PP"), acting_user=user
    )
    arrest.refresh_from_db()
    campaign = Campaign.objects.create(
        title="School talk",
        kind="school_session",
        organiser=f.agency("MOH"),
        starts_on=date(2026, 4, 30),
        ends_on=date(2026, 4, 30),
        org_unit=f.unit(f.SIEM_REAP),
    )
    audience = AudienceCount.objects.create(campaign=campaign, sex="F", age_group="15_24", count=40)
    path = district.path
    return Records(
        by_label={
            "seizures.seizure": seizure,
            "seizures.seizureitem": item,
            "seizures.seizedproperty": owned,
            "operations.operation": operation,
            "operations.inspection": inspection,
            "venues.venue": venue,
            "arrests.arrest": arrest,
            "persons.person": person,
            "arrests.custodyoutcome": arrest.outcome,
            "cases.casefile": case,
            "cases.defendant": case.defendants.get(),
            "cases.referral": referral,
            "prevention.campaign": campaign,
            "prevention.audiencecount": audience,
        },
        anchors={
            "seizures.seizure": (date(2026, 5, 31), path),
            "operations.operation": (date(2026, 5, 31), path),
            "operations.inspection": (date(2026, 5, 31), path),
            "arrests.arrest": (date(2026, 5, 20), path),
            "cases.casefile": (NOW.date(), path),
            "cases.referral": (date(2026, 6, 2), path),
            "prevention.campaign": (date(2026, 4, 30), f.unit(f.SIEM_REAP).path),
        },
        user=user,
    )


def pending() -> set[tuple[str, date, str]]:
    return set(PendingSlice.objects.values_list("family", "day", "unit_path"))


# Families whose day is not their anchor record's own: the day of the (first) referral; a
# defendant's verdict, which these records do not have yet (no slice).
DAY_FROM = {"referral": "cases.referral", "prosecuted": "cases.referral", "verdict": "none"}


def anchor_of(name: str) -> str:
    return DAY_FROM.get(name, FAMILIES[name].anchor)


DEPENDENCIES = sorted({label for family in FAMILIES.values() for label in family.depends})


@pytest.mark.django_db
@pytest.mark.parametrize("label", DEPENDENCIES)
def test_it_marks_the_slices_of_every_family_a_record_counts_in(clock: Any, label: str) -> None:
    records = make_records()
    refresh_pending()
    record = records.by_label[label]
    record.save()
    expected = {
        (name, *records.anchors[anchor_of(name)])
        for name, family in FAMILIES.items()
        if label in family.depends and anchor_of(name) in records.anchors
    }
    assert pending() == expected
    refresh_pending()
    assert direct.mismatches() == {}


@pytest.mark.django_db
def test_it_marks_the_old_and_the_new_slices_of_a_moved_seizure(clock: Any) -> None:
    records = make_records()
    refresh_pending()
    seizure = records.by_label["seizures.seizure"]
    old = (date(2026, 5, 31), seizure.org_unit.path)
    seizure.seized_at = SEIZED + timedelta(hours=1)  # 1 June in Phnom Penh
    seizure.org_unit = f.unit(f.SIEM_REAP)
    seizure.save()
    new = (date(2026, 6, 1), f.unit(f.SIEM_REAP).path)
    assert pending() == {
        (name, *slot) for name in ("seizure", "drug", "property") for slot in (old, new)
    }
    refresh_pending()
    assert direct.mismatches() == {}
    may = figures.total(EVERYTHING, "drug", Period.month(2026, 5), "items")
    june = figures.breakdown(EVERYTHING, "drug", Period.month(2026, 6), by=("province",))
    assert may == 0
    assert june == [
        {"province": f.SIEM_REAP, "items": 1, "seizures": 1, "quantity": 2000, "kg": Decimal("0.2")}
    ]


@pytest.mark.django_db
def test_it_marks_both_places_of_a_venue_moved_to_another_province(clock: Any) -> None:
    records = make_records()
    refresh_pending()
    venue = records.by_label["venues.venue"]
    old = venue.org_unit.path
    venue.org_unit = f.first_district(f.SIEM_REAP)
    venue.save()
    day = date(2026, 5, 31)
    assert ("inspection", day, old) in pending()
    assert ("inspection", day, venue.org_unit.path) in pending()
    refresh_pending()
    assert direct.mismatches() == {}
    rows = figures.breakdown(EVERYTHING, "inspection", Period.month(2026, 5), by=("province",))
    assert [row["province"] for row in rows] == [f.SIEM_REAP]


@pytest.mark.django_db
def test_it_moves_arrests_and_defendants_when_a_person_changes_or_is_merged(
    clock: Any,
) -> None:
    records = make_records()
    refresh_pending()
    person = records.by_label["persons.person"]
    person.sex, person.birth_year, person.nationality = "M", 2009, "VN"
    person.save()
    assert {name for name, _, _ in pending()} == {"arrest", "custody", "defendant", "prosecuted"}
    refresh_pending()
    assert direct.mismatches() == {}
    by = ("sex", "age_group", "nationality")
    assert figures.breakdown(EVERYTHING, "arrest", Period.month(2026, 5), by=by) == [
        {"sex": "M", "age_group": "under_18", "nationality": "VN", "arrests": 1}
    ]
    twin = f.make_person(person.org_unit, sex="F", birth_year=1980)
    merge_persons(twin, person, acting_user=records.user)
    refresh_pending()
    assert direct.mismatches() == {}
    assert figures.breakdown(EVERYTHING, "arrest", Period.month(2026, 5), by=by) == [
        {"sex": "F", "age_group": "35_49", "nationality": "VN", "arrests": 1}
    ]


@pytest.mark.django_db
def test_it_counts_custodies_ended_in_time_and_late(clock: Any) -> None:
    records = make_records()
    refresh_pending()
    arrest: Arrest = records.by_label["arrests.arrest"]
    period = Period.month(2026, 5)
    # Referred on 2 June: long after the 48 hours.
    assert figures.breakdown(EVERYTHING, "custody", period, by=("compliance", "outcome")) == [
        {"compliance": "late", "outcome": "referred", "custodies": 1}
    ]
    late = f.make_person(arrest.org_unit)
    quick = arrests.record_arrest(
        person=late,
        offences=[Offence.objects.get(code="DRUG_USE")],
        acting_user=None,
        arrested_at=ARRESTED,
        arrived_at=ARRESTED + timedelta(minutes=30),
        org_unit=arrest.org_unit,
        place_description="Street 63",
        arresting_agency=f.agency("ADB-PP"),
        suspect_role="user",
    )
    refresh_pending()
    assert (
        figures.total(EVERYTHING, "custody", period, "custodies", where={"compliance": ["open"]})
        == 1
    )
    arrests.record_outcome(
        quick, "released", ARRESTED + timedelta(hours=5), reason="No charge.", acting_user=None
    )
    refresh_pending()
    rows = figures.breakdown(EVERYTHING, "custody", period, by=("compliance",))
    assert rows == [
        {"compliance": "in_time", "custodies": 1},
        {"compliance": "late", "custodies": 1},
    ]
    assert direct.mismatches() == {}


@pytest.mark.django_db
def test_it_marks_a_deleted_record_and_its_parts(clock: Any) -> None:
    records = make_records()
    refresh_pending()
    records.by_label["seizures.seizureitem"].delete()
    assert pending() == {("drug", *records.anchors["seizures.seizure"])}
    refresh_pending()
    assert not Fact.objects.filter(family="drug").exists()
    campaign = records.by_label["prevention.campaign"]
    campaign.delete()
    assert {name for name, _, _ in pending()} == {"campaign", "audience"}
    refresh_pending()
    assert not Fact.objects.filter(family__in=("campaign", "audience")).exists()
    assert direct.mismatches() == {}


@pytest.mark.django_db
def test_it_leaves_the_slices_of_a_crash_for_rebuild_pending(clock: Any) -> None:
    """Here as after a crash between commit and refresh: the transaction of an ordinary test
    never commits, so the refresh never ran and the slices wait."""
    make_records()
    assert PendingSlice.objects.exists()
    assert not Fact.objects.exists()
    out = StringIO()
    call_command("rebuild_statistics", "--pending", stdout=out)
    assert "refreshed" in out.getvalue()
    assert not PendingSlice.objects.exists()
    assert direct.mismatches() == {}


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.django_db
def test_it_rebuilds_with_a_progress_bar(clock: Any) -> None:
    make_records()
    out, err = StringIO(), Terminal()
    call_command("rebuild_statistics", stdout=out, stderr=err)
    assert "seizure: 1 day facts" in out.getvalue()
    assert "rebuilt in" in out.getvalue()
    assert "seizure 2026" in err.getvalue()
    assert "audience 2026" in err.getvalue()
    assert not PendingSlice.objects.exists()
    assert direct.mismatches() == {}


@pytest.mark.django_db
def test_it_rebuilds_all_or_nothing(clock: Any) -> None:
    make_records()
    refresh_pending()
    before = direct.stored()
    Fact.objects.filter(family="seizure").update(n=99)  # to be put right by a rebuild
    stale = direct.stored()
    real = refresh._rebuild_family

    def fail_at_cases(family: Any, using: str, progress: Any) -> int:
        if family.name == "case":
            raise RuntimeError("disk full")
        return real(family, using, progress)

    with (
        mock.patch.object(refresh, "_rebuild_family", fail_at_cases),
        pytest.raises(CommandError, match="changed nothing"),
    ):
        call_command("rebuild_statistics", "--no-progress", stdout=StringIO())
    assert direct.stored() == stale
    call_command("rebuild_statistics", "--no-progress", stdout=StringIO())
    assert direct.stored() == before


@pytest.mark.django_db
def test_it_gives_each_user_the_figures_of_their_jurisdiction(clock: Any) -> None:
    make_records()
    f.make_seizure(f.first_district(f.SIEM_REAP), "ADB-SR", seized_at=SEIZED)
    refresh_pending()
    period = Period.month(2026, 5)
    provincial = f.make_user("pp", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    district = f.make_user("dist", "field_officer", f.first_district(f.SIEM_REAP), "ADB-SR")
    elsewhere = f.unit(f.SIEM_REAP).children.exclude(pk=f.first_district(f.SIEM_REAP).pk)
    other_district = elsewhere.first()
    assert other_district is not None
    other = f.make_user("other", "field_officer", other_district, "ADB-SR")
    outsider = get_user_model().objects.create_user("outsider", password=f.PASSWORD)
    by = ("province",)
    assert figures.breakdown(EVERYTHING, "seizure", period, by=by) == [
        {"province": f.PHNOM_PENH, "seizures": 1},
        {"province": f.SIEM_REAP, "seizures": 1},
    ]
    assert figures.breakdown(provincial, "seizure", period, by=by) == [
        {"province": f.PHNOM_PENH, "seizures": 1}
    ]
    assert figures.breakdown(district, "seizure", period, by=by) == [
        {"province": f.SIEM_REAP, "seizures": 1}
    ]
    assert figures.breakdown(other, "seizure", period, by=by) == []
    assert figures.total(outsider, "seizure", period, "seizures") == 0
    assert figures.total(None, "seizure", period, "seizures") == 0
    # Asking for a place outside one's jurisdiction gives nothing, not someone else's figures.
    sr = f.unit(f.SIEM_REAP).path
    assert figures.total(provincial, "seizure", period, "seizures", within=sr) == 0
    assert figures.total(EVERYTHING, "seizure", period, "seizures", within=sr) == 1


def test_it_knows_its_periods() -> None:
    assert Period.month(2024, 2) == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert Period.month(2026, 2).last == date(2026, 2, 28)
    assert Period.months(date(2026, 1, 15), date(2026, 3, 3)) == Period(
        date(2026, 1, 1), date(2026, 3, 31)
    )
    assert Period.year(2026) == Period(date(2026, 1, 1), date(2026, 12, 31))
    assert Period.month(2026, 1).previous_month() == Period.month(2025, 12)
    assert Period.month(2024, 3).previous_month() == Period.month(2024, 2)
    assert Period.month(2024, 2).shifted_years(-1) == Period.month(2023, 2)
    assert Period.month(2023, 2).shifted_years(1) == Period.month(2024, 2)
    assert Period.year(2026).month_starts() == [date(2026, m, 1) for m in range(1, 13)]
    assert Period(date(2026, 1, 31), date(2026, 2, 1)).month_starts() == [
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert not Period(date(2026, 1, 2), date(2026, 1, 31)).whole_months
    assert Period(date(2026, 3, 5), date(2026, 3, 5)).first == date(2026, 3, 5)


def test_it_shifts_a_period_from_29_february_to_a_year_without_one() -> None:
    shifted = Period(date(2024, 2, 29), date(2024, 3, 10)).shifted_years(-1)
    assert shifted == Period(date(2023, 2, 28), date(2023, 3, 10))
    assert Period(date(2024, 1, 10), date(2024, 2, 29)).shifted_years(1) == Period(
        date(2025, 1, 10), date(2025, 2, 28)
    )


def test_it_refuses_a_reversed_period() -> None:
    with pytest.raises(FigureError):
        Period(date(2026, 3, 1), date(2026, 2, 28))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "question",
    [
        {"name": "nonsense"},
        {"name": "drug", "by": ("colour",)},
        {"name": "drug", "measures": ("weight",)},
        {"name": "drug", "where": {"colour": ["red"]}},
        {"name": "referral", "by": ("substance",)},
    ],
)
def test_it_refuses_questions_it_cannot_answer(question: dict[str, Any]) -> None:
    with pytest.raises(FigureError):
        figures.breakdown(EVERYTHING, period=Period.month(2026, 5), **question)


@pytest.mark.django_db
def test_it_answers_nothing_for_codes_it_does_not_know(clock: Any) -> None:
    make_records()
    refresh_pending()
    period = Period.month(2026, 5)
    assert figures.total(EVERYTHING, "drug", period, "kg", where={"substance": ["XYZ"]}) == 0
    assert figures.total(
        EVERYTHING, "drug", period, "kg", where={"substance": ["METH"]}
    ) == Decimal("0.2")


class Boom(Exception):
    pass


@pytest.fixture
def country(transactional_db: Any) -> None:
    from sahakar.reference.loader import load_country

    load_country("kh")  # transactional tests start from an empty database


@pytest.mark.django_db(transaction=True)
def test_it_leaves_nothing_pending_after_a_rollback(country: None, clock: Any) -> None:
    district = f.first_district(f.PHNOM_PENH)
    f.make_item(f.make_seizure(district, seized_at=SEIZED))  # committed: refreshed at once
    assert not PendingSlice.objects.exists()
    before = direct.stored()
    assert before
    with pytest.raises(Boom), transaction.atomic():
        f.make_item(f.make_seizure(district, seized_at=SEIZED + timedelta(days=3)))
        assert PendingSlice.objects.exists()
        raise Boom
    assert not PendingSlice.objects.exists()
    assert direct.stored() == before
    assert direct.mismatches() == {}


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_seizure_in_the_figures_as_soon_as_the_request_ends(
    country: None, clock: Any
) -> None:
    officer = f.make_user("pp_officer", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")
    api = APIClient()
    api.force_authenticate(officer)
    body: dict[str, Any] = {
        "seized_at": SEIZED.isoformat(),
        "org_unit": f.first_district(f.PHNOM_PENH).code,
        "place_description": "Street 271",
        "seizing_agency": "ADB-PP",
        "items": [{"substance": "KET", "form": "powder", "quantity": "250", "unit": "g"}],
        "property": [{"kind": "cash", "value": "1200.50", "currency": "usd"}],
    }
    response = api.post("/api/v1/seizures/", body, format="json")
    assert response.status_code == 201, response.content
    may = Period.month(2026, 5)
    assert figures.total(officer, "drug", may, "kg", where={"substance": ["KET"]}) == Decimal(
        "0.25"
    )
    assert figures.breakdown(officer, "property", may, by=("currency",)) == [
        {"currency": "USD", "count": 1, "value": Decimal("1200.5")}
    ]
    assert not PendingSlice.objects.exists()
    created = response.json()
    item = {**body["items"][0], "id": created["items"][0]["id"], "quantity": "1000"}
    change = {"items": [item], "version": created["version"]}
    response = api.patch(created["url"], change, format="json")
    assert response.status_code == 200, response.content
    assert figures.total(officer, "drug", may, "kg") == 1
    assert direct.mismatches() == {}


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_write_and_its_slices_when_the_refresh_fails(
    country: None, clock: Any
) -> None:
    district = f.first_district(f.PHNOM_PENH)
    with mock.patch.object(refresh, "refresh_pending", side_effect=RuntimeError("lock timeout")):
        seizure = f.make_seizure(district, seized_at=SEIZED)
        f.make_item(seizure)
    assert seizure.pk is not None  # saved and committed despite the failed refresh
    assert PendingSlice.objects.exists()
    assert not Fact.objects.exists()
    call_command("rebuild_statistics", "--pending", stdout=StringIO())
    assert not PendingSlice.objects.exists()
    assert figures.total(EVERYTHING, "drug", Period.month(2026, 5), "items") == 1
    assert direct.mismatches() == {}


def test_it_knows_which_fields_can_move_a_record_between_slices() -> None:
    assert relevant_fields("seizures.seizure") == {"seized_at", "org_unit"}
    assert relevant_fields("seizures.seizureitem") == {"seizure"}
    assert relevant_fields("venues.venue") == {"org_unit"}
    assert relevant_fields("operations.operation") >= {"actual_start", "planned_start"}
    assert relevant_fields("persons.person") == frozenset()  # a person's arrests keep their days
    assert relevant_fields("cases.referral") == {"referred_on", "case"}


@pytest.mark.django_db
def test_it_reads_no_slices_before_a_save_that_cannot_move_them(clock: Any) -> None:
    records = make_records()
    refresh_pending()
    seizure = records.by_label["seizures.seizure"]
    seizure.notes = "Weighed again at the station."
    with CaptureQueriesContext(connection) as queries:
        seizure.save()
    reads = [q["sql"] for q in queries if "FROM" in q["sql"] and '"seizures_seizure"' in q["sql"]]
    assert len(reads) == 1  # the change history's read of the stored row, nothing more
    assert {name for name, _, _ in pending()} == {"seizure", "drug", "property"}


class _Undone(Exception):
    pass


@pytest.mark.django_db
def test_it_marks_a_slice_again_after_the_savepoint_that_marked_it_rolled_back(
    clock: Any,
) -> None:
    records = make_records()
    refresh_pending()
    seizure = records.by_label["seizures.seizure"]
    item = records.by_label["seizures.seizureitem"]
    with transaction.atomic():
        records.by_label["persons.person"].save()  # this transaction marks something first
        try:
            with transaction.atomic():
                seizure.save()
                assert ("drug", *records.anchors["seizures.seizure"]) in pending()
                raise _Undone
        except _Undone:
            pass
        assert ("drug", *records.anchors["seizures.seizure"]) not in pending()
        item.save()  # the same slice: written again, since its first mark was undone
        assert ("drug", *records.anchors["seizures.seizure"]) in pending()


@pytest.mark.django_db
def test_it_writes_a_slice_once_however_many_parts_a_transaction_saves(clock: Any) -> None:
    records = make_records()
    refresh_pending()
    seizure = records.by_label["seizures.seizure"]
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        for quantity in ("1", "2", "3"):
            f.make_item(seizure, quantity=quantity)
    inserts = [q for q in queries if "INSERT" in q["sql"] and "pendingslice" in q["sql"]]
    assert len(inserts) == 1
    assert ("drug", *records.anchors["seizures.seizure"]) in pending()
