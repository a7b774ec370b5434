"""Django's `flush`, which on PostgreSQL empties the audit trail only for a database superuser.

The trail refuses TRUNCATE (migration 0004), so a plain flush fails there. A superuser can
bypass every trigger anyway; for one, `flush` sets session_replication_role to replica
(superusers only) for its TRUNCATE, as the test suite's transactional tests need. Anyone
else's flush is refused by the trail.
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "postgresql" or not _is_superuser(connection):
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")


def _is_superuser(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])
