"""Celery tasks of the surveys app: the PDF report (SPEC K3)."""

from __future__ import annotations

import logging

from celery import shared_task

from surveys import report, services
from surveys.models import ReportStatus

logger = logging.getLogger(__name__)


@shared_task
def render_report(survey_id: int, *, notify_when_done: bool = False) -> bool:
    """Render a survey's PDF report, showing progress on the survey; on first publication,
    tell the head of region and Bagian Organisasi. Safe to run twice: it overwrites the file,
    and the notice is claimed once (services.report_published_notice)."""
    try:
        report.render_and_store(survey_id)
    except Exception:
        logger.exception("SKM report %s failed", survey_id)
        services.report_mark(survey_id, status=ReportStatus.FAILED, progress=0)
        return False
    if notify_when_done:
        services.report_published_notice(survey_id)
    return True
