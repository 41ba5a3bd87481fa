"""Celery tasks of the complaints app. Each loads what it needs and calls a service module."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from celery import shared_task
from django.utils import timezone

from complaints import sla, tally


@shared_task
def sla_sweep(now_iso: str | None = None) -> dict[str, int]:
    """Reminders, breaches, the 10-day archive and closures due now (SPEC C7-C9).

    Scheduled every few minutes (config/schedule.py). Idempotent: a repeated, late or
    concurrent run does each thing once, so it needs no retries; the next run catches up.
    `now_iso` (ISO 8601; naive means settings.TIME_ZONE) replays the sweep at another moment.
    """
    now = None
    if now_iso:
        now = datetime.fromisoformat(now_iso)
        if timezone.is_naive(now):
            now = timezone.make_aware(now, timezone.get_default_timezone())
    return asdict(sla.sweep(now=now))


@shared_task
def tally_fold() -> int:
    """Fold the statistics tally's deltas into it (complaints.tally). Every minute
    (config/schedule.py); the figures are exact whenever it runs, it only keeps reads short."""
    return tally.tally_fold()
