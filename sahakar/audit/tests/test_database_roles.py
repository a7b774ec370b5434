"""On PostgreSQL the trail refuses TRUNCATE, and with the production roles the application's
role can only append to it and read it: no UPDATE, DELETE, TRUNCATE, DROP TRIGGER or ALTER."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from sahakar.audit import chain, keys
from sahakar.audit.log import record
from sahakar.audit.models import AuditEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="triggers and roles are PostgreSQL's"
    ),
]


def _refused(statement: str, match: str) -> None:
    with (
        pytest.raises(DatabaseError, match=match),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)


def test_it_refuses_truncate_in_the_database() -> None:
    record("view")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before TRUNCATE
    _refused("TRUNCATE audit_auditentry", "append-only")
    assert AuditEntry.objects.exists()


@contextmanager
def _roles() -> Iterator[tuple[str, str]]:
    """Two fresh roles. Roles belong to the whole server, so their names are unique, and
    they are made inside the test's transaction: its rollback removes them again."""
    suffix = uuid.uuid4().hex[:10]
    owner, app = f"sahakar_test_owner_{suffix}", f"sahakar_test_app_{suffix}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {owner} NOLOGIN")
        cursor.execute(f"CREATE ROLE {app} NOLOGIN")
    yield owner, app


@contextmanager
def _as_role(role: str) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {role}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def test_the_application_role_can_only_append_to_and_read_the_trail() -> None:
    with _roles() as (owner, app):
        call_command("audit", "secure-roles", "--owner", owner, "--app", app)
        seq = record("view").seq
        with _as_role(app):
            entry = record("view", detail={"as": "the application role"})
            assert entry.seq == seq + 1
            assert AuditEntry.objects.filter(seq=entry.seq).exists()
            assert chain.verify(keys=keys.configured()).ok
            denied = "permission denied|must be owner"
            _refused("UPDATE audit_auditentry SET source = 'x'", denied)
            _refused("DELETE FROM audit_auditentry", denied)
            _refused("TRUNCATE audit_auditentry", denied)
            _refused("DROP TRIGGER audit_entry_append_only ON audit_auditentry", denied)
            _refused("ALTER TABLE audit_auditentry DISABLE TRIGGER ALL", denied)
            _refused("ALTER TABLE audit_auditentry ADD COLUMN x int", denied)
            _refused("DROP TABLE audit_auditentry", denied)
            _refused(
                "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS"
                " $$ BEGIN RETURN NULL; END; $$ LANGUAGE plpgsql",
                denied,
            )
            with connection.cursor() as cursor:  # other records as usual
                cursor.execute("UPDATE audit_audithead SET seq = seq WHERE id = 1")


def test_it_prints_the_sql_and_refuses_unsafe_roles() -> None:
    with _roles() as (owner, app):
        from io import StringIO

        out = StringIO()
        call_command("audit", "secure-roles", "--owner", owner, "--app", app, "--sql", stdout=out)
        assert f"GRANT SELECT, INSERT ON TABLE audit_auditentry TO {app};" in out.getvalue()
        with pytest.raises(CommandError, match="does not exist"):
            call_command("audit", "secure-roles", "--owner", owner, "--app", "no_such_role_x")
        with connection.cursor() as cursor:
            cursor.execute(f"GRANT {owner} TO {app}")
        with pytest.raises(CommandError, match="member of"):
            call_command("audit", "secure-roles", "--owner", owner, "--app", app)
