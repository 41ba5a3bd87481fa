"""Benchmark: the SLA sweep over 100,000 items (complaints.sla).

Prints the time of a first run (everything due is done) and of a second, idempotent run.
Asserts the counts only, never the time. Run with `make bench`.

The agencies have their officials, so every reminder and breach also writes its notices and
mail, as in a real deployment.
"""

from __future__ import annotations

import random
import time as clock
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from accounts.models import Membership, Role, User
from complaints import sla
from complaints.calendar import working_days_left
from complaints.models import (
    Complaint,
    DeadlineAlert,
    Event,
    HolderTier,
    Kind,
    Privacy,
    SlaClass,
    Status,
)
from notices.models import Notification, OutboundEmail
from standards.models import Agency, AgencyKind

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 11, 4, 10, 0, tzinfo=WIB)  # a Wednesday
TOTAL = 100_000
LATE = 1_000  # running items past their resolution deadline
UNVERIFIED = 500  # past the verification deadline at an admin tier
VERIFYING = 1_000  # at an admin tier, still in time
WAITING_PAST, WAITING = 200, 300  # waiting for data: past the data deadline / in time
ANSWERED_PAST, ANSWERED = 200, 300  # answered: past the closure window / in time
RUNNING = TOTAL - LATE - UNVERIFIED - VERIFYING - WAITING_PAST - WAITING - ANSWERED_PAST - ANSWERED
# Running items' deadlines are spread over this many days ahead: about 1.5 % fall inside the
# reminder windows (about 5, 12 and 50 calendar days).
SPREAD_DAYS = 1_500
REMINDER_DAYS = {
    SlaClass.NORMATIF: 3,
    SlaClass.TANPA_PEMERIKSAAN: 8,
    SlaClass.PEMERIKSAAN_LAPANGAN: 35,
}


def end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=WIB)


def _items(pemda: Agency, opd: Agency, nasional: Agency) -> tuple[list[Complaint], int]:
    """The items, and how many reminders a correct sweep sends at NOW."""
    rng = random.Random(20261104)  # noqa: S311 - test data, not security
    today = NOW.date()
    classes = list(REMINDER_DAYS)
    items: list[Complaint] = []
    by_due: Counter[tuple[str, date]] = Counter()

    def item(**fields: object) -> Complaint:
        n = len(items)
        base = {
            "code": f"BENCH-{n:07d}",
            "secret_hash": "x",
            "kind": Kind.PENGADUAN,
            "title": f"Pengaduan uji {n}",
            "description": "Uraian pengaduan untuk uji kinerja.",
            "location": "Pelaihari",
            "privacy": Privacy.PUBLIK,
            "channel": "portal",
            "received_at": NOW - timedelta(days=45),  # before every deadline set below
            "holder_since": NOW - timedelta(days=20),
            "instansi": pemda,
        }
        base.update(fields)
        c = Complaint(**base)
        items.append(c)
        return c

    at_opd = {"holder_tier": HolderTier.OPD, "holder_agency": opd, "opd": opd}
    for _ in range(RUNNING):
        sla_class = rng.choice(classes)
        due_day = today + timedelta(days=rng.randint(0, SPREAD_DAYS))
        by_due[(sla_class, due_day)] += 1
        item(
            status=Status.DITINDAKLANJUTI,
            sla_class=sla_class,
            resolution_due_at=end_of(due_day),
            penghubung_received_at=NOW - timedelta(days=20),
            **at_opd,
        )
    for _ in range(LATE):
        item(
            status=Status.DITINDAKLANJUTI,
            sla_class=rng.choice(classes),
            resolution_due_at=end_of(today - timedelta(days=rng.randint(1, 30))),
            **at_opd,
        )
    at_admin = {"holder_tier": HolderTier.INSTANSI, "holder_agency": pemda}
    for n in range(UNVERIFIED + VERIFYING):
        offset = -rng.randint(1, 10) if n < UNVERIFIED else rng.randint(0, 5)
        item(
            status=Status.DITERIMA,
            verification_due_at=end_of(today + timedelta(offset)),
            **at_admin,
        )
    for n in range(WAITING_PAST + WAITING):
        offset = -rng.randint(1, 10) if n < WAITING_PAST else rng.randint(0, 14)
        item(
            status=Status.MENUNGGU_DATA,
            status_before_wait=Status.DIVERIFIKASI,
            data_due_at=end_of(today + timedelta(offset)),
            **at_admin,
        )
    for n in range(ANSWERED_PAST + ANSWERED):
        offset = -rng.randint(1, 10) if n < ANSWERED_PAST else rng.randint(0, 14)
        item(
            status=Status.SELESAI,
            sla_class=rng.choice(classes),
            response="Sudah ditangani.",
            responded_at=NOW - timedelta(days=15),
            closure_due_at=end_of(today + timedelta(offset)),
            **at_opd,
        )
    assert nasional.pk  # the national desk exists, as in a real deployment

    # Expected reminders, from working_days_left on each distinct deadline: independent of
    # the SQL cut-offs the sweep uses.
    reminders = sum(
        count
        for (sla_class, due_day), count in by_due.items()
        if NOW <= end_of(due_day)
        and working_days_left(NOW, end_of(due_day), agency=opd) <= REMINDER_DAYS[sla_class]
    )
    return items, reminders


@pytest.mark.django_db
def test_sla_sweep_over_100000_items() -> None:
    """SPEC C7, C9: the sweep selects what is due in SQL; a second run finds nothing."""
    nasional = Agency.objects.create(kind=AgencyKind.NASIONAL, name="Admin Nasional", slug="n")
    pemda = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Tanah Laut", slug="tala")
    opd = Agency.objects.create(kind=AgencyKind.DINAS, name="Disdukcapil", slug="d", parent=pemda)
    for agency, role in [
        (nasional, Role.ADMIN_NASIONAL),
        (pemda, Role.ADMIN_INSTANSI),
        (opd, Role.PENGHUBUNG),
        (opd, Role.KEPALA),
    ]:
        user = User.objects.create_user(
            username=role, password=None, full_name=role, email=f"{role}@example.go.id"
        )
        Membership.objects.create(user=user, agency=agency, role=role)

    started = clock.perf_counter()
    items, expected_reminders = _items(pemda, opd, nasional)
    Complaint.objects.bulk_create(items, batch_size=5_000)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Complaint._meta.db_table}")  # noqa: S608 - model metadata
    assert Complaint.objects.count() == TOTAL
    print(f"\n[sla bench] {TOTAL:,} items created in {clock.perf_counter() - started:.1f} s")

    started = clock.perf_counter()
    candidates = sla.reminder_candidates(NOW)
    selection = clock.perf_counter() - started

    started = clock.perf_counter()
    first = sla.sweep(now=NOW)
    first_time = clock.perf_counter() - started

    started = clock.perf_counter()
    second = sla.sweep(now=NOW)
    second_time = clock.perf_counter() - started

    print(
        f"[sla bench] reminder selection alone: {selection * 1000:.0f} ms "
        f"({len(candidates):,} candidates)\n"
        f"[sla bench] first run:  {first_time:.2f} s  {first}\n"
        f"[sla bench] second run: {second_time:.2f} s  {second}"
    )

    assert len(candidates) == expected_reminders
    assert 0.01 * TOTAL <= expected_reminders <= 0.02 * TOTAL
    assert first == sla.SweepResult(
        reminders=expected_reminders,
        breaches=LATE,
        verification_breaches=UNVERIFIED,
        archived=WAITING_PAST,
        closed=ANSWERED_PAST,
    )
    assert second == sla.SweepResult()
    assert DeadlineAlert.objects.count() == expected_reminders + LATE + UNVERIFIED
    assert Event.objects.count() == (
        expected_reminders + LATE + UNVERIFIED + WAITING_PAST + ANSWERED_PAST
    )
    # Reminders to the OPD's Penghubung; breaches at the OPD to the Penghubung holding it, the
    # Admin Instansi and the Kepala; breaches of verification at the instansi to the Admin
    # Instansi (who holds it).
    notices = expected_reminders + 3 * LATE + UNVERIFIED
    assert Notification.objects.count() == OutboundEmail.objects.count() == notices
