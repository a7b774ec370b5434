"""The production set-up on PostgreSQL: the application connects as a role that does not own
the audit table, so it can append to the trail and read it, and nothing else.

The owner role owns every table (it runs the migrations); the application role gets the usual
rights on every other table, but on the audit table only SELECT and INSERT (and USAGE on its
sequence): no UPDATE, DELETE or TRUNCATE, and, not being the owner, no DROP TRIGGER, ALTER or
DROP TABLE either.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLE = "audit_auditentry"
TRIGGER_FUNCTION = "audit_entry_append_only()"
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleSetupError(Exception):
    """The roles cannot be set up as asked; the message says why and what to do."""


def secure_roles_sql(connection: BaseDatabaseWrapper, owner: str, app: str) -> list[str]:
    """The statements that give `owner` the tables and `app` the application's rights."""
    if connection.vendor != "postgresql":
        raise RoleSetupError("database roles are set up on PostgreSQL only")
    for name in (owner, app):
        if not _ROLE.match(name):
            raise RoleSetupError(f"{name!r} is not a plain role name (a-z, 0-9, _)")
    if owner == app:
        raise RoleSetupError("the application role must not be the owner role")
    with connection.cursor() as cursor:
        _check_roles(cursor, owner, app)
        cursor.execute("SELECT current_schema(), current_database()")
        schema, database = cursor.fetchone()
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [schema]
        )
        tables = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [AUDIT_TABLE])
        sequence = cursor.fetchone()[0]
    if AUDIT_TABLE not in tables or not sequence:
        raise RoleSetupError("the audit table is missing: run `sahakar migrate` first")
    q = connection.ops.quote_name
    statements = [f"ALTER TABLE {q(table)} OWNER TO {owner}" for table in tables]
    statements += [
        f"ALTER FUNCTION {TRIGGER_FUNCTION} OWNER TO {owner}",
        f"GRANT CONNECT ON DATABASE {q(database)} TO {app}",
        f"GRANT USAGE ON SCHEMA {q(schema)} TO {app}",
        f"REVOKE CREATE ON SCHEMA {q(schema)} FROM {app}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {q(schema)} FROM {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {q(schema)} TO {app}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {q(schema)} TO {app}",
        f"REVOKE ALL ON TABLE {AUDIT_TABLE} FROM PUBLIC, {app}",
        f"GRANT SELECT, INSERT ON TABLE {AUDIT_TABLE} TO {app}",
        f"REVOKE ALL ON SEQUENCE {sequence} FROM PUBLIC, {app}",
        f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {app}",
        # tables and sequences made by later migrations (run as the owner)
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {q(schema)} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {q(schema)} "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {app}",
    ]
    return statements


def _check_roles(cursor: Any, owner: str, app: str) -> None:
    cursor.execute("SELECT rolname, rolsuper FROM pg_roles WHERE rolname IN (%s, %s)", [owner, app])
    found = dict(cursor.fetchall())
    for name in (owner, app):
        if name not in found:
            raise RoleSetupError(f"role {name!r} does not exist: CREATE ROLE {name} LOGIN ...")
    if found[app]:
        raise RoleSetupError(f"{app!r} is a superuser, which no trigger or grant can stop")
    cursor.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [app, owner])
    if cursor.fetchone()[0]:
        raise RoleSetupError(f"{app!r} is a member of {owner!r}, so it has the owner's rights")
    cursor.execute(
        "SELECT pg_has_role(%s, n.nspowner, 'MEMBER'), pg_has_role(%s, d.datdba, 'MEMBER'),"
        " d.datname FROM pg_namespace n, pg_database d"
        " WHERE n.nspname = current_schema() AND d.datname = current_database()",
        [app, app],
    )
    owns_schema, owns_database, database = cursor.fetchone()
    if owns_schema or owns_database:
        raise RoleSetupError(
            f"{app!r} owns the database or its schema, so it could drop the audit table: "
            f"first ALTER DATABASE {database} OWNER TO {owner} (and the schema likewise)"
        )


def secure_roles(connection: BaseDatabaseWrapper, owner: str, app: str) -> list[str]:
    """Run the statements (as a superuser, or the tables' current owner); return them."""
    statements = secure_roles_sql(connection, owner, app)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements
