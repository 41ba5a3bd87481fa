"""SKM surveys, their responses and the follow-up plan (003:Pasal 23; SPEC K1-K3).

A Survey covers one service, or an agency over all its services, for one period. Responses
never carry a name; a respondent is recognised only by a one-way key (of a signed browser
token or of the account) so that one person answers once per survey.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standards.models import Agency, Service
from surveys.questionnaire import UNSUR_BY_NUMBER, AgeBand, Education, Gender, Occupation


class PeriodKind(models.TextChoices):
    YEAR = "tahun", _("Tahun")
    SEMESTER = "semester", _("Semester")
    RANGE = "rentang", _("Rentang tanggal")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Dibuka")
    CLOSED = "closed", _("Ditutup")
    PUBLISHED = "published", _("Dipublikasikan")


class ReportStatus(models.TextChoices):
    NONE = "none", _("Belum dibuat")
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang dibuat")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class SurveyQuerySet(models.QuerySet["Survey"]):
    def with_related(self) -> SurveyQuerySet:
        return self.select_related("agency", "service", "service__agency")

    def visible_to(self, user: Any) -> SurveyQuerySet:
        """Surveys an official sees on the officer pages: those of agencies under any of
        their roles. Changing one also needs MANAGE_SURVEYS (selectors.get_survey_for_user)."""
        from accounts.permissions import Action, agencies_where

        q = agencies_where(user, Action.VIEW_DASHBOARD)
        if q is None:
            return self.none()
        return self.filter(agency__in=Agency.objects.filter(q))

    def published(self) -> SurveyQuerySet:
        return self.filter(status=SurveyStatus.PUBLISHED)

    def answerable(self) -> SurveyQuerySet:
        return self.filter(status=SurveyStatus.OPEN)

    def public(self) -> SurveyQuerySet:
        """Surveys anyone may see: open for answers, or with published results."""
        return self.filter(status__in=[SurveyStatus.OPEN, SurveyStatus.PUBLISHED])


class Survey(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("penyelenggara")
    )
    # Empty: the agency's survey over all its services.
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="surveys",
        null=True,
        blank=True,
        verbose_name=_("jenis pelayanan"),
    )
    title = models.CharField(_("judul"), max_length=200)
    period_kind = models.CharField(
        _("jenis periode"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    population = models.PositiveIntegerField(
        _("populasi"), help_text=_("Jumlah penerima layanan dalam periode ini.")
    )
    # Krejcie-Morgan sample of the population (surveys.ikm.sample_size), set by the services.
    sample_size = models.PositiveIntegerField(_("sampel minimal"))
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    published_at = models.DateTimeField(_("dipublikasikan"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    report_status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.NONE
    )
    report_progress = models.PositiveSmallIntegerField(default=0)
    report_file = models.FileField(upload_to="skm/", blank=True)
    report_generated_at = models.DateTimeField(null=True, blank=True)
    # When the head of region and Bagian Organisasi were told (once per survey).
    published_notice_at = models.DateTimeField(null=True, blank=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survei kepuasan masyarakat")
        verbose_name_plural = _("survei kepuasan masyarakat")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="survey_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(report_progress__lte=100), name="survey_report_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(status="published", published_at__isnull=False)
                | ~Q(status="published"),
                name="survey_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["agency", "period_end"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:answer", kwargs={"pk": self.pk})

    def get_results_url(self) -> str:
        return reverse("surveys:results", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def is_published(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED

    @property
    def scope_name(self) -> str:
        return self.service.name if self.service_id else self.agency.name


class ResponseChannel(models.TextChoices):
    WEB = "web", _("Halaman layanan")
    QR = "qr", _("Poster QR")
    KIOSK = "kiosk", _("Kios")
    COMPLAINT = "pengaduan", _("Setelah pengaduan selesai")


class SuggestionStatus(models.TextChoices):
    NONE = "none", _("Tanpa saran")
    PENDING = "pending", _("Menunggu moderasi")
    APPROVED = "approved", _("Ditampilkan")
    REJECTED = "rejected", _("Tidak ditampilkan")


def _answer_field(number: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(str(UNSUR_BY_NUMBER[number].name))


class Response(models.Model):
    """One respondent's answers. No name; never shown row by row to the public."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    u1 = _answer_field(1)
    u2 = _answer_field(2)
    u3 = _answer_field(3)
    u4 = _answer_field(4)
    u5 = _answer_field(5)
    u6 = _answer_field(6)
    u7 = _answer_field(7)
    u8 = _answer_field(8)
    u9 = _answer_field(9)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    age_band = models.CharField(_("usia"), max_length=6, choices=AgeBand.choices)
    education = models.CharField(_("pendidikan"), max_length=10, choices=Education.choices)
    occupation = models.CharField(_("pekerjaan"), max_length=10, choices=Occupation.choices)
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("layanan yang diterima"),
    )
    served_on = models.DateField(_("tanggal layanan"))
    suggestion = models.TextField(_("saran"), max_length=1000, blank=True)
    suggestion_status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.NONE
    )
    channel = models.CharField(max_length=10, choices=ResponseChannel.choices)
    # sha256 of the signed browser token or of the account: one response per person.
    respondent_key = models.CharField(max_length=64, blank=True)
    # The form's one-time key: a resubmit after a dropped connection finds its first row.
    idempotency_key = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"u{n}__gte": 1, f"u{n}__lte": 4}),
                    name=f"response_u{n}_between_1_and_4",
                )
                for n in range(1, 10)
            ),
            models.UniqueConstraint(
                fields=["survey", "respondent_key"],
                condition=~Q(respondent_key=""),
                name="response_one_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "idempotency_key"], name="response_idempotency_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(suggestion="", suggestion_status="none")
                | (~Q(suggestion="") & ~Q(suggestion_status="none")),
                name="response_suggestion_status_matches",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.survey_id})"

    def answers(self) -> list[int]:
        return [getattr(self, f"u{n}") for n in range(1, 10)]


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "progress", _("Sedang dikerjakan")
    DONE = "done", _("Selesai")


class FollowUpItemQuerySet(models.QuerySet["FollowUpItem"]):
    def past_due(self, today: Any) -> FollowUpItemQuerySet:
        return self.exclude(status=FollowUpStatus.DONE).filter(due_date__lt=today)


class FollowUpItem(models.Model):
    """One line of the rencana tindak lanjut for a weak unsur (003:Pasal 23(13))."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="followups")
    unsur = models.PositiveSmallIntegerField(_("unsur"))
    action = models.TextField(_("rencana tindak lanjut"), max_length=1000)
    owner = models.CharField(_("penanggung jawab"), max_length=200)
    due_date = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = FollowUpItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unsur__gte=1, unsur__lte=9), name="followup_unsur_between_1_and_9"
            ),
        ]

    def __str__(self) -> str:
        return f"U{self.unsur}: {self.action[:40]}"

    @property
    def unsur_name(self) -> str:
        return str(UNSUR_BY_NUMBER[self.unsur].name)
