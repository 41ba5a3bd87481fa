"""Every write of the reports app (SPEC C16, C17)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import Action, user_can
from reports import notify, rekap
from reports.models import (
    REMINDER_DAY,
    Evaluation,
    JobStatus,
    Rekap,
    RekapJob,
    RekapObligation,
    due_at,
    previous_month,
)
from standards.models import Agency, Tier

logger = logging.getLogger(__name__)


def rekap_agencies() -> list[Agency]:
    """Every active OPD and Perusahaan Daerah: the tier that files a rekap (001:Pasal 9(1))."""
    return list(Agency.objects.active().filter(tier=Tier.OPD).order_by("pk"))


def _check_period(year: int, month: int, now: datetime) -> None:
    local = timezone.localtime(now)
    if not 1 <= month <= 12 or year < 2000 or (year, month) > (local.year, local.month):
        raise ValidationError(_("Bulan tidak valid: pilih bulan yang sudah berjalan."))


def rekap_build(
    *,
    user: object | None,
    agency: Agency,
    year: int,
    month: int,
    now: datetime | None = None,
) -> Rekap:
    """Build a new version of the agency's rekap for the month: rows, PDF, XLSX, checksums.

    `user` None is the monthly job. Earlier versions, signed or not, stay as they were.
    """
    now = now or timezone.now()
    if user is not None and not user_can(user, Action.EXPORT_REKAP, agency):
        raise PermissionDenied
    if agency.tier != Tier.OPD:
        raise ValidationError(_("Rekapitulasi dibuat untuk OPD dan Perusahaan Daerah."))
    _check_period(year, month, now)
    doc = rekap.build_document(agency, year, month, today=timezone.localtime(now).date())
    pdf = rekap.render_pdf(doc)
    xlsx = rekap.render_xlsx(doc)
    with transaction.atomic():
        # One builder at a time per agency, so that versions are numbered without gaps.
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        last = Rekap.objects.filter(agency=agency, year=year, month=month).aggregate(
            v=Max("version")
        )["v"]
        return Rekap.objects.create(
            agency=agency,
            year=year,
            month=month,
            version=(last or 0) + 1,
            built_at=now,
            built_by=user if user is not None else None,
            row_count=len(doc.rows),
            pdf=pdf,
            xlsx=xlsx,
            pdf_sha256=rekap.sha256(pdf),
            xlsx_sha256=rekap.sha256(xlsx),
        )


def _obligation(agency: Agency, year: int, month: int, now: datetime) -> RekapObligation:
    obligation, _created = RekapObligation.objects.get_or_create(
        agency=agency,
        year=year,
        month=month,
        defaults={"due_at": due_at(year, month), "created_at": now},
    )
    return obligation


@transaction.atomic
def rekap_sign(*, user: object, rekap_id: int, now: datetime | None = None) -> Rekap:
    """The Kepala signs the newest version of the month (SPEC C17): who, when, and the
    checksum of the PDF signed. Submitting after the 10th records the lateness."""
    now = now or timezone.now()
    row = Rekap.objects.select_for_update().select_related("agency").get(pk=rekap_id)
    if not user_can(user, Action.SIGN_REPORT, row):
        raise PermissionDenied
    if row.is_signed:
        raise ValidationError(_("Versi ini sudah ditandatangani."))
    newest = (
        Rekap.objects.filter(agency=row.agency_id, year=row.year, month=row.month)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    if newest != row.version:
        raise ValidationError(_("Ada versi yang lebih baru; tandatangani versi terbaru."))
    checksum = rekap.sha256(bytes(row.pdf))
    if checksum != row.pdf_sha256:
        raise ValidationError(_("Berkas tidak cocok dengan checksum-nya; buat ulang rekap."))
    row.signed_by = user
    row.signed_at = now
    row.signed_sha256 = checksum
    row.save(update_fields=["signed_by", "signed_at", "signed_sha256"])
    obligation = _obligation(row.agency, row.year, row.month, now)
    if obligation.submitted_at is None:
        obligation.submitted_at = now
        obligation.is_late = obligation.is_late or now > obligation.due_at
        obligation.save(update_fields=["submitted_at", "is_late"])
    return row


@dataclass
class MonthlyRun:
    built: list[int] = field(default_factory=list)
    reminded: int = 0
    marked_late: int = 0
    failed: list[int] = field(default_factory=list)


def rekap_monthly_run(*, now: datetime | None = None) -> MonthlyRun:
    """The monthly job (Celery beat, config/schedule.py): safe to run any number of times.

    - From the 1st: each agency's obligation for the previous month is created once (unique
      per agency and month) and the run that created it builds version 1 in the same
      transaction; a second, concurrent or late run finds the row and builds nothing.
    - From the 8th: the Kepala of each agency that has not submitted is reminded, once.
    - After the 10th: every obligation still not submitted is recorded as late.
    """
    now = now or timezone.now()
    result = MonthlyRun()
    year, month = previous_month(timezone.localtime(now).date())
    for agency in rekap_agencies():
        try:
            with transaction.atomic():
                _obligation_row, created = RekapObligation.objects.get_or_create(
                    agency=agency,
                    year=year,
                    month=month,
                    defaults={"due_at": due_at(year, month), "created_at": now},
                )
                if created:
                    result.built.append(
                        rekap_build(user=None, agency=agency, year=year, month=month, now=now).pk
                    )
        except Exception:
            # Rolled back with its duty row, so the next run tries this agency again; the
            # other agencies are not held up by one that fails.
            logger.exception("rekap of %s for %s-%s not built", agency.pk, year, month)
            result.failed.append(agency.pk)
    if timezone.localtime(now).day >= REMINDER_DAY:
        with transaction.atomic():
            due = list(
                RekapObligation.objects.select_for_update(skip_locked=True)
                .filter(
                    year=year,
                    month=month,
                    submitted_at__isnull=True,
                    reminded_at__isnull=True,
                    due_at__gte=now,
                )
                .select_related("agency")
            )
            if due:
                RekapObligation.objects.filter(pk__in=[o.pk for o in due]).update(reminded_at=now)
                result.reminded = notify.rekap_reminders(due)
    result.marked_late = RekapObligation.objects.filter(
        submitted_at__isnull=True, is_late=False, due_at__lt=now
    ).update(is_late=True)
    return result


def rekap_job_request(
    *, user: object, year: int, month: int, agencies: list[Agency], now: datetime | None = None
) -> RekapJob:
    """Ask for a (re)build of the month for these agencies; Celery runs it on commit."""
    now = now or timezone.now()
    _check_period(year, month, now)
    if not agencies:
        raise ValidationError(_("Tidak ada OPD yang dapat dibuatkan rekapitulasi."))
    for agency in agencies:
        if not user_can(user, Action.EXPORT_REKAP, agency):
            raise PermissionDenied
    job = RekapJob.objects.create(
        requested_by=user,
        requested_at=now,
        year=year,
        month=month,
        agency_ids=[a.pk for a in agencies],
        total=len(agencies),
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from celery import current_app
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    try:
        # By name, so that services and tasks do not import each other (tasks call services).
        current_app.send_task("reports.tasks.rekap_job_run", args=[job_id], retry=False)
    except (OperationalError, RedisError, OSError):
        # The job stays queued; the periodic run picks it up (reports.tasks.rekap_monthly).
        logger.warning("rekap job %s not queued: broker unreachable", job_id)


def rekap_job_run(*, job_id: int, now: datetime | None = None) -> RekapJob | None:
    """Run a queued job; a job already claimed by another worker is left alone."""
    now = now or timezone.now()
    claimed = RekapJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now
    )
    if not claimed:
        return None
    job = RekapJob.objects.select_related("requested_by").get(pk=job_id)
    agencies = Agency.objects.in_bulk(job.agency_ids)
    try:
        for n, agency_id in enumerate(job.agency_ids, start=1):
            agency = agencies.get(agency_id)
            if agency is not None:
                rekap_build(user=job.requested_by, agency=agency, year=job.year, month=job.month)
            RekapJob.objects.filter(pk=job.pk).update(done=n)
    except Exception as exc:
        logger.exception("rekap job %s failed", job_id)
        RekapJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:300]
        )
        raise
    RekapJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def queued_job_ids() -> list[int]:
    return list(
        RekapJob.objects.filter(status=JobStatus.QUEUED).order_by("pk").values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class Findings:
    """What the secretariat writes on a semester evaluation (002:Bab VII C): the causes of
    the complaints and the corrective actions and recommendations."""

    causes: str
    corrective_actions: str


@transaction.atomic
def evaluation_publish(
    *,
    user: object,
    instansi: Agency,
    year: int,
    semester: int,
    findings: Findings,
    now: datetime | None = None,
) -> Evaluation:
    """The secretariat publishes the semester evaluation (SPEC C16; 002:Bab VII C): the
    figures are computed and frozen, the PDF made, and the first publication is copied to
    the Bupati/Walikota and the Inspektur. Publishing the same semester again replaces the
    text, figures and PDF (a correction) without sending the copy twice."""
    from reports import evaluation as figures_module

    now = now or timezone.now()
    if instansi.tier != Tier.INSTANSI or not user_can(user, Action.EXPORT_REKAP, instansi):
        raise PermissionDenied
    if semester not in (1, 2):
        raise ValidationError(_("Semester harus 1 atau 2."))
    start, end = figures_module.semester_bounds(year, semester)
    if start > now:
        raise ValidationError(_("Semester ini belum dimulai."))
    causes, corrective_actions = findings.causes.strip(), findings.corrective_actions.strip()
    if not causes or not corrective_actions:
        raise ValidationError(_("Tuliskan penyebab pengaduan dan tindakan korektifnya."))
    figures = figures_module.semester_figures(instansi, year, semester)
    existing = (
        Evaluation.objects.select_for_update()
        .filter(instansi=instansi, year=year, semester=semester)
        .first()
    )
    evaluation = existing or Evaluation(instansi=instansi, year=year, semester=semester)
    evaluation.causes = causes
    evaluation.corrective_actions = corrective_actions
    evaluation.figures = figures
    evaluation.published_at = now
    evaluation.published_by = user
    pdf = figures_module.render_pdf(evaluation)
    evaluation.pdf = pdf
    evaluation.pdf_sha256 = rekap.sha256(pdf)
    evaluation.save()
    if existing is None:
        notify.evaluation_copies(evaluation)
    return evaluation
