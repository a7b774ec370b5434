"""Custody events are append-only in the database too, whoever asks.

PostgreSQL refuses UPDATE and DELETE of an event; SQLite refuses UPDATE (a DELETE trigger
there would also stop the test suite's flush, which PostgreSQL's superuser flush bypasses).
The one exception is `demo --reset`, which removes the demo's synthetic chains: it sets
`sahakar.purging_demo` for its own transaction (demo/reset.py), and is audited.
"""

from django.db import migrations

PG_FORBID = """
CREATE OR REPLACE FUNCTION evidence_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('sahakar.purging_demo', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'custody events are append-only' USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER evidence_event_append_only
    BEFORE UPDATE OR DELETE ON evidence_custodyevent
    FOR EACH ROW EXECUTE FUNCTION evidence_event_append_only();
"""
PG_ALLOW = """
DROP TRIGGER IF EXISTS evidence_event_append_only ON evidence_custodyevent;
DROP FUNCTION IF EXISTS evidence_event_append_only();
"""
SQLITE_FORBID = """
CREATE TRIGGER evidence_event_append_only BEFORE UPDATE ON evidence_custodyevent
BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;
"""
SQLITE_ALLOW = "DROP TRIGGER IF EXISTS evidence_event_append_only;"


def forbid(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORBID)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORBID)


def allow(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_ALLOW)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_ALLOW)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]
    operations = [migrations.RunPython(forbid, allow)]
