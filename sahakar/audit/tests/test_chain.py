"""The hash chain: every entry follows the one before; any tampering is found."""

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from sahakar.audit import chain
from sahakar.audit.log import record
from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _fill(n: int = 5) -> list[AuditEntry]:
    """n entries of this test's own (the database already holds the set-up's entries)."""
    before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    venue = f.make_venue(f.unit(f.PHNOM_PENH))
    for i in range(n):
        record("view", venue, detail={"i": i})
    return list(AuditEntry.objects.filter(seq__gt=before).order_by("seq"))


@contextmanager
def _bypassing_the_app() -> Iterator[Any]:
    """Raw SQL, with PostgreSQL's append-only trigger switched off, as an intruder would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before ALTER
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        try:
            yield cursor
        finally:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only"
                )


def test_it_chains_each_entry_to_the_one_before() -> None:
    _fill()
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == "0" * 64
    for earlier, later in itertools.pairwise(entries):
        assert later.prev_hash == earlier.hash
    result = chain.verify()
    assert result.ok and result.checked == len(entries)


def test_it_finds_a_changed_entry() -> None:
    entries = _fill()
    target = entries[3]
    with _bypassing_the_app() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET object_repr = %s WHERE seq = %s", ["forged", target.seq]
        )
    result = chain.verify()
    assert result.broken_seq == target.seq
    assert "changed" in result.problem


def test_it_finds_a_removed_entry() -> None:
    entries = _fill()
    with _bypassing_the_app() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq = %s", [entries[2].seq])
    result = chain.verify()
    assert result.broken_seq == entries[2].seq
    assert "missing" in result.problem


def test_it_finds_a_removed_last_entry() -> None:
    entries = _fill()
    with _bypassing_the_app() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq = %s", [entries[-1].seq])
    assert not chain.verify().ok


def test_it_finds_an_inserted_entry() -> None:
    entries = _fill()
    forged = entries[-3]
    with _bypassing_the_app() as cursor:
        # Make room after #2 and slip a copy of it in, as a forger would.
        cursor.execute("UPDATE audit_auditentry SET seq = seq + 1000 WHERE seq > %s", [forged.seq])
        cursor.execute(
            "INSERT INTO audit_auditentry (seq, time, username, source, user_agent, request_id,"
            " action, object_id, object_repr, detail, prev_hash, hash, key_id, mac)"
            " VALUES (%s, %s, '', 'forged', '', 'x', 'view', '', 'forged', '{}', %s, %s, '', '')",
            [forged.seq + 1, forged.time, forged.hash, "f" * 64],
        )
    result = chain.verify()
    assert result.broken_seq == forged.seq + 1


def test_it_reports_the_break_from_the_command() -> None:
    entries = _fill()
    call_command("audit", "verify")
    with _bypassing_the_app() as cursor:
        cursor.execute("UPDATE audit_auditentry SET detail = '{}' WHERE seq = %s", [entries[4].seq])
    with pytest.raises(CommandError, match=f"broken at entry #{entries[4].seq}"):
        call_command("audit", "verify")


def test_it_exports_and_checks_checkpoints(tmp_path: Path) -> None:
    entries = _fill()
    file = tmp_path / "checkpoints.jsonl"
    call_command("audit", "checkpoint", str(file))
    point = json.loads(file.read_text().splitlines()[-1])
    assert (point["seq"], point["hash"]) == (entries[-1].seq, entries[-1].hash)
    call_command("audit", "check", str(file))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_it_refuses_update_and_delete_in_the_database() -> None:
    entries = _fill(1)
    for statement in (
        "UPDATE audit_auditentry SET source = 'x' WHERE seq = %s",
        "DELETE FROM audit_auditentry WHERE seq = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entries[0].seq])
