"""Celery tasks for the outbox: thin wrappers over notices.delivery, safe to run twice.

`enqueue` (used by notices.services on commit) lives here beside the task it publishes, so
the import direction is services → tasks → delivery → models, with no way back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import shared_task

from notices import delivery

logger = logging.getLogger(__name__)

# Rows sent per sweep round, and rounds per run: a backlog after an outage drains over a few
# runs without one task holding a worker for long.
SWEEP_BATCH = 50
SWEEP_ROUNDS = 10


@shared_task(ignore_result=True)
def deliver_email(outbound_id: int) -> bool:
    """Send one outbox row if it is still pending and due (the row's claim makes it once)."""
    return delivery.outbound_deliver(outbound_id=outbound_id)


@shared_task(ignore_result=True)
def outbox_deliver_due() -> int:
    """Deliver what the on-commit trigger missed: rows due again after a failure, rows queued
    while the broker was down, rows a dead worker left in "sending". Returns how many sent."""
    delivery.outbox_release_stuck()
    sent = 0
    for _round in range(SWEEP_ROUNDS):
        ids = delivery.outbox_due_ids(limit=SWEEP_BATCH)
        if not ids:
            break
        for outbound_id in ids:
            sent += delivery.outbound_deliver(outbound_id=outbound_id)
    return sent


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    return (OperationalError, RedisError, ConnectionError, OSError, TimeoutError)


def enqueue(ids: Iterable[int]) -> None:
    """Ask a worker to deliver these rows now. A broker that is down only delays delivery:
    the rows stay pending and the sweep picks them up."""
    for outbound_id in ids:
        try:
            # No publish retries: a citizen's submit must not wait on a dead broker.
            deliver_email.apply_async(args=[outbound_id], retry=False)
        except _broker_errors() as exc:
            logger.warning(
                "Broker unavailable, outbound e-mail %s left for the sweep: %s", outbound_id, exc
            )
            return
