"""The SKM report as a PDF (WeasyPrint): cover, method, respondent profile in aggregate,
results, analysis, follow-up plan. The same figures as the results page, never a row."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from surveys import selectors, services
from surveys.models import ReportStatus, Survey


def render_pdf(survey: Survey) -> bytes:
    from weasyprint import HTML

    context: dict[str, Any] = {
        **selectors.results_context(survey),
        "pemda_name": settings.PEMDA_NAME,
        "site_name": settings.SITE_NAME,
        "generated_at": timezone.localtime(),
    }
    html = render_to_string("reports/pdf/skm_report.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def render_and_store(survey_id: int) -> None:
    services.report_mark(survey_id, status=ReportStatus.RUNNING, progress=10)
    survey = Survey.objects.with_related().get(pk=survey_id)
    services.report_mark(survey_id, status=ReportStatus.RUNNING, progress=40)
    pdf = render_pdf(survey)
    services.report_mark(survey_id, status=ReportStatus.RUNNING, progress=80)
    if survey.report_file:
        survey.report_file.delete(save=False)
    name = f"skm-{survey.pk}.pdf"
    stored = survey.report_file.storage.save(f"skm/{name}", ContentFile(pdf))
    services.report_mark(
        survey_id,
        status=ReportStatus.DONE,
        progress=100,
        report_file=stored,
        report_generated_at=timezone.now(),
    )
