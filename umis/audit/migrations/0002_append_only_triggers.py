"""PostgreSQL refuses UPDATE, DELETE and TRUNCATE on the audit table.

The guard sits in the database so that no code path (ORM, raw SQL, a console session as
the application's role) can rewrite history; only someone able to disable triggers can,
and ``audit_verify`` with signed checkpoints catches that.

TRUNCATE is let through in Django's test databases (named "test_..."), because the test
runner empties every table with one TRUNCATE between transactional tests. Setting
``umis.audit_strict = 'on'`` removes that exception (the tests use it to prove the guard).
SQLite has no such triggers; there the model and ``audit_verify`` are the guard.
"""

from django.db import migrations

TABLE = "audit_auditentry"

INSTALL = [
    """
CREATE OR REPLACE FUNCTION umis_audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND current_database() LIKE 'test\\_%'
       AND coalesce(current_setting('umis.audit_strict', true), '') <> 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit entries can only be added, never changed or removed.';
END;
$$
""",
    f"""
CREATE TRIGGER audit_entry_no_update_delete
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION umis_audit_refuse_change()
""",
    f"""
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION umis_audit_refuse_change()
""",
]

UNINSTALL = [
    f"DROP TRIGGER IF EXISTS audit_entry_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_entry_no_update_delete ON {TABLE}",
    "DROP FUNCTION IF EXISTS umis_audit_refuse_change()",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in INSTALL:
            schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in UNINSTALL:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
