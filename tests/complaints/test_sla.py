"""The SLA sweep: reminders, breaches, the 10-day archive and closures (complaints.sla)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints import services, sla
from complaints.calendar import deadline_at, working_days_left
from complaints.models import (
    AlertKind,
    Complaint,
    DeadlineAlert,
    DeadlineKind,
    Event,
    EventAction,
    SlaClass,
    Status,
)
from complaints.tasks import sla_sweep
from notices.models import Notification, NotificationKind, OutboundEmail
from standards.models import CalendarDay
from tests.personas import World, accepted, at, fresh

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _western_indonesia(settings) -> None:
    """These cases are written in WIB: the pemda of this module lies in Asia/Jakarta."""
    settings.TIME_ZONE = "Asia/Jakarta"


MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=WIB)
US = timedelta(microseconds=1)


def alerts(c: Complaint, kind: str) -> list[DeadlineAlert]:
    return list(DeadlineAlert.objects.filter(complaint=c, kind=kind).order_by("pk"))


def events(c: Complaint, action: str) -> list[Event]:
    return list(Event.objects.filter(complaint=c, action=action).order_by("pk"))


def first_reminder_day(c: Complaint, threshold: int) -> date:
    """The first local date on which working_days_left to the deadline is <= threshold."""
    day = MONDAY.date()
    while working_days_left(at(day), c.resolution_due_at, agency=c.holder_agency) > threshold:
        day += timedelta(days=1)
    return day


def test_5_day_class_is_reminded_3_working_days_before(world: World) -> None:
    """SPEC C9: accepted Monday 2 Nov 2026, due Monday 9 Nov; the reminder comes on
    Wednesday 4 Nov (Thursday, Friday and Monday left), not on Tuesday (four left)."""
    c = accepted(world)
    assert c.resolution_due_at.date() == date(2026, 11, 9)
    assert sla.sweep(now=at(date(2026, 11, 3), 23)).reminders == 0
    assert alerts(c, AlertKind.REMINDER) == []
    assert sla.sweep(now=at(date(2026, 11, 4), 0)).reminders == 1
    (alert,) = alerts(c, AlertKind.REMINDER)
    assert (alert.deadline_kind, alert.due_at) == (DeadlineKind.RESOLUTION, c.resolution_due_at)
    (event,) = events(c, EventAction.REMINDER)
    assert not event.is_public and event.actor is None
    assert event.to_status == Status.DITINDAKLANJUTI
    assert "3 hari kerja" in event.note


@pytest.mark.parametrize(
    ("sla_class", "threshold"),
    [
        (SlaClass.NORMATIF, 3),
        (SlaClass.TANPA_PEMERIKSAAN, 8),
        (SlaClass.PEMERIKSAAN_LAPANGAN, 35),
    ],
)
def test_reminder_at_the_exact_boundary_of_each_class(
    world: World, sla_class: str, threshold: int
) -> None:
    """SPEC C9: 3, 8 and 35 working days before the 5-, 14- and 60-day deadlines: none on
    the day before, one on the day."""
    c = accepted(world, sla_class)
    day = first_reminder_day(c, threshold)
    assert working_days_left(at(day), c.resolution_due_at) == threshold
    assert sla.sweep(now=at(day - timedelta(days=1), 23)).reminders == 0
    assert sla.sweep(now=at(day, 0)).reminders == 1
    assert sla.sweep(now=at(day, 15)).reminders == 0
    assert len(alerts(c, AlertKind.REMINDER)) == 1
    assert len(events(c, EventAction.REMINDER)) == 1


@pytest.mark.parametrize(
    ("sla_class", "threshold"),
    [
        (SlaClass.NORMATIF, 3),
        (SlaClass.TANPA_PEMERIKSAAN, 8),
        (SlaClass.PEMERIKSAAN_LAPANGAN, 35),
    ],
)
def test_sql_selection_agrees_with_working_days_left_every_day(
    world: World, sla_class: str, threshold: int
) -> None:
    """SPEC C9, C10: the SQL cut-offs select an item exactly on the days when
    working_days_left <= threshold, across weekends, national holidays, cuti bersama and a
    local holiday of the instansi; never once the deadline has passed."""
    CalendarDay.objects.create(date=date(2026, 11, 20), agency=world.pemda, description="Lokal")
    CalendarDay.objects.create(date=date(2026, 12, 1), agency=world.pemda, description="Lokal")
    c = accepted(world, sla_class)
    day = MONDAY.date()
    while day <= c.resolution_due_at.date() + timedelta(days=2):
        for hour in (0, 23):
            now = at(day, hour)
            left = working_days_left(now, c.resolution_due_at, agency=c.holder_agency)
            selected = c.pk in {pk for pk, _due in sla.reminder_candidates(now)}
            assert selected == (now <= c.resolution_due_at and left <= threshold), (now, left)
        day += timedelta(days=1)


def test_local_holiday_moves_the_reminder_of_its_own_instansi_only(world: World) -> None:
    """SPEC C10: with a local holiday of the item's instansi on Tuesday 3 Nov the deadline
    moves to Tuesday 10 Nov and the reminder to Thursday 5 Nov (Friday, Monday and Tuesday
    left); the same holiday of another instansi changes nothing for it."""
    CalendarDay.objects.create(date=date(2026, 11, 3), agency=world.pemda, description="Lokal")
    own = accepted(world)
    assert own.resolution_due_at.date() == date(2026, 11, 10)
    assert sla.sweep(now=at(date(2026, 11, 4), 23)).reminders == 0
    assert sla.sweep(now=at(date(2026, 11, 5), 0)).reminders == 1

    CalendarDay.objects.all().delete()
    CalendarDay.objects.create(
        date=date(2026, 11, 3), agency=world.other_pemda, description="Hari jadi Banjar"
    )
    other = accepted(world)
    assert other.resolution_due_at.date() == date(2026, 11, 9)
    assert sla.sweep(now=at(date(2026, 11, 3), 23)).reminders == 0
    assert sla.sweep(now=at(date(2026, 11, 4), 0)).reminders == 1
    assert [a.complaint_id for a in DeadlineAlert.objects.order_by("pk")] == [own.pk, other.pk]


def test_breach_once_the_deadline_has_passed(world: World) -> None:
    """SPEC C8: at the deadline's last instant the item is still in time; one microsecond
    later the breach is recorded, once, as an internal event."""
    c = accepted(world)
    due = c.resolution_due_at
    assert sla.sweep(now=due).breaches == 0
    assert sla.sweep(now=due + US).breaches == 1
    assert sla.sweep(now=due + timedelta(days=3)).breaches == 0
    (alert,) = alerts(c, AlertKind.BREACH)
    assert (alert.deadline_kind, alert.due_at) == (DeadlineKind.RESOLUTION, due)
    (event,) = events(c, EventAction.BREACH)
    assert not event.is_public and event.actor is None
    assert "terlampaui" in event.note
    assert not Event.objects.filter(complaint=c).public().filter(action=EventAction.BREACH)


def test_deadline_first_seen_late_gets_the_breach_without_a_reminder(world: World) -> None:
    """A sweep that was down past the deadline records the breach only."""
    c = accepted(world)
    result = sla.sweep(now=c.resolution_due_at + timedelta(days=1))
    assert (result.reminders, result.breaches) == (0, 1)
    assert alerts(c, AlertKind.REMINDER) == []


def test_running_the_sweep_twice_creates_one_alert_and_one_event(world: World) -> None:
    """Each reminder and breach is created exactly once per item and threshold."""
    c = accepted(world)
    reminder_time = at(date(2026, 11, 5))
    first = sla.sweep(now=reminder_time)
    second = sla.sweep(now=reminder_time)
    assert (first.reminders, second.reminders) == (1, 0)
    late = c.resolution_due_at + timedelta(hours=1)
    assert (sla.sweep(now=late).breaches, sla.sweep(now=late).breaches) == (1, 0)
    assert len(alerts(c, AlertKind.REMINDER)) == len(alerts(c, AlertKind.BREACH)) == 1
    assert len(events(c, EventAction.REMINDER)) == len(events(c, EventAction.BREACH)) == 1


def test_recomputed_deadline_after_reexamination_gets_its_own_alerts(world: World) -> None:
    """SPEC C8, C9: a re-examination starts a new resolution period; its deadline is a new
    deadline with its own reminder and breach."""
    c = accepted(world)
    first_due = c.resolution_due_at
    late = first_due + timedelta(hours=1)
    assert sla.sweep(now=late).breaches == 1
    c = services.complaint_respond(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Sudah."),
        now=late,
    )
    again = at(date(2026, 11, 16))
    services.complaint_rate(complaint_id=c.pk, satisfied=False, now=again)
    c = services.complaint_reexamine(complaint_id=c.pk, reason="Belum saya terima.", now=again)
    assert c.resolution_due_at == deadline_at(again, 5, agency=world.dukcapil)
    assert c.resolution_due_at != first_due
    assert sla.sweep(now=again).reminders == 0
    assert sla.sweep(now=at(date(2026, 11, 18), 0)).reminders == 1
    assert sla.sweep(now=c.resolution_due_at + US).breaches == 1
    assert [a.due_at for a in alerts(c, AlertKind.BREACH)] == [first_due, c.resolution_due_at]
    assert [a.due_at for a in alerts(c, AlertKind.REMINDER)] == [c.resolution_due_at]
    assert len(events(c, EventAction.BREACH)) == 2


def test_answered_item_gets_no_more_alerts(world: World) -> None:
    """Once answered the item has no resolution deadline: nothing to remind or breach."""
    c = accepted(world)
    services.complaint_respond(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Sudah."),
        now=MONDAY,
    )
    result = sla.sweep(now=at(date(2026, 11, 10)))
    assert (result.reminders, result.breaches, result.verification_breaches) == (0, 0, 0)


def test_verification_breach_at_an_admin_tier(world: World) -> None:
    """SPEC C5: an item still unverified at Admin Nasional after 3 working days is recorded
    as breached; routing to the instansi starts a new verification deadline."""
    c = world.submit(now=MONDAY).complaint
    due = c.verification_due_at
    assert due == deadline_at(MONDAY, 3, agency=world.nasional)
    assert sla.sweep(now=due).verification_breaches == 0
    assert sla.sweep(now=due + US).verification_breaches == 1
    assert sla.sweep(now=due + timedelta(days=1)).verification_breaches == 0
    (alert,) = alerts(c, AlertKind.BREACH)
    assert (alert.deadline_kind, alert.due_at) == (DeadlineKind.VERIFICATION, due)
    assert "verifikasi" in events(c, EventAction.BREACH)[0].note

    later = due + timedelta(days=1)
    c = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version, now=later
    )
    assert sla.sweep(now=later + timedelta(days=30)).verification_breaches == 0
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        to_agency=world.pemda,
        now=later,
    )
    assert sla.sweep(now=c.verification_due_at + US).verification_breaches == 1
    assert len(alerts(c, AlertKind.BREACH)) == 2


def test_waiting_for_data_stops_reminders_and_breaches(world: World) -> None:
    """SPEC C7: while the reporter completes the data the clock is stopped."""
    c = accepted(world)
    services.complaint_request_data(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("penghubung"),
        note="Mohon foto resi.",
        now=MONDAY,
    )
    result = sla.sweep(now=c.resolution_due_at + US)
    assert (result.reminders, result.breaches) == (0, 0)
    assert not DeadlineAlert.objects.filter(complaint=c).exists()


def test_archive_after_10_working_days_and_not_before(world: World) -> None:
    """SPEC C7: no completion within 10 working days archives the item, once."""
    c = world.submit(now=MONDAY).complaint
    c = services.complaint_request_data(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        note="Lokasi lengkap?",
        now=MONDAY,
    )
    due = c.data_due_at
    assert due == deadline_at(MONDAY, 10, agency=world.nasional)
    assert sla.sweep(now=due).archived == 0
    assert fresh(c).status == Status.MENUNGGU_DATA
    assert sla.sweep(now=due + US).archived == 1
    assert sla.sweep(now=due + timedelta(days=1)).archived == 0
    c = fresh(c)
    assert (c.status, c.closed_at, c.data_due_at) == (Status.DIARSIPKAN, due + US, None)
    assert len(events(c, EventAction.ARCHIVED)) == 1


def test_data_supplied_in_time_is_not_archived(world: World) -> None:
    """SPEC C7: data that arrives before the deadline keeps the item alive."""
    c = world.submit(now=MONDAY).complaint
    c = services.complaint_request_data(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        note="Lokasi lengkap?",
        now=MONDAY,
    )
    services.complaint_supply_data(complaint_id=c.pk, note="Jl. A. Yani km 5.", now=MONDAY)
    assert sla.sweep(now=at(date(2026, 12, 1))).archived == 0
    assert fresh(c).status == Status.DITERIMA


def test_closure_after_the_window_without_reply(world: World) -> None:
    """An answered item is closed once the reporter's window has passed, once."""
    c = accepted(world)
    answered = at(date(2026, 11, 5))
    c = services.complaint_respond(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="KTP-el sudah dapat diambil."),
        now=answered,
    )
    due = c.closure_due_at
    assert sla.sweep(now=due).closed == 0
    assert sla.sweep(now=due + US).closed == 1
    assert sla.sweep(now=due + timedelta(days=1)).closed == 0
    c = fresh(c)
    assert (c.status, c.closed_at, c.closure_due_at) == (Status.SELESAI, due + US, None)
    assert len(events(c, EventAction.CLOSED)) == 1


def test_breached_queryset(world: World) -> None:
    """SPEC C15: items past a deadline, for statistics (any breach) and inboxes (current)."""
    late = accepted(world)
    in_time = accepted(world)
    services.complaint_respond(
        world.user("penghubung"),
        complaint_id=in_time.pk,
        version=in_time.version,
        answer=services.Answer(text="Sudah."),
        now=MONDAY,
    )
    sla.sweep(now=late.resolution_due_at + US)
    assert set(Complaint.objects.breached()) == {late}
    assert set(Complaint.objects.breached(current=True)) == {late}

    late = fresh(late)
    services.complaint_respond(
        world.user("penghubung"),
        complaint_id=late.pk,
        version=late.version,
        answer=services.Answer(text="Ok."),
        now=late.resolution_due_at + timedelta(days=1),
    )
    assert set(Complaint.objects.breached()) == {late}
    assert not Complaint.objects.breached(current=True).exists()


def test_task_returns_counts_and_is_idempotent(world: World) -> None:
    """The Celery task wraps the sweep; a naive `now_iso` is read in the pemda's time zone."""
    c = accepted(world)
    late = (c.resolution_due_at + timedelta(hours=1)).astimezone(WIB).replace(tzinfo=None)
    first = sla_sweep(now_iso=late.isoformat())
    assert first == {
        "reminders": 0,
        "breaches": 1,
        "verification_breaches": 0,
        "archived": 0,
        "closed": 0,
    }
    assert set(sla_sweep(now_iso=late.isoformat()).values()) == {0}


def test_alerts_notify_the_officials_with_the_events_own_note(
    world: World, django_capture_on_commit_callbacks
) -> None:
    """SPEC C9: a reminder reaches the holder's Penghubung, a breach the holder, the Admin
    Instansi and the Kepala, in-app and by mail keyed to the event; the mail is handed to the
    workers once the sweep's transaction commits."""
    c = accepted(world)
    reminder_at = at(date(2026, 11, 4), 0)
    with django_capture_on_commit_callbacks() as callbacks:
        assert sla.sweep(now=reminder_at).reminders == 1
    (event,) = events(c, EventAction.REMINDER)
    assert (event.created_at, event.actor_id, event.actor_role, event.actor_agency_id) == (
        reminder_at,
        None,
        "",
        None,
    )
    assert (event.from_status, event.to_status) == (Status.DITINDAKLANJUTI,) * 2
    assert not event.by_reporter and event.target_agency_id is None
    penghubung = world.user("penghubung")
    notice = Notification.objects.get(kind=NotificationKind.REMINDER)
    assert (notice.user, notice.body) == (penghubung, event.note)
    assert c.code in notice.title
    mail = OutboundEmail.objects.get(dedupe_key=f"{event.pk}:{penghubung.pk}")
    assert mail.to_email == penghubung.email and event.note in mail.body_text
    assert len(callbacks) == 1

    assert sla.sweep(now=c.resolution_due_at + US).breaches == 1
    (breach,) = events(c, EventAction.BREACH)
    breached = Notification.objects.filter(kind=NotificationKind.BREACH)
    assert set(breached.values_list("user__username", flat=True)) == {
        "penghubung.dukcapil",
        "admin.instansi",
        "kepala.dukcapil",
    }
    assert set(breached.values_list("body", flat=True)) == {breach.note}
    assert OutboundEmail.objects.filter(dedupe_key__startswith=f"{breach.pk}:").count() == 3


def test_the_sweeps_queries_do_not_grow_with_the_number_of_due_items(
    world: World, django_capture_on_commit_callbacks
) -> None:
    """Set-based: reminding or breaching 40 items, with their events, notices and mail,
    takes as many queries as 5 items do, and one hand-over of the mail to the workers."""
    few = [accepted(world) for _ in range(5)]
    many = [accepted(world, now=MONDAY + timedelta(days=7)) for _ in range(40)]
    sla.sweep(now=MONDAY)  # nothing due yet; warms the calendar cache

    def measured(now: datetime, expected: sla.SweepResult) -> int:
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as callbacks,
        ):
            assert sla.sweep(now=now) == expected
        assert len(callbacks) == 1
        return len(queries)

    counts = {}
    for label, items in (("few", few), ("many", many)):
        n = len(items)
        first = items[0]
        reminder_at = at(first_reminder_day(first, 3), 0)
        counts[label] = (
            measured(reminder_at, sla.SweepResult(reminders=n)),
            measured(first.resolution_due_at + US, sla.SweepResult(breaches=n)),
        )
        alerted = Event.objects.filter(complaint__in=items)
        assert alerted.filter(action=EventAction.REMINDER).count() == n
        assert alerted.filter(action=EventAction.BREACH).count() == n
    assert counts["many"] == counts["few"]
    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 45
    assert Notification.objects.filter(kind=NotificationKind.BREACH).count() == 3 * 45


def test_every_sla_class_has_a_reminder_threshold() -> None:
    """SPEC C9, C11: no class of deadline goes without its reminder (information requests are
    reminded 3 days before, 002:Bab VII A.1.e)."""
    from complaints.models import SLA_DAYS

    assert set(sla.REMINDER_DAYS) == set(SLA_DAYS)
    assert sla.REMINDER_DAYS[SlaClass.INFORMASI_PUBLIK] == 3
