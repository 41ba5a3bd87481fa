"""Reports (SPEC C16, C17): the monthly Rekapitulasi of every OPD and Perusahaan Daerah, its
sign-off by the Kepala and the deadline of the 10th, and the semester evaluation.

A Rekapitulasi is kept as versions: each build stores its PDF and XLSX with their SHA-256
checksums and never changes again. The Kepala signs one version; the signature keeps the
checksum of the file signed, so a signed rekap cannot change silently, and a rebuild after
sign-off is a new, unsigned version. `RekapObligation` is the duty of one agency for one
month (001:Pasal 9(2)): created once by the monthly job (its unique constraint makes a second
or late run a no-op), it records the submission, the reminder of the 8th and lateness.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import Action, agencies_where
from standards.models import Agency

MONTHS = (
    _("Januari"),
    _("Februari"),
    _("Maret"),
    _("April"),
    _("Mei"),
    _("Juni"),
    _("Juli"),
    _("Agustus"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Desember"),
)
# 001:Pasal 9(2): the rekap of a month reaches the Sekretariat by the 10th of the next month.
DUE_DAY = 10
# Reminders go to the agencies that have not submitted on this day of the month.
REMINDER_DAY = 8


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def previous_month(day: date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """[start, end) of the month in the pemda's zone, as aware datetimes."""
    tz = timezone.get_default_timezone()
    ny, nm = next_month(year, month)
    return (
        datetime.combine(date(year, month, 1), time.min, tzinfo=tz),
        datetime.combine(date(ny, nm, 1), time.min, tzinfo=tz),
    )


def due_at(year: int, month: int) -> datetime:
    """The end of the 10th of the month after (year, month), in the pemda's zone."""
    ny, nm = next_month(year, month)
    return datetime.combine(date(ny, nm, DUE_DAY), time.max, tzinfo=timezone.get_default_timezone())


class RekapQuerySet(models.QuerySet["Rekap"]):
    def visible_to(self, user: object) -> RekapQuerySet:
        """Versions of the agencies where the user may export the rekap (EXPORT_REKAP)."""
        where = agencies_where(user, Action.EXPORT_REKAP)
        if where is None:
            return self.none()
        return self.filter(agency__in=Agency.objects.filter(where).values("pk"))

    def latest_per_month(self) -> RekapQuerySet:
        """Only the newest version of each agency's month."""
        newer = Rekap.objects.filter(
            agency=models.OuterRef("agency"),
            year=models.OuterRef("year"),
            month=models.OuterRef("month"),
            version__gt=models.OuterRef("version"),
        )
        return self.filter(~models.Exists(newer))


class Rekap(models.Model):
    """One version of "Rekapitulasi Hasil Penanganan Pengaduan" of one agency and month."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="rekaps", verbose_name=_("OPD")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    version = models.PositiveSmallIntegerField(_("versi"))
    built_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    row_count = models.PositiveIntegerField(_("jumlah baris"))
    pdf = models.BinaryField(editable=False)
    xlsx = models.BinaryField(editable=False)
    pdf_sha256 = models.CharField(_("checksum PDF"), max_length=64, editable=False)
    xlsx_sha256 = models.CharField(_("checksum XLSX"), max_length=64, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditandatangani oleh"),
    )
    signed_at = models.DateTimeField(_("ditandatangani"), null=True, blank=True)
    # The checksum of the PDF as it was when signed.
    signed_sha256 = models.CharField(_("checksum yang ditandatangani"), max_length=64, blank=True)

    objects = RekapQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekapitulasi bulanan")
        verbose_name_plural = _("rekapitulasi bulanan")
        ordering = ["-year", "-month", "agency__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "month", "version"], name="rekap_version_unique"
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="rekap_month"),
            models.CheckConstraint(
                condition=(
                    Q(signed_by__isnull=True, signed_at__isnull=True, signed_sha256="")
                    | (
                        Q(signed_by__isnull=False, signed_at__isnull=False)
                        & Q(signed_sha256=models.F("pdf_sha256"))
                    )
                ),
                name="rekap_signature_complete_and_matches_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.period_label} · v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("reports:rekap_detail", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        return month_label(self.year, self.month)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def filename(self, ext: str) -> str:
        return f"rekap-{self.agency.slug}-{self.year}-{self.month:02d}-v{self.version}.{ext}"


class RekapObligation(models.Model):
    """The duty of one agency to submit the rekap of one month by the 10th (001:Pasal 9(2))."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="rekap_obligations", verbose_name=_("OPD")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    due_at = models.DateTimeField(_("batas penyampaian"))
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("disampaikan"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("diingatkan"), null=True, blank=True)
    is_late = models.BooleanField(_("terlambat"), default=False)

    class Meta:
        verbose_name = _("kewajiban rekapitulasi")
        verbose_name_plural = _("kewajiban rekapitulasi")
        ordering = ["-year", "-month", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "month"], name="rekap_obligation_once_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="rekap_obligation_month"
            ),
        ]
        indexes = [
            # The rekap desk counts each agency's late months (reports.selectors.month_overview).
            models.Index(
                fields=["agency"], condition=Q(is_late=True), name="rekap_obligation_late"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {month_label(self.year, self.month)}"

    @property
    def period_label(self) -> str:
        return month_label(self.year, self.month)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu giliran")
    RUNNING = "running", _("Sedang dibuat")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class RekapJob(models.Model):
    """An on-demand (re)build of one month's rekap for one or many agencies, run by Celery;
    its page shows `done` of `total` while it runs (UX.md: long work shows progress)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    agency_ids = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("pembuatan rekapitulasi")
        verbose_name_plural = _("pembuatan rekapitulasi")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="job_progress"),
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="rekap_job_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label} · {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def period_label(self) -> str:
        return month_label(self.year, self.month)


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def published(self) -> EvaluationQuerySet:
        return self.filter(published_at__isnull=False)


class Evaluation(models.Model):
    """The semester evaluation of complaint handling of one pemda (SPEC C16; 002:Bab VII C;
    001:Pasal 10(2)d): the figures, frozen when the secretariat publishes, with the causes and
    corrective actions it writes."""

    instansi = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("instansi")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    semester = models.PositiveSmallIntegerField(_("semester"))
    causes = models.TextField(_("penyebab pengaduan"), max_length=10_000)
    corrective_actions = models.TextField(_("tindakan korektif dan rekomendasi"), max_length=10_000)
    figures = models.JSONField(default=dict, editable=False)
    pdf = models.BinaryField(editable=False)
    pdf_sha256 = models.CharField(max_length=64, editable=False)
    published_at = models.DateTimeField(_("dipublikasikan"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluasi semester")
        verbose_name_plural = _("evaluasi semester")
        ordering = ["-year", "-semester", "instansi__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "year", "semester"], name="evaluation_once_per_semester"
            ),
            models.CheckConstraint(condition=Q(semester__in=[1, 2]), name="evaluation_semester"),
        ]
        indexes = [
            # The public list on /laporan/ (EvaluationQuerySet.published), newest first.
            models.Index(
                fields=["-year", "-semester"],
                condition=Q(published_at__isnull=False),
                name="evaluation_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instansi} · {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:evaluation_detail", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        return _("Semester %(n)s tahun %(year)s") % {"n": self.semester, "year": self.year}
