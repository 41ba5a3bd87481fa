"""Append-only tables, enforced by the database itself (SPEC C12, C14).

The timeline, the deadline alerts, the ratings, the moderation log, the signed monthly
reports and the accounts' audit trail are written once and never rewritten: a trigger on
each table refuses DELETE, and refuses an UPDATE unless it changes only the columns named
as mutable (a rating's moderation fields, an unsigned report's signature). A `freeze`
column freezes the whole row once it is set (a signed report). Whatever the path — the ORM,
the Django admin, a raw SQL session of the application's role — the row stays as written.

`append_only(...)` gives a migration operation that installs the trigger on PostgreSQL and
SQLite (the `make run` database); `reverse` drops it. The refusal is an IntegrityError
(SQLSTATE 23001 restrict_violation on PostgreSQL, a constraint abort on SQLite).

TRUNCATE is left alone: the test suite's flush uses it, and it needs the table owner's
rights, which the application's login role should not have in production (README).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

PG_FUNCTION = r"""
CREATE OR REPLACE FUNCTION layanan_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    final_when text := TG_ARGV[0];
    may_change text[] := TG_ARGV[1:TG_NARGS - 1];
BEGIN
    IF TG_OP = 'UPDATE'
       AND (final_when = '' OR to_jsonb(OLD) ->> final_when IS NULL)
       AND (to_jsonb(NEW) - may_change) = (to_jsonb(OLD) - may_change) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING
        ERRCODE = 'restrict_violation',
        MESSAGE = format('%s is append-only: %s refused', TG_TABLE_NAME, TG_OP);
END
$$;
"""


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _install(model_label: str, freeze: str, mutable: tuple[str, ...]) -> tuple[Any, Any]:
    def forward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(model_label)
        table = model._meta.db_table
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(PG_FUNCTION, params=None)
            args = ", ".join(_quote(a) for a in (freeze, *mutable))
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION layanan_append_only({args})"
            )
        elif vendor == "sqlite":
            refuse = f"SELECT RAISE(ABORT, '{table} is append-only'); END"
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}" BEGIN {refuse}'
            )
            columns = [f.column for f in model._meta.concrete_fields if f.column not in mutable]
            changed = [f'OLD."{c}" IS NOT NEW."{c}"' for c in columns]
            if freeze:
                changed.append(f'OLD."{freeze}" IS NOT NULL')
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_no_update" BEFORE UPDATE ON "{table}" '
                f"WHEN {' OR '.join(changed)} BEGIN {refuse}"
            )

    def backward(apps: Any, schema_editor: Any) -> None:
        table = apps.get_model(model_label)._meta.db_table
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"')
        elif vendor == "sqlite":
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_no_delete"')
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_no_update"')

    return forward, backward


def append_only(
    model_label: str, *, mutable: tuple[str, ...] = (), freeze: str = ""
) -> migrations.RunPython:
    """The migration operation that makes `model_label`'s table append-only. `mutable`
    names the columns an UPDATE may change; `freeze` a column that, once not null, makes
    the row final."""
    forward, backward = _install(model_label, freeze, mutable)
    return migrations.RunPython(forward, backward, elidable=False)
