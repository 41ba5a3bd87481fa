"""Sending outbox rows: the worker's side of notices (called by notices.tasks).

Delivery (`outbound_deliver`) claims a row with a conditional UPDATE, so running it twice for
the same row sends once. A failed send is tried again with growing pauses, then given up and
left visible in the admin. A row a dead worker left in "sending" is released by the sweep.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from notices.models import OutboundEmail, OutboundStatus

logger = logging.getLogger(__name__)

# Pause before the next try after the n-th failure; the last failure gives up.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=60),
    timedelta(minutes=240),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A row still "sending" this long after it was claimed belongs to a worker that died.
STUCK_AFTER = timedelta(minutes=10)


def outbound_deliver(*, outbound_id: int, now: datetime | None = None) -> bool:
    """Send one outbox row if it is due; True when this call sent it.

    Safe to run twice and from several workers: the row is claimed with a conditional
    UPDATE (pending and due → sending) and only the caller that claimed it sends.
    """
    now = now or timezone.now()
    claimed = OutboundEmail.objects.filter(
        pk=outbound_id, status=OutboundStatus.PENDING, next_attempt_at__lte=now
    ).update(status=OutboundStatus.SENDING, claimed_at=now)
    if not claimed:
        return False
    row = OutboundEmail.objects.get(pk=outbound_id)
    message = EmailMultiAlternatives(
        row.subject, row.body_text, settings.DEFAULT_FROM_EMAIL, [row.to_email]
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    try:
        message.send()
    except Exception as exc:  # any transport failure: SMTP, socket, TLS, DNS
        _record_failure(row, exc, now=now)
        return False
    OutboundEmail.objects.filter(pk=row.pk, status=OutboundStatus.SENDING).update(
        status=OutboundStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _record_failure(row: OutboundEmail, exc: Exception, *, now: datetime) -> None:
    attempts = row.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if attempts >= MAX_ATTEMPTS:
        status, next_at = OutboundStatus.FAILED, now
        logger.error("Outbound e-mail %s failed %s times; giving up: %s", row.pk, attempts, error)
    else:
        status, next_at = OutboundStatus.PENDING, now + RETRY_DELAYS[attempts - 1]
        logger.warning("Outbound e-mail %s failed (attempt %s): %s", row.pk, attempts, error)
    OutboundEmail.objects.filter(pk=row.pk, status=OutboundStatus.SENDING).update(
        status=status, attempts=attempts, next_attempt_at=next_at, last_error=error
    )


def outbox_release_stuck(*, now: datetime | None = None) -> int:
    """Put rows back to pending whose worker claimed them and never finished (it died)."""
    now = now or timezone.now()
    return OutboundEmail.objects.filter(
        status=OutboundStatus.SENDING, claimed_at__lt=now - STUCK_AFTER
    ).update(status=OutboundStatus.PENDING, next_attempt_at=now)


def outbox_due_ids(*, now: datetime | None = None, limit: int = 50) -> list[int]:
    """Ids of pending rows whose time has come, oldest first."""
    now = now or timezone.now()
    return list(
        OutboundEmail.objects.filter(status=OutboundStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
