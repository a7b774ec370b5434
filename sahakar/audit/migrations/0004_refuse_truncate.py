"""On PostgreSQL the audit table refuses TRUNCATE too, whoever asks (a statement trigger;
the row trigger of 0002 cannot see TRUNCATE)."""

from django.db import migrations

FORBID = """
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
"""
ALLOW = "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;"


def forbid(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORBID)


def allow(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLOW)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_entry_mac")]
    operations = [migrations.RunPython(forbid, allow)]
