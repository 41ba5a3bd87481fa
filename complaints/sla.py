"""The SLA sweep (SPEC C7, C8, C9): reminders before the resolution deadline, breaches of the
resolution and verification deadlines, the archive of items whose data never came, and the
closure of answered items.

What is due is worked out from the database on every run, so a late, repeated or concurrent
run does each thing once:

- Each selection is one SQL query over an indexed deadline column. Working days enter only
  as a few cut-off instants computed beforehand (one per SLA class and instansi calendar),
  and items already alerted are left out in SQL (NOT EXISTS), so a run costs what is due,
  not what is open.
- Alerts are inserted with `INSERT … ON CONFLICT DO NOTHING RETURNING`. Only the run whose
  INSERT created a DeadlineAlert row writes its timeline event (and with it the
  notifications), in the same transaction. The INSERT re-checks that the item still runs on
  that deadline, so an item answered meanwhile gets no stale alert.
- Alerts are written in chunks, and a chunk costs a fixed number of queries however many
  items it holds: one INSERT each for the alerts, the events, the notices and the mail, one
  read of the items and one of their officials, and one enqueue of the mail on commit.
- Archive and closure lock the row and check again that it is due; an item another run (or
  the reporter) has already moved is skipped.

The rules, where the regulation leaves the details to us:

- Reminder (C9): while the resolution deadline has not passed (`now <= resolution_due_at`)
  and `working_days_left(now, resolution_due_at) <= threshold` for the item's class: 3 (5-day
  class), 8 (14-day) and 35 (60-day). With `today` the local date of `now`, that holds
  exactly when the deadline's local date comes before `add_working_days(today, threshold +
  1)`, the first day on which more than `threshold` working days would be left. One reminder
  per deadline, sent on the first run that finds it due, however late.
- Breach: `now` past the resolution deadline, or past the verification deadline while the
  item still waits at that tier. A deadline first seen already passed gets the breach only.
- Items waiting for the reporter's data (menunggu_data) have their clocks stopped: no
  reminders or breaches. Once the data deadline passes they are archived (C7).
- Reminder and breach events are internal: officials are alerted; the reporter's page already
  shows the deadline and how many working days late the item is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from complaints import services
from complaints.calendar import add_working_days, working_days_left
from complaints.models import (
    FINAL_STATUSES,
    AlertKind,
    Complaint,
    DeadlineAlert,
    DeadlineKind,
    EventAction,
    SlaClass,
    Status,
)
from complaints.workflow import TransitionRefused
from standards.models import Agency

# Working days before the resolution deadline when the reminder is due (002:Bab VII A.1.e).
REMINDER_DAYS: dict[str, int] = {
    SlaClass.NORMATIF: 3,
    SlaClass.TANPA_PEMERIKSAAN: 8,
    SlaClass.PEMERIKSAAN_LAPANGAN: 35,
    # 002:Bab VII A.1.e.1: information requests are reminded 3 days before their deadline.
    SlaClass.INFORMASI_PUBLIK: 3,
}

# Statuses whose clocks run: open and not waiting for the reporter.
RUNNING_STATUSES: list[str] = [
    s.value for s in Status if s not in FINAL_STATUSES and s != Status.MENUNGGU_DATA
]

DEADLINE_COLUMNS: dict[str, str] = {
    DeadlineKind.RESOLUTION: "resolution_due_at",
    DeadlineKind.VERIFICATION: "verification_due_at",
}


class _SystemMove(Protocol):
    def __call__(self, *, complaint_id: int, now: datetime | None = None) -> Any: ...


# Alerts written per transaction: keeps the row locks that alert and event inserts take on
# the items short, so officers acting on them at the same moment barely wait.
CHUNK_SIZE = 200


@dataclass
class SweepResult:
    reminders: int = 0
    breaches: int = 0
    verification_breaches: int = 0
    archived: int = 0
    closed: int = 0


def sweep(*, now: datetime | None = None) -> SweepResult:
    """Do everything that is due at `now` (default: the present), once. Safe to run twice
    and from several workers at the same moment."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("a timezone-aware datetime is required")
    return SweepResult(
        reminders=_write_alerts(
            reminder_candidates(now), AlertKind.REMINDER, DeadlineKind.RESOLUTION, now=now
        ),
        breaches=_write_alerts(
            breach_candidates(now, DeadlineKind.RESOLUTION),
            AlertKind.BREACH,
            DeadlineKind.RESOLUTION,
            now=now,
        ),
        verification_breaches=_write_alerts(
            breach_candidates(now, DeadlineKind.VERIFICATION),
            AlertKind.BREACH,
            DeadlineKind.VERIFICATION,
            now=now,
        ),
        archived=_archive_due(now),
        closed=_close_due(now),
    )


# ---------------------------------------------------------------------------------------------
# Selection


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _not_alerted(kind: str, deadline_kind: str) -> Exists:
    return ~Exists(
        DeadlineAlert.objects.filter(
            complaint=OuterRef("pk"),
            kind=kind,
            deadline_kind=deadline_kind,
            due_at=OuterRef(DEADLINE_COLUMNS[deadline_kind]),
        )
    )


def _class_values(sla_class: str) -> list[str]:
    # An item without a class runs on the 5-day class (complaints.deadlines.resolution_days).
    return [sla_class, ""] if sla_class == SlaClass.NORMATIF else [sla_class]


def reminder_cutoffs(today: date) -> list[tuple[Q, datetime]]:
    """(items, cut-off) pairs: those items need a reminder once their resolution deadline is
    before the cut-off. One pair per SLA class and calendar (each instansi may add its own
    holidays; items without an instansi follow the national calendar)."""
    tz = timezone.get_default_timezone()
    roots: list[Agency | None] = [None, *Agency.objects.filter(parent__isnull=True)]
    pairs: list[tuple[Q, datetime]] = []
    for root in roots:
        scope = Q(instansi__isnull=True) if root is None else Q(instansi_id=root.pk)
        for sla_class, days in REMINDER_DAYS.items():
            too_early = add_working_days(today, days + 1, agency=root)
            pairs.append(
                (
                    scope & Q(sla_class__in=_class_values(sla_class)),
                    datetime.combine(too_early, time.min, tzinfo=tz),
                )
            )
    return pairs


def reminder_candidates(now: datetime) -> list[tuple[int, datetime]]:
    """(pk, resolution_due_at) of running items due a reminder and not yet reminded."""
    pairs = reminder_cutoffs(_local_date(now))
    within = Q()
    for scope, cutoff in pairs:
        within |= scope & Q(resolution_due_at__lt=cutoff)
    qs = Complaint.objects.filter(
        status__in=RUNNING_STATUSES,
        # The widest cut-off first, so that the index on resolution_due_at bounds the scan.
        resolution_due_at__gte=now,
        resolution_due_at__lt=max(cutoff for _scope, cutoff in pairs),
    ).filter(within, _not_alerted(AlertKind.REMINDER, DeadlineKind.RESOLUTION))
    return _pairs(qs, DeadlineKind.RESOLUTION)


def breach_candidates(now: datetime, deadline_kind: str) -> list[tuple[int, datetime]]:
    """(pk, deadline) of running items past that deadline with no breach recorded for it."""
    column = DEADLINE_COLUMNS[deadline_kind]
    qs = Complaint.objects.filter(
        Q(**{f"{column}__lt": now}),
        _not_alerted(AlertKind.BREACH, deadline_kind),
        status__in=RUNNING_STATUSES,
    )
    return _pairs(qs, deadline_kind)


def _pairs(qs: QuerySet[Complaint], deadline_kind: str) -> list[tuple[int, datetime]]:
    # Ordered by pk: concurrent runs insert alerts in the same order, so they never deadlock.
    return list(qs.order_by("pk").values_list("pk", DEADLINE_COLUMNS[deadline_kind]))


# ---------------------------------------------------------------------------------------------
# Alerts


def _insert_alerts(
    chunk: list[tuple[int, datetime]], kind: str, deadline_kind: str, *, now: datetime
) -> list[tuple[int, datetime]]:
    """Insert the alerts that do not exist yet; return (pk, due_at) of those this call
    created. Items that no longer run on that deadline are skipped.

    One statement per chunk on every database. PostgreSQL receives the chunk as two bound
    arrays (`unnest`); elsewhere (SQLite under `make run`) as a bound VALUES list."""
    qn = connection.ops.quote_name
    alerts = qn(DeadlineAlert._meta.db_table)
    complaints = qn(Complaint._meta.db_table)
    column = qn(DEADLINE_COLUMNS[deadline_kind])
    due_of = dict(chunk)
    if connection.vendor == "postgresql":
        source = "unnest(%s::bigint[], %s::timestamptz[]) AS v(complaint_id, due_at)"
        head, source_params = "", [list(due_of), list(due_of.values())]
        running, running_params = "c.status = ANY(%s)", [RUNNING_STATUSES]
        when = now
    else:
        adapt = connection.ops.adapt_datetimefield_value
        rows = ", ".join(["(%s, %s)"] * len(chunk))
        head = f"WITH v(complaint_id, due_at) AS (VALUES {rows}) "
        source = "v"
        source_params = [p for pk, due in chunk for p in (pk, adapt(due))]
        running = f"c.status IN ({', '.join(['%s'] * len(RUNNING_STATUSES))})"
        running_params = list(RUNNING_STATUSES)
        when = adapt(now)
    # Identifiers come from model metadata and the fixed DEADLINE_COLUMNS; values are bound.
    sql = (
        f"{head}INSERT INTO {alerts} (complaint_id, kind, deadline_kind, due_at, created_at) "  # noqa: S608
        f"SELECT c.id, %s, %s, v.due_at, %s "
        f"FROM {source} "
        f"JOIN {complaints} c ON c.id = v.complaint_id "
        f"WHERE c.{column} = v.due_at AND {running} "
        f"ORDER BY c.id "
        f"ON CONFLICT DO NOTHING "
        f"RETURNING complaint_id"
    )
    values = [kind, deadline_kind, when]
    if head:
        params = [*source_params, *values, *running_params]
    else:
        params = [*values, *source_params, *running_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted((pk, due_of[pk]) for (pk,) in cursor.fetchall())


def _write_alerts(
    candidates: list[tuple[int, datetime]], kind: str, deadline_kind: str, *, now: datetime
) -> int:
    created = 0
    days_left: dict[tuple[int | None, date], int] = {}
    action = EventAction.REMINDER if kind == AlertKind.REMINDER else EventAction.BREACH
    for start in range(0, len(candidates), CHUNK_SIZE):
        chunk = candidates[start : start + CHUNK_SIZE]
        with transaction.atomic():
            inserted = _insert_alerts(chunk, kind, deadline_kind, now=now)
            if not inserted:
                continue
            items = Complaint.objects.select_related("holder_agency").in_bulk(
                [pk for pk, _due in inserted]
            )
            notes: list[tuple[Complaint, str]] = []
            for pk, due_at in inserted:
                complaint = items[pk]
                if kind == AlertKind.REMINDER:
                    key = (complaint.instansi_id, _local_date(due_at))
                    if key not in days_left:
                        days_left[key] = working_days_left(
                            now, due_at, agency=complaint.holder_agency
                        )
                    notes.append((complaint, _reminder_note(due_at, days_left[key])))
                else:
                    notes.append((complaint, _breach_note(due_at, deadline_kind)))
            services.complaint_deadline_events(notes, action=action, now=now)
        created += len(inserted)
    return created


def _day(moment: datetime) -> str:
    return formats.date_format(_local_date(moment), "d/m/Y")


def _reminder_note(due_at: datetime, days_left: int) -> str:
    if days_left <= 0:
        return _("Batas penyelesaian hari ini, %(due)s.") % {"due": _day(due_at)}
    return _("Batas penyelesaian %(due)s: tinggal %(days)d hari kerja.") % {
        "due": _day(due_at),
        "days": days_left,
    }


def _breach_note(due_at: datetime, deadline_kind: str) -> str:
    if deadline_kind == DeadlineKind.VERIFICATION:
        return _("Batas verifikasi %(due)s terlampaui.") % {"due": _day(due_at)}
    return _("Batas penyelesaian %(due)s terlampaui.") % {"due": _day(due_at)}


# ---------------------------------------------------------------------------------------------
# Archive and closure


def _archive_due(now: datetime) -> int:
    """Items whose requested data did not come within 10 working days are archived (C7)."""
    due = Q(status=Status.MENUNGGU_DATA, data_due_at__lt=now)
    return _move_due(due, now=now, move=services.complaint_archive)


def _close_due(now: datetime) -> int:
    """Answered items whose reporter did not reply within the closure window are closed."""
    due = Q(status=Status.SELESAI, closed_at__isnull=True, closure_due_at__lt=now)
    return _move_due(due, now=now, move=services.complaint_close)


def _move_due(due: Q, *, now: datetime, move: _SystemMove) -> int:
    moved = 0
    for pk in list(Complaint.objects.filter(due).order_by("pk").values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                # Lock and look again: another run, the reporter or an officer may have moved
                # the item since it was selected.
                locked = Complaint.objects.select_for_update().filter(due, pk=pk)
                if not list(locked.values_list("pk", flat=True)):
                    continue
                move(complaint_id=pk, now=now)
        except TransitionRefused:
            continue
        moved += 1
    return moved
