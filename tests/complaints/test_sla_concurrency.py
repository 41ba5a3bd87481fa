"""Two SLA sweeps at the same moment, each on its own database connection."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from django.db import connection

from complaints import services, sla
from complaints.models import (
    AlertKind,
    Complaint,
    DeadlineAlert,
    DeadlineKind,
    Event,
    EventAction,
    Status,
)
from tests.personas import World, accepted, at, build_world, fresh

NOW = at(date(2026, 11, 5), 10)  # Thursday
BEFORE = at(date(2026, 10, 12))  # a Monday three weeks earlier


def _due_items(w: World) -> dict[str, list[Complaint]]:
    """Items that are each due exactly one thing at NOW."""
    reminded = [accepted(w, now=at(date(2026, 11, 2))) for _ in range(4)]
    late = [accepted(w, now=at(date(2026, 10, 26))) for _ in range(4)]
    unverified = [w.submit(now=at(date(2026, 10, 26))).complaint for _ in range(3)]
    waiting = []
    for _ in range(3):
        c = w.submit(now=BEFORE).complaint
        waiting.append(
            services.complaint_request_data(
                complaint_id=c.pk,
                version=c.version,
                user=w.user("admin_nasional"),
                note="Lokasi lengkap?",
                now=BEFORE,
            )
        )
    answered = []
    for _ in range(3):
        c = accepted(w, now=BEFORE)
        answered.append(
            services.complaint_respond(
                w.user("penghubung"),
                complaint_id=c.pk,
                version=c.version,
                answer=services.Answer(text="Sudah selesai."),
                now=BEFORE,
            )
        )
    return {
        "reminded": reminded,
        "late": late,
        "unverified": unverified,
        "waiting": waiting,
        "answered": answered,
    }


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_do_each_thing_once() -> None:
    """SPEC C7, C9: two sweeps started together over the same due items write exactly one
    alert and one REMINDER/BREACH event per item and deadline, and archive and close each
    item once."""
    w = build_world()
    items = _due_items(w)
    barrier = threading.Barrier(2)
    results: list[sla.SweepResult] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(sla.sweep(now=NOW))
        except BaseException as exc:  # handed to the main thread, which fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []

    def total(field: str) -> Any:
        return sum(getattr(r, field) for r in results)

    assert total("reminders") == 4
    assert total("breaches") == 4
    assert total("verification_breaches") == 3
    assert total("archived") == 3
    assert total("closed") == 3

    expected = [
        ("reminded", AlertKind.REMINDER, DeadlineKind.RESOLUTION, EventAction.REMINDER),
        ("late", AlertKind.BREACH, DeadlineKind.RESOLUTION, EventAction.BREACH),
        ("unverified", AlertKind.BREACH, DeadlineKind.VERIFICATION, EventAction.BREACH),
    ]
    for group, kind, deadline_kind, action in expected:
        for c in items[group]:
            assert DeadlineAlert.objects.filter(complaint=c).count() == 1
            assert DeadlineAlert.objects.filter(
                complaint=c, kind=kind, deadline_kind=deadline_kind
            ).exists()
            assert Event.objects.filter(complaint=c, action=action).count() == 1
    for c in items["waiting"]:
        assert fresh(c).status == Status.DIARSIPKAN
        assert Event.objects.filter(complaint=c, action=EventAction.ARCHIVED).count() == 1
    for c in items["answered"]:
        assert fresh(c).closed_at == NOW
        assert Event.objects.filter(complaint=c, action=EventAction.CLOSED).count() == 1
