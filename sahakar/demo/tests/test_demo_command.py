"""`manage.py demo`: valid, complete, idempotent demo data and working demo sign-ins.

The tiny demo is loaded once for this module on a fixed day (the `demo` fixture, conftest.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sahakar.accounts.choices import Role
from sahakar.arrests import services as arrest_services
from sahakar.arrests.models import Arrest, CustodyCorrection
from sahakar.audit.choices import AuditAction
from sahakar.audit.models import AuditEntry
from sahakar.demo.reset import DEMO_MODELS
from sahakar.demo.tests.conftest import run_demo
from sahakar.demo.users import AUTHOR_USERNAME, DEMO_PASSWORD, DEMO_USERS
from sahakar.geo.models import OrgUnit
from sahakar.operations.choices import OperationStatus
from sahakar.operations.models import Operation
from sahakar.persons.models import KEY_FIELDS, Person
from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.testing import factories as f
from sahakar.venues.models import Venue

REFERENCE = re.compile(r"^(OP|SZ)-([A-Z]{2})-(\d{4})-(\d{5})$")


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in DEMO_MODELS}


def provinces_of(model: type[models.Model]) -> set[str]:
    paths = model._default_manager.values_list("org_unit__path", flat=True).distinct()
    return {path.strip("/").split("/")[1] for path in paths}


@pytest.mark.django_db
def test_it_creates_records_in_all_25_provinces(demo: str) -> None:
    provinces = set(
        OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).values_list("code", flat=True)
    )
    assert len(provinces) == 25
    for model in (Venue, Operation, Seizure, Person):
        assert provinces_of(model) == provinces, model


@pytest.mark.django_db
def test_it_creates_only_records_their_models_accept(demo: str) -> None:
    for model in DEMO_MODELS:
        records = list(model._default_manager.all())
        assert records, model
        for record in records:
            record.full_clean()


@pytest.mark.django_db
def test_it_has_operations_done_under_way_and_to_come(demo: str) -> None:
    now = timezone.now()
    closed = Operation.objects.filter(status=OperationStatus.CLOSED)
    assert closed.count() > Operation.objects.count() * 0.8
    assert not closed.filter(actual_end__isnull=True).exists()
    assert not closed.filter(actual_end__gt=now).exists()
    active = Operation.objects.filter(status=OperationStatus.ACTIVE)
    assert active.exists()
    assert not active.filter(actual_start__isnull=True).exists()
    planned = Operation.objects.filter(status=OperationStatus.PLANNED)
    assert planned.filter(planned_start__gt=now).exists()
    assert not planned.filter(actual_start__isnull=False).exists()
    joint = Operation.objects.filter(participating_agencies__isnull=False).distinct()
    assert joint.exists()
    assert Seizure.objects.filter(operation__isnull=False).count() > Seizure.objects.count() / 2


@pytest.mark.django_db
def test_it_attributes_every_record_to_the_demo_author(demo: str) -> None:
    for model in DEMO_MODELS:
        authors = set(model._default_manager.values_list("created_by__username", flat=True))
        assert authors == {AUTHOR_USERNAME}, model


@pytest.mark.django_db
def test_it_numbers_references_uniquely_in_the_app_format(demo: str) -> None:
    numbers: dict[str, list[int]] = defaultdict(list)
    for model, prefix, time_field in (
        (Operation, "OP", "planned_start"),
        (Seizure, "SZ", "seized_at"),
    ):
        for record in model.objects.select_related("org_unit"):
            match = REFERENCE.match(record.reference)
            assert match, record.reference
            province = record.org_unit.province()
            assert province is not None
            assert match[1] == prefix
            assert match[2] == province.short_code
            assert int(match[3]) == timezone.localtime(getattr(record, time_field)).year
            numbers[record.reference[:-6]].append(int(match[4]))
    for key, drawn in numbers.items():
        assert sorted(drawn) == list(range(1, len(drawn) + 1)), key  # unique, no gaps


@pytest.mark.django_db
def test_it_lets_the_app_continue_the_reference_numbers(demo: str) -> None:
    last = Seizure.objects.filter(reference__startswith="SZ-PP-").order_by("-seized_at").first()
    assert last is not None
    key = last.reference.rsplit("-", 1)[0]
    highest = max(
        int(r.rsplit("-", 1)[1])
        for r in Seizure.objects.filter(reference__startswith=f"{key}-").values_list(
            "reference", flat=True
        )
    )
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), seized_at=last.seized_at)
    assert seizure.reference == f"{key}-{highest + 1:05d}"


@pytest.mark.django_db
def test_it_derives_kg_equivalents_from_the_conversion_factors(demo: str) -> None:
    items = SeizureItem.objects.select_related("substance")
    assert items.filter(unit="tablets", markings="WY").exists()
    for item in items:
        factor = item.substance.kg_per_unit(item.unit)
        if factor is None:  # e.g. cannabis plants: counted, never converted
            assert item.kg_equivalent is None, item
        else:
            expected = (item.quantity * factor).quantize(Decimal("0.000001"))
            assert item.kg_equivalent == expected, item
    assert items.filter(kg_equivalent__isnull=False).count() > items.count() * 0.9


@pytest.mark.django_db
def test_it_names_persons_in_both_scripts_within_the_age_range(demo: str) -> None:
    today = timezone.localdate()
    cambodians = Person.objects.filter(nationality="KH")
    assert cambodians.exists()
    assert not cambodians.filter(name_km="").exists()
    assert not Person.objects.filter(name_latin="").exists()
    for person in Person.objects.all():
        assert person.year_of_birth is not None
        assert 15 <= today.year - person.year_of_birth <= 62, person


@pytest.mark.django_db
def test_it_creates_a_demo_user_for_every_role_who_can_sign_in(demo: str) -> None:
    users = get_user_model().objects.filter(username__in=[u.username for u in DEMO_USERS])
    assert set(users.values_list("role_assignments__role__code", flat=True)) == set(Role.values)
    assert users.get(username="admin").is_superuser
    for demo_user in DEMO_USERS:
        client = Client()
        assert client.login(username=demo_user.username, password=DEMO_PASSWORD), demo_user
    assert "Sign in at http://127.0.0.1:8000 as pp.officer / sahakar-demo-2026" in demo


@pytest.mark.django_db
def test_it_gives_the_demo_users_records_to_see(demo: str) -> None:
    users = get_user_model().objects
    officer, auditor = users.get(username="pp.officer"), users.get(username="auditor")
    seen = Seizure.objects.restrict(officer)
    assert seen.exists()
    assert seen.count() < Seizure.objects.count()
    assert Person.objects.restrict(auditor).count() == Person.objects.count()


@pytest.mark.django_db
def test_it_adds_nothing_when_run_again(demo: str) -> None:
    before = counts()
    output = run_demo()
    assert "already loaded" in output
    assert counts() == before


@pytest.mark.django_db
def test_it_replaces_the_demo_data_with_reset(demo: str) -> None:
    fixed = (Venue, Operation, Seizure, Person)  # the sizes set these counts exactly
    before = {model: model._default_manager.count() for model in fixed}
    output = run_demo("--reset")
    assert "Deleted the demo data" in output
    assert {model: model._default_manager.count() for model in fixed} == before
    first_numbers = Seizure.objects.filter(reference__endswith="-00001").count()
    keys = {r[:-6] for r in Seizure.objects.values_list("reference", flat=True)}
    assert first_numbers == len(keys)  # the counters were rewound, not continued


@pytest.mark.django_db
def test_it_resets_demo_arrests_whose_times_a_user_corrected(demo: str) -> None:
    arrest = Arrest.objects.filter(outcome__isnull=True).first()
    assert arrest is not None
    officer = f.make_user("corrector", "field_officer", arrest.org_unit, "ADB-PP")
    arrest_services.correct_custody_times(
        arrest,
        arrived_at=arrest.arrived_at - timedelta(minutes=10),
        reason="The custody register shows the earlier time.",
        acting_user=officer,
    )
    output = run_demo("--reset")
    assert "Deleted the demo data" in output
    assert not CustodyCorrection.objects.filter(corrected_by=officer).exists()


@pytest.mark.django_db
def test_it_keeps_the_demo_data_that_users_records_refer_to(demo: str) -> None:
    operation = Operation.objects.filter(status=OperationStatus.CLOSED).first()
    assert operation is not None
    f.make_seizure(operation.org_unit, operation=operation)
    with pytest.raises(CommandError, match="refer to demo records"):
        run_demo("--reset")
    assert Operation.objects.filter(pk=operation.pk).exists()


@pytest.mark.django_db
def test_it_records_the_load_in_the_audit_trail(demo: str) -> None:
    entries = AuditEntry.objects.filter(source="command:demo", action=AuditAction.CREATE)
    entry = entries.filter(detail__has_key="demo data created").first()
    assert entry is not None
    assert entry.username == AUTHOR_USERNAME
    assert entry.detail["size"] == "tiny"
    assert entry.detail["demo data created"]["seizures"] == Seizure.objects.count()


@pytest.mark.django_db
def test_it_refuses_to_attribute_demo_records_to_another_user(demo: str) -> None:
    with pytest.raises(CommandError, match="--as-user"):
        run_demo("--as-user", "admin")


@pytest.mark.django_db
def test_it_derives_the_duplicate_finding_keys_as_saving_would(demo: str) -> None:
    for person in Person.objects.all()[:50]:
        stored = {field: getattr(person, field) for field in KEY_FIELDS}
        person.derive_keys()
        assert stored == {field: getattr(person, field) for field in KEY_FIELDS}, person
    assert not Person.objects.filter(name_key="").exists()


def printed_backup_codes(output: str) -> dict[str, list[str]]:
    """The demo-only backup codes the command printed, per user name."""
    _, heading, rest = output.partition("Backup codes of the synthetic demo users only")
    assert heading, output
    section = rest.split("\n")[2:]
    codes: dict[str, list[str]] = {}
    for line in section:
        if not line.startswith("  "):
            break
        username, *shown = line.split()
        codes[username] = shown
    return codes


@pytest.mark.django_db
def test_it_prints_the_address_the_app_is_served_at(demo: str) -> None:
    given = run_demo("--host", "192.0.2.10:8080")
    assert "Sign in at http://192.0.2.10:8080 as pp.officer" in given
    assert "Sign in at http://127.0.0.1:8080 (or, from another machine" in run_demo(
        "--host", "0.0.0.0:8080"
    )
    assert "Sign in at http://127.0.0.1:9000 as pp.officer" in run_demo("--host", "9000")


@pytest.mark.django_db
def test_it_has_a_national_anti_drug_department_officer(demo: str) -> None:
    officer = get_user_model().objects.get(username="add.officer")
    assert officer.profile.agency.code == "ADD"
    assignment = officer.role_assignments.get()
    assert assignment.role.code == Role.FIELD_OFFICER
    assert assignment.jurisdiction == OrgUnit.objects.get(parent__isnull=True)
    assert Operation.objects.restrict(officer).count() == Operation.objects.count()
    assert "add.officer" in demo


@pytest.mark.django_db
def test_it_prints_backup_codes_that_sign_the_national_demo_users_in(demo: str) -> None:
    codes = printed_backup_codes(demo)
    national = {u.username for u in DEMO_USERS if u.second_factor}
    assert set(codes) == national
    assert "add.officer" in national
    client = Client()
    signed = client.post(reverse("login"), {"username": "analyst", "password": DEMO_PASSWORD})
    assert signed.status_code == 302
    asked = client.get("/seizures/")
    assert asked["Location"].startswith(reverse("security:mfa_verify"))
    answered = client.post(
        reverse("security:mfa_verify"), {"code": codes["analyst"][0], "next": "/seizures/"}
    )
    assert answered.status_code == 302 and answered["Location"] == "/seizures/"
    assert client.get("/seizures/").status_code == 200
    # Used up: the next run prints the next unused codes.
    assert codes["analyst"][0] not in printed_backup_codes(run_demo())["analyst"]


@pytest.mark.django_db
def test_it_prints_no_backup_codes_in_production_or_for_a_changed_password(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    auditor = get_user_model().objects.get(username="auditor")
    auditor.set_password("a-password-of-their-own")
    auditor.save()
    assert "auditor" not in printed_backup_codes(run_demo())
    monkeypatch.setenv("SAHAKAR_PRODUCTION", "1")
    output = run_demo()
    assert "Backup codes" not in output
    assert "analyst, national (sets up an authenticator app at first sign-in)" in output
