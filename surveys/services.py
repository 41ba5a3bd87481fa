"""Every write of the surveys app: surveys, responses, moderation, follow-up plan, report.

Callers check permissions through `surveys.selectors.get_survey_for_user` (the one door)
before calling the officer services; `response_submit` is public by design.
"""

from __future__ import annotations

import datetime
import html
import logging
import uuid
from typing import Any

import nh3
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from standards.models import Agency, Service
from surveys import ikm, notify
from surveys.models import (
    FollowUpItem,
    FollowUpStatus,
    PeriodKind,
    ReportStatus,
    Response,
    SuggestionStatus,
    Survey,
    SurveyStatus,
)
from surveys.privacy import MIN_CELL
from surveys.questionnaire import UNSUR_BY_NUMBER

logger = logging.getLogger(__name__)


def plain_text(value: str) -> str:
    """No markup in stored text (nh3, script content included); escaped again on output."""
    return html.unescape(nh3.clean(value or "", tags=set(), attributes={})).strip()


class SurveyError(Exception):
    """A refused change, with a translated message for the person who asked."""


class AlreadyAnswered(SurveyError):
    pass


def period_bounds(
    *,
    kind: str,
    year: int | None = None,
    semester: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a year, a semester (1: Jan-Jun, 2: Jul-Dec) or a range."""
    if kind == PeriodKind.YEAR and year:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if kind == PeriodKind.SEMESTER and year and semester in (1, 2):
        if semester == 1:
            return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
        return datetime.date(year, 7, 1), datetime.date(year, 12, 31)
    if kind == PeriodKind.RANGE and start and end:
        if end < start:
            raise SurveyError(_("Akhir periode tidak boleh sebelum awal periode."))
        return start, end
    raise SurveyError(_("Periode survei tidak lengkap."))


@transaction.atomic
def survey_create(
    user: Any,
    *,
    agency: Agency,
    service: Service | None,
    title: str,
    period_kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    population: int,
) -> Survey:
    """A draft survey with its Krejcie-Morgan sample. Caller checked MANAGE_SURVEYS on agency."""
    if service is not None and service.agency_id != agency.pk:
        raise SurveyError(_("Layanan itu bukan milik penyelenggara ini."))
    if period_end < period_start:
        raise SurveyError(_("Akhir periode tidak boleh sebelum awal periode."))
    return Survey.objects.create(
        agency=agency,
        service=service,
        title=plain_text(title)[:200],
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        population=population,
        sample_size=ikm.sample_size(population),
        created_by=user,
    )


_TRANSITIONS: dict[str, set[str]] = {
    SurveyStatus.DRAFT: {SurveyStatus.OPEN},
    SurveyStatus.OPEN: {SurveyStatus.CLOSED},
    SurveyStatus.CLOSED: {SurveyStatus.OPEN, SurveyStatus.PUBLISHED},
    SurveyStatus.PUBLISHED: set(),
}


@transaction.atomic
def survey_set_status(user: Any, *, survey: Survey, status: str) -> Survey:
    """Open, close, reopen or publish a survey. Publishing freezes it, reports it to the head of
    region and Bagian Organisasi and renders the PDF report (SPEC K3). A survey with fewer than
    5 responses is not published (surveys.privacy.MIN_CELL)."""
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if status not in _TRANSITIONS.get(locked.status, set()):
        raise SurveyError(_("Perubahan status survei itu tidak diizinkan."))
    if status == SurveyStatus.PUBLISHED and locked.responses.count() < MIN_CELL:
        # Below 5 respondents the per-unsur NRRs give away what single people answered.
        raise SurveyError(
            _(
                "Survei dengan kurang dari %(min)s jawaban tidak bisa dipublikasikan: "
                "nilainya akan memperlihatkan jawaban perorangan."
            )
            % {"min": MIN_CELL}
        )
    locked.status = status
    fields = ["status"]
    if status == SurveyStatus.PUBLISHED:
        locked.published_at = timezone.now()
        locked.report_status = ReportStatus.QUEUED
        locked.report_progress = 0
        fields += ["published_at", "report_status", "report_progress"]
    locked.save(update_fields=fields)
    if status == SurveyStatus.PUBLISHED:
        _queue_report(locked.pk, notify_when_done=True)
    return locked


def _queue_report(survey_id: int, *, notify_when_done: bool) -> None:
    transaction.on_commit(lambda: _send_report_task(survey_id, notify_when_done))


def _send_report_task(survey_id: int, notify_when_done: bool) -> None:
    from celery import current_app
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    try:
        # By name, so that services and tasks do not import each other (tasks call services).
        current_app.send_task(
            "surveys.tasks.render_report",
            args=[survey_id],
            kwargs={"notify_when_done": notify_when_done},
            retry=False,
        )
    except (OperationalError, RedisError, OSError) as exc:
        # The broker is down: the survey shows "failed" and the officer asks again later.
        logger.warning("Broker unavailable, SKM report %s not queued: %s", survey_id, exc)
        report_mark(survey_id, status=ReportStatus.FAILED, progress=0)


@transaction.atomic
def survey_request_report(user: Any, *, survey: Survey) -> Survey:
    """Render the PDF report again (after a follow-up change, say, or after a failed first
    render). A published survey's notice to the head of region and Bagian Organisasi goes out
    when this render succeeds, unless it went out before: `report_published_notice` claims it
    once (SPEC K3), so a broker outage or a failed render at publication loses no notice."""
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if locked.report_status == ReportStatus.RUNNING:
        return locked
    locked.report_status = ReportStatus.QUEUED
    locked.report_progress = 0
    locked.save(update_fields=["report_status", "report_progress"])
    _queue_report(locked.pk, notify_when_done=locked.status == SurveyStatus.PUBLISHED)
    return locked


def response_submit(
    *,
    survey: Survey,
    answers: dict[int, int],
    gender: str,
    age_band: str,
    education: str,
    occupation: str,
    service: Service | None,
    served_on: datetime.date,
    suggestion: str,
    channel: str,
    respondent_key: str,
    idempotency_key: uuid.UUID,
) -> tuple[Response, bool]:
    """Store one response; (response, created).

    A resubmit with the same idempotency key returns the first row (created False). A second
    response by the same person (same respondent key) raises AlreadyAnswered. Kiosk answers
    carry no respondent key: the kiosk is shared, its throttle guards it.
    """
    existing = Response.objects.filter(survey=survey, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    if not survey.is_open:
        raise SurveyError(_("Survei ini tidak sedang dibuka."))
    if served_on > timezone.localdate():
        raise SurveyError(_("Tanggal layanan tidak boleh di masa depan."))
    if (
        respondent_key
        and Response.objects.filter(survey=survey, respondent_key=respondent_key).exists()
    ):
        raise AlreadyAnswered(_("Anda sudah mengisi survei ini. Terima kasih."))
    if sorted(answers) != list(range(1, 10)) or any(
        a not in (1, 2, 3, 4) for a in answers.values()
    ):
        raise SurveyError(_("Jawablah kesembilan pertanyaan."))
    suggestion = plain_text(suggestion)[:1000]
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                **{f"u{n}": answers[n] for n in range(1, 10)},
                gender=gender,
                age_band=age_band,
                education=education,
                occupation=occupation,
                service=service,
                served_on=served_on,
                suggestion=suggestion,
                suggestion_status=SuggestionStatus.PENDING if suggestion else SuggestionStatus.NONE,
                channel=channel,
                respondent_key=respondent_key,
                idempotency_key=idempotency_key,
            )
            # Read again after the insert: its foreign-key check holds a share lock on the
            # survey row, so a close either committed before (seen here) or waits for us.
            if not Survey.objects.filter(pk=survey.pk, status=SurveyStatus.OPEN).exists():
                raise SurveyError(_("Survei ini tidak sedang dibuka."))
    except IntegrityError:
        # A concurrent twin won the race: same key → its row; same person → refused.
        existing = Response.objects.filter(survey=survey, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
        raise AlreadyAnswered(_("Anda sudah mengisi survei ini. Terima kasih.")) from None
    return response, True


@transaction.atomic
def suggestion_moderate(user: Any, *, response: Response, approve: bool) -> Response:
    """Show or hide a respondent's suggestion on the public results."""
    if not response.suggestion:
        raise SurveyError(_("Jawaban ini tidak berisi saran."))
    response.suggestion_status = SuggestionStatus.APPROVED if approve else SuggestionStatus.REJECTED
    response.save(update_fields=["suggestion_status"])
    return response


@transaction.atomic
def followup_add(
    user: Any,
    *,
    survey: Survey,
    unsur: int,
    action: str,
    owner: str,
    due_date: datetime.date,
) -> FollowUpItem:
    """A line of the follow-up plan for a weak unsur (SPEC K3)."""
    if unsur not in UNSUR_BY_NUMBER:
        raise SurveyError(_("Unsur tidak dikenal."))
    return FollowUpItem.objects.create(
        survey=survey,
        unsur=unsur,
        action=plain_text(action)[:1000],
        owner=plain_text(owner)[:200],
        due_date=due_date,
    )


@transaction.atomic
def followup_set_status(user: Any, *, item: FollowUpItem, status: str) -> FollowUpItem:
    if status not in FollowUpStatus.values:
        raise SurveyError(_("Status tindak lanjut tidak dikenal."))
    item.status = status
    item.updated_at = timezone.now()
    item.save(update_fields=["status", "updated_at"])
    return item


def report_mark(survey_id: int, *, status: str, progress: int, **fields: Any) -> None:
    """Progress of the report task, written with a plain UPDATE (the page polls it)."""
    Survey.objects.filter(pk=survey_id).update(
        report_status=status, report_progress=min(100, progress), **fields
    )


def report_published_notice(survey_id: int) -> None:
    """Tell the head of region and Bagian Organisasi that a survey's report is published."""
    with transaction.atomic():
        # Claimed with a conditional UPDATE: a task that runs twice notifies once.
        claimed = Survey.objects.filter(pk=survey_id, published_notice_at__isnull=True).update(
            published_notice_at=timezone.now()
        )
        if claimed:
            notify.survey_published(Survey.objects.with_related().get(pk=survey_id))
