"""The tally of items (complaints.models.tally): kept by PostgreSQL, read by the statistics
and the scorecard (SPEC C15).

Writing: `install_sql()` gives the trigger functions and triggers (migration 0014 runs it on
PostgreSQL). Each change of an item's place appends its deltas; `tally_fold()` (a beat task,
every minute) adds them into the tally and deletes them in one statement. `tally_rebuild()`
recounts the whole tally from the items (the migration's backfill, and `seed_scale` after its
bulk load, which writes with the triggers switched off). The month of receipt is taken in the
pemda's zone (TIME_ZONE) when the triggers are installed; after changing TIME_ZONE run
`manage.py tally_rebuild`.

Reading: `counts(...)` sums the tally and the deltas not yet folded over whole months;
`live_counts(...)` counts the same figures from the items (SQLite, and the days of a period
outside its whole months). Both give rows keyed by the asked grouping with the same measures
(MEASURES).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from complaints.models import (
    FINAL_STATUSES,
    Complaint,
    ComplaintTally,
    ComplaintTallyDelta,
    TallyDimension,
    breach_recorded,
)

TABLE = ComplaintTally._meta.db_table
DELTAS = ComplaintTallyDelta._meta.db_table
ITEMS = Complaint._meta.db_table
ALERTS = "complaints_deadlinealert"
FINAL = ", ".join(f"'{s}'" for s in sorted(FINAL_STATUSES))
KEY = "dimension, month, opd_id, value, is_open, is_unanswered, is_breached"
# One fold at a time (a transaction-level advisory lock; the number is this table's own).
FOLD_LOCK = 7_415_001

# The item's attributes that place it in the tally; a change of any moves it.
PLACING = (
    "received_at",
    "opd_id",
    "kind",
    "category_id",
    "channel",
    "service_id",
    "status",
    "first_followup_at",
    "followup_working_days",
)

# Each dimension's value, as SQL over an item row `c`.
DIMENSION_SQL: dict[str, str] = {
    TallyDimension.ALL: "''",
    TallyDimension.KIND: "c.kind",
    TallyDimension.CATEGORY: "coalesce(c.category_id::text, '')",
    TallyDimension.CHANNEL: "c.channel",
    TallyDimension.SERVICE: "coalesce(c.service_id::text, '')",
}

# The figures every read gives: received, not yet responded, not yet resolved, ever late,
# finished without a breach on record, and the follow-up time (sum and count, for averages).
MEASURES = ("received", "unanswered", "unresolved", "late", "done_on_time", "followup_n",
            "followup_sum")  # fmt: skip


def _zone() -> str:
    return str(settings.TIME_ZONE).replace("'", "")


def install_sql() -> str:
    """The trigger functions and triggers that keep the tally (PostgreSQL)."""
    zone = _zone()
    values = ",\n            ".join(
        f"('{dim}', m, coalesce(c.opd_id, 0), {expr}, open_, unanswered, breached, sign, fn, fs)"
        for dim, expr in DIMENSION_SQL.items()
    )
    changed = " OR ".join(f"OLD.{col} IS DISTINCT FROM NEW.{col}" for col in PLACING)
    # Composed from this module's constants only (table names, choices, TIME_ZONE).
    return f"""
CREATE OR REPLACE FUNCTION complaints_tally_apply(c {ITEMS}, breached boolean, sign integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    m date := date_trunc('month', c.received_at AT TIME ZONE '{zone}')::date;
    open_ boolean := c.status NOT IN ({FINAL});
    unanswered boolean := c.status NOT IN ({FINAL}) AND c.first_followup_at IS NULL;
    fn integer := CASE WHEN c.followup_working_days IS NULL THEN 0 ELSE sign END;
    fs bigint := sign * coalesce(c.followup_working_days, 0);
BEGIN
    INSERT INTO {DELTAS} ({KEY}, n, followup_n, followup_sum)
    VALUES {values};
END
$$;

CREATE OR REPLACE FUNCTION complaints_tally_breached(item bigint) RETURNS boolean
LANGUAGE sql AS $$
    SELECT EXISTS (SELECT 1 FROM {ALERTS} a WHERE a.complaint_id = item AND a.kind = 'breach')
$$;

CREATE OR REPLACE FUNCTION complaints_tally_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM complaints_tally_apply(OLD, complaints_tally_breached(OLD.id), -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM complaints_tally_apply(NEW, complaints_tally_breached(NEW.id), 1);
    END IF;
    RETURN NULL;
END
$$;

-- The first breach on record moves the item to the breached rows. The item's row is locked
-- first, so that two sweeps recording two breaches of one item move it once.
CREATE OR REPLACE FUNCTION complaints_tally_alert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c {ITEMS};
BEGIN
    IF NEW.kind <> 'breach' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO c FROM {ITEMS} WHERE id = NEW.complaint_id FOR UPDATE;
    IF NOT EXISTS (SELECT 1 FROM {ALERTS} a WHERE a.complaint_id = NEW.complaint_id
                   AND a.kind = 'breach' AND a.id <> NEW.id) THEN
        PERFORM complaints_tally_apply(c, false, -1);
        PERFORM complaints_tally_apply(c, true, 1);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS complaints_tally_write ON {ITEMS};
CREATE TRIGGER complaints_tally_write AFTER INSERT OR DELETE ON {ITEMS}
    FOR EACH ROW EXECUTE FUNCTION complaints_tally_item();
DROP TRIGGER IF EXISTS complaints_tally_change ON {ITEMS};
CREATE TRIGGER complaints_tally_change AFTER UPDATE ON {ITEMS}
    FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION complaints_tally_item();
DROP TRIGGER IF EXISTS complaints_tally_breach ON {ALERTS};
CREATE TRIGGER complaints_tally_breach AFTER INSERT ON {ALERTS}
    FOR EACH ROW EXECUTE FUNCTION complaints_tally_alert();
"""  # noqa: S608


UNINSTALL_SQL = f"""
DROP TRIGGER IF EXISTS complaints_tally_write ON {ITEMS};
DROP TRIGGER IF EXISTS complaints_tally_change ON {ITEMS};
DROP TRIGGER IF EXISTS complaints_tally_breach ON {ALERTS};
DROP FUNCTION IF EXISTS complaints_tally_alert();
DROP FUNCTION IF EXISTS complaints_tally_item();
DROP FUNCTION IF EXISTS complaints_tally_breached(bigint);
DROP FUNCTION IF EXISTS complaints_tally_apply({ITEMS}, boolean, integer);
"""

TRIGGERS = (
    (ITEMS, "complaints_tally_write"),
    (ITEMS, "complaints_tally_change"),
    (ALERTS, "complaints_tally_breach"),
)

# Add the deltas into the tally and delete them, in one statement (one snapshot: a delta
# written meanwhile stays for the next fold). Keys already in the tally are updated, new keys
# inserted; a key that came and went (net zero) is not written.
FOLD_SQL = f"""
WITH gone AS (
    DELETE FROM {DELTAS} RETURNING {KEY}, n, followup_n, followup_sum
), sums AS (
    SELECT {KEY}, sum(n) AS n, sum(followup_n) AS followup_n,
           sum(followup_sum) AS followup_sum
    FROM gone GROUP BY {KEY}
), updated AS (
    UPDATE {TABLE} AS t
    SET n = t.n + s.n, followup_n = t.followup_n + s.followup_n,
        followup_sum = t.followup_sum + s.followup_sum
    FROM sums AS s
    WHERE (t.dimension, t.month, t.opd_id, t.value, t.is_open, t.is_unanswered, t.is_breached)
        = (s.dimension, s.month, s.opd_id, s.value, s.is_open, s.is_unanswered, s.is_breached)
    RETURNING t.dimension, t.month, t.opd_id, t.value, t.is_open, t.is_unanswered,
              t.is_breached
)
INSERT INTO {TABLE} ({KEY}, n, followup_n, followup_sum)
SELECT s.* FROM sums AS s
WHERE s.n <> 0 AND NOT EXISTS (
    SELECT 1 FROM updated AS u
    WHERE (u.dimension, u.month, u.opd_id, u.value, u.is_open, u.is_unanswered, u.is_breached)
        = (s.dimension, s.month, s.opd_id, s.value, s.is_open, s.is_unanswered, s.is_breached)
)
"""  # noqa: S608


def rebuild_sql() -> str:
    """Recount the tally from the items (run in one snapshot: see `tally_rebuild`)."""
    zone = _zone()
    dims = ", ".join(
        f"('{dim}', {expr.replace('c.', 'x.')})" for dim, expr in DIMENSION_SQL.items()
    )
    return f"""
DELETE FROM {DELTAS};
DELETE FROM {TABLE};
INSERT INTO {TABLE} ({KEY}, n, followup_n, followup_sum)
SELECT d.dimension, x.month, x.opd_id_, d.value, x.open_, x.unanswered, x.breached,
       count(*), count(x.fwd), coalesce(sum(x.fwd), 0)
FROM (
    SELECT c.*,
           date_trunc('month', c.received_at AT TIME ZONE '{zone}')::date AS month,
           coalesce(c.opd_id, 0) AS opd_id_,
           c.status NOT IN ({FINAL}) AS open_,
           c.status NOT IN ({FINAL}) AND c.first_followup_at IS NULL AS unanswered,
           EXISTS (SELECT 1 FROM {ALERTS} a WHERE a.complaint_id = c.id
                   AND a.kind = 'breach') AS breached,
           c.followup_working_days AS fwd
    FROM {ITEMS} c
) x
CROSS JOIN LATERAL (VALUES {dims}) AS d(dimension, value)
GROUP BY d.dimension, x.month, x.opd_id_, d.value, x.open_, x.unanswered, x.breached;
"""  # noqa: S608


def kept() -> bool:
    """Whether the database keeps the tally (PostgreSQL); else counts come from the items."""
    return connection.vendor == "postgresql"


def tally_rebuild() -> None:
    """Recount the whole tally from the items (PostgreSQL only; a no-op elsewhere). One
    snapshot for the three statements (REPEATABLE READ): a write committed meanwhile is
    either in the recount or among the deltas kept, never both."""
    if not kept():
        return
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if outermost:  # inside a caller's transaction its snapshot rules (seed, tests)
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        cursor.execute(rebuild_sql())


def tally_reinstall() -> None:
    """Install the triggers again (for the current TIME_ZONE) and recount the tally."""
    if not kept():
        return
    with connection.cursor() as cursor:
        cursor.execute(install_sql())
    tally_rebuild()


def tally_fold() -> int:
    """Add the deltas written since the last fold into the tally; returns how many there
    were. Exact whenever it runs (readers add the deltas not yet folded themselves)."""
    if not kept():
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        cursor.execute(f"SELECT count(*) FROM {DELTAS}")  # noqa: S608 - constant name
        waiting = cursor.fetchone()[0]
        if waiting:
            cursor.execute(FOLD_SQL)
    return waiting


def set_triggers(enabled: bool) -> None:
    """Switch the tally's triggers off for a bulk load (then `tally_rebuild`), or back on."""
    if not kept():
        return
    verb = "ENABLE" if enabled else "DISABLE"
    with connection.cursor() as cursor:
        # ALTER TABLE waits for no deferred check (Django's foreign keys are deferred).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, trigger in TRIGGERS:
            cursor.execute(f"ALTER TABLE {table} {verb} TRIGGER {trigger}")


# ---------------------------------------------------------------------------------------------
# Reading

# Grouping names shared by both sources: "opd", "month" and "value" (of the dimension).
_TALLY_GROUP = {"opd": "opd_id", "month": "month", "value": "value"}
_LIVE_VALUE = {
    TallyDimension.ALL: None,
    TallyDimension.KIND: "kind",
    TallyDimension.CATEGORY: "category_id",
    TallyDimension.CHANNEL: "channel",
    TallyDimension.SERVICE: "service_id",
}


def counts(
    dimension: str,
    *,
    group: Sequence[str] = (),
    months: tuple[date | None, date | None] = (None, None),
    opds: Iterable[int] | None = None,
) -> list[dict[str, Any]]:
    """The tally summed over whole months from `months[0]` to `months[1]` (first days of
    months, both included; None: open), for the OPDs given (None: all, 0 included), grouped
    by any of "opd", "month", "value". Two queries over index ranges: the tally, and the
    deltas not yet folded into it."""
    fields = [_TALLY_GROUP[g] for g in group]
    total = Coalesce(Sum("n"), 0)

    def part(condition: Q) -> Coalesce:
        return Coalesce(Sum("n", filter=condition), 0)

    sums = {
        "received": total,
        "unanswered": part(Q(is_unanswered=True)),
        "unresolved": part(Q(is_open=True)),
        "late": part(Q(is_breached=True)),
        "done_on_time": part(Q(is_open=False, is_breached=False)),
        "followup_n": Coalesce(Sum("followup_n"), 0),
        "followup_sum": Coalesce(Sum("followup_sum"), 0),
    }
    first, last = months
    union = None
    for model in (ComplaintTally, ComplaintTallyDelta):
        rows = model.objects.filter(dimension=dimension)
        if first:
            rows = rows.filter(month__gte=first)
        if last:
            rows = rows.filter(month__lte=last)
        if opds is not None:
            rows = rows.filter(opd_id__in=list(opds))
        grouped = _grouped(rows, fields, sums)
        union = grouped if union is None else union.union(grouped, all=True)
    # One query: the tally's sums and the deltas' sums side by side, added up here.
    named = [_named(row, group, fields) for row in union]
    return [row for row in merged(named, group=group) if row["received"]]


def _grouped(rows: QuerySet, fields: list[str], sums: dict[str, Any]) -> QuerySet:
    """One row per value of `fields`; without fields, one row for everything (grouped by a
    constant: `values()` without fields would group by every column)."""
    if not fields:
        rows = rows.annotate(everything=Value(1))
        return rows.order_by().values("everything").annotate(**sums).values(*sums)
    return rows.order_by().values(*fields).annotate(**sums)


def _named(row: dict[str, Any], group: Sequence[str], fields: Sequence[str]) -> dict[str, Any]:
    out = {m: row[m] for m in MEASURES}
    for name, field in zip(group, fields, strict=True):
        value = row[field]
        if name == "opd":
            value = value or None
        elif name == "value":
            value = value if value != "" else None
        out[name] = value
    return out


def live_counts(
    items: QuerySet[Complaint], dimension: str, *, group: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The same figures as `counts`, counted from `items` (any filtered set of items)."""
    final = list(FINAL_STATUSES)
    zone = timezone.get_default_timezone()
    fields, rename = [], {}
    for name in group:
        if name == "opd":
            fields.append("opd_id")
            rename["opd_id"] = "opd"
        elif name == "month":
            items = items.annotate(month_=TruncMonth("received_at", tzinfo=zone))
            fields.append("month_")
            rename["month_"] = "month"
        elif name == "value":
            field = _LIVE_VALUE[TallyDimension(dimension)]
            if field is None:
                raise ValueError("the whole has no value to group by")
            fields.append(field)
            rename[field] = "value"
    breached = Q(breach_recorded())
    sums = {
        "received": Count("pk"),
        "unanswered": Count("pk", filter=Q(first_followup_at__isnull=True) & ~Q(status__in=final)),
        "unresolved": Count("pk", filter=~Q(status__in=final)),
        "late": Count("pk", filter=breached),
        "done_on_time": Count("pk", filter=Q(status__in=final) & ~breached),
        "followup_n": Count("followup_working_days"),
        "followup_sum": Coalesce(Sum("followup_working_days"), 0),
    }
    out = _grouped(items, fields, sums)
    rows = []
    for row in out:
        named = {m: row[m] for m in MEASURES}
        for field, name in rename.items():
            value = row[field]
            if name == "month" and value is not None and hasattr(value, "date"):
                value = timezone.localtime(value, zone).date()
            elif name == "value" and value is not None:
                value = str(value)
            named[name] = value
        rows.append(named)
    return rows


def merged(*parts: list[dict[str, Any]], group: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Rows of several sources added up by their grouping key."""
    totals: dict[tuple, dict[str, Any]] = {}
    for rows in parts:
        for row in rows:
            key = tuple(row[g] for g in group)
            into = totals.setdefault(
                key, {**dict.fromkeys(MEASURES, 0), **dict(zip(group, key, strict=True))}
            )
            for m in MEASURES:
                into[m] += row[m]
    return list(totals.values())


def average(row: dict[str, Any]) -> float | None:
    """Mean working days to the first follow-up, or None when nothing was followed up."""
    return row["followup_sum"] / row["followup_n"] if row["followup_n"] else None
