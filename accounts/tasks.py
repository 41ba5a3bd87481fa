"""Celery tasks for the outbox: thin wrappers over accounts.notifications, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from accounts import notifications

# Rows sent per sweep round, and rounds per run: a backlog after an outage drains over a few
# runs without one task holding a worker for long.
SWEEP_BATCH = 50
SWEEP_ROUNDS = 10


@shared_task(ignore_result=True)
def deliver_email(outbound_id: int) -> bool:
    """Send one outbox row if it is still pending and due (the row's claim makes it once)."""
    return notifications.outbound_deliver(outbound_id=outbound_id)


@shared_task(ignore_result=True)
def outbox_deliver_due() -> int:
    """Deliver what the on-commit trigger missed: rows due again after a failure, rows queued
    while the broker was down, rows a dead worker left in "sending". Returns how many sent."""
    notifications.outbox_release_stuck()
    sent = 0
    for _round in range(SWEEP_ROUNDS):
        ids = notifications.outbox_due_ids(limit=SWEEP_BATCH)
        if not ids:
            break
        for outbound_id in ids:
            sent += notifications.outbound_deliver(outbound_id=outbound_id)
    return sent
