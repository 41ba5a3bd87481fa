"""Celery tasks of the reports app: thin wrappers over reports.services, safe to run twice."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from celery import shared_task
from django.utils import timezone

from reports import services


@shared_task
def rekap_monthly(now_iso: str | None = None) -> dict:
    """The monthly Rekapitulasi, the reminders of the 8th and lateness after the 10th
    (SPEC C17), plus any on-demand job the broker could not take. Scheduled hourly; each
    step is done once however often or late it runs. `now_iso` replays another moment."""
    now = None
    if now_iso:
        now = datetime.fromisoformat(now_iso)
        if timezone.is_naive(now):
            now = timezone.make_aware(now, timezone.get_default_timezone())
    result = asdict(services.rekap_monthly_run(now=now))
    for job_id in services.queued_job_ids():
        services.rekap_job_run(job_id=job_id)
    return result


@shared_task
def rekap_job_run(job_id: int) -> None:
    services.rekap_job_run(job_id=job_id)
