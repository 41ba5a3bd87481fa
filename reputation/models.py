"""Ratings of public services (seed 000, SPEC R1-R5).

A Rating is one citizen's puas / tidak puas on one service, with optional stars and comment.
Every rating is kept: moderation hides a comment, never the score. `RatingDay` holds the
per-service, per-day counters the public pages read; the write path bumps them atomically
in the same transaction as the INSERT, so they are exact however many ratings arrive at once.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standards.models import Agency, Service


class Channel(models.TextChoices):
    WEB = "web", _("Situs (halaman layanan atau QR)")
    KIOSK = "kios", _("Kios di loket")


class CommentStatus(models.TextChoices):
    NONE = "", _("Tanpa komentar")
    APPROVED = "tampil", _("Tampil")
    HELD = "ditahan", _("Ditahan untuk moderasi")
    HIDDEN = "disembunyikan", _("Disembunyikan")


class KioskTokenQuerySet(models.QuerySet["KioskToken"]):
    def active(self) -> KioskTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class KioskToken(models.Model):
    """A tablet at a counter: bound to one agency (and optionally one of its services)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="kiosk_tokens", verbose_name=_("OPD")
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kiosk_tokens",
        verbose_name=_("layanan"),
    )
    name = models.CharField(_("nama kios"), max_length=100)
    token = models.CharField(max_length=43, unique=True, editable=False)
    created_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    objects = KioskTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("token kios")
        verbose_name_plural = _("token kios")
        ordering = ["agency__name", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class RatingQuerySet(models.QuerySet["Rating"]):
    def public_comments(self) -> RatingQuerySet:
        return self.filter(comment_status=CommentStatus.APPROVED).exclude(comment="")


class Rating(models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("layanan")
    )
    satisfied = models.BooleanField(_("puas"))
    stars = models.PositiveSmallIntegerField(_("bintang"), null=True, blank=True)
    comment = models.TextField(_("komentar"), max_length=500, blank=True)
    comment_status = models.CharField(
        _("status komentar"),
        max_length=15,
        choices=CommentStatus.choices,
        default=CommentStatus.NONE,
        blank=True,
    )
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    kiosk = models.ForeignKey(
        KioskToken, on_delete=models.SET_NULL, null=True, blank=True, related_name="ratings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ratings",
    )
    # "u:<user id>" or "b:<browser token>": one rating per person per service per day
    # (000:Pasal 3c). Empty for kiosk ratings, which a per-minute limit guards instead.
    # Never shown anywhere; kept only for that constraint.
    voter_key = models.CharField(max_length=80, blank=True, editable=False)
    day = models.DateField(_("tanggal"), db_index=True)
    rated_at = models.DateTimeField(_("waktu penilaian"))
    received_at = models.DateTimeField(_("diterima server"), default=timezone.now)
    idempotency_key = models.UUIDField(unique=True, editable=False)

    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("alasan disembunyikan"), max_length=300, blank=True)
    reply = models.TextField(_("tanggapan OPD"), max_length=1000, blank=True)
    reply_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reply_at = models.DateTimeField(null=True, blank=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian")
        verbose_name_plural = _("penilaian")
        ordering = ["-rated_at"]
        indexes = [
            models.Index(fields=["service", "-rated_at"], name="rating_service_recent"),
            # The latest shown comments of an agency's services (recent_comments): only the
            # few rows with a shown comment, not every rating of a busy service.
            models.Index(
                fields=["service", "-rated_at"],
                condition=Q(comment_status="tampil") & ~Q(comment=""),
                name="rating_shown_comment_recent",
            ),
            # Comments waiting for moderation, counted on every official's dashboard.
            models.Index(
                fields=["service"],
                condition=Q(comment_status="ditahan"),
                name="rating_held_comment",
            ),
            # A kiosk's ratings of one day, counted against its daily cap (reputation.kiosk).
            models.Index(fields=["kiosk", "day"], name="rating_kiosk_day"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__isnull=True) | Q(stars__gte=1, stars__lte=5),
                name="rating_stars_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["service", "voter_key", "day"],
                condition=~Q(voter_key=""),
                name="rating_one_per_person_service_day",
            ),
            models.CheckConstraint(
                condition=Q(channel="kios", kiosk__isnull=False) | ~Q(channel="kios"),
                name="rating_kiosk_channel_has_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {'+' if self.satisfied else '-'} {self.rated_at:%Y-%m-%d}"


class RatingDay(models.Model):
    """Counters of one service on one day; bumped in the rating's own transaction."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="rating_days")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="rating_days")
    day = models.DateField()
    total = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    stars_sum = models.PositiveIntegerField(default=0)
    stars_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "day"], name="ratingday_service_day"),
            models.CheckConstraint(
                condition=Q(satisfied__lte=models.F("total")), name="ratingday_satisfied_le_total"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "day"], name="ratingday_agency_day"),
            # Covering: a service's (or an agency's services') sums over a period are read
            # from the index alone, without visiting the table.
            models.Index(
                fields=["service", "day"],
                include=["agency", "total", "satisfied", "stars_sum", "stars_count"],
                name="ratingday_service_day_sums",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.day}: {self.satisfied}/{self.total}"


class ModerationAction(models.TextChoices):
    HIDE = "sembunyikan", _("Disembunyikan")
    APPROVE = "tampilkan", _("Ditampilkan")
    REPLY = "tanggapi", _("Ditanggapi")


class ModerationLog(models.Model):
    """Who did what to a comment, and why (append-only)."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="moderation_logs")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=15, choices=ModerationAction.choices)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.rating_id} {self.action} {self.at:%Y-%m-%d}"


class AlertThreshold(models.Model):
    """An OPD's own floor: tell its officials when a service's satisfaction falls below it."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="rating_threshold")
    percent = models.PositiveSmallIntegerField(_("batas kepuasan (%)"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=1, percent__lte=100), name="threshold_percent_1_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} < {self.percent}%"


class ThresholdAlert(models.Model):
    """One notice per service per day at most (the unique row claims it)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "day"], name="thresholdalert_service_day")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.day}"


class WarningLevel(models.TextChoices):
    LISAN = "lisan", _("Teguran lisan")
    TERTULIS = "tertulis", _("Teguran tertulis")


class AgencyWarningQuerySet(models.QuerySet["AgencyWarning"]):
    def visible_to(self, user: Any) -> AgencyWarningQuerySet:
        from accounts.permissions import Action, agencies_where

        q_warn = agencies_where(user, Action.WARN_AGENCY)
        q_own = agencies_where(user, Action.VIEW_DASHBOARD)
        allowed = [q for q in (q_warn, q_own) if q is not None]
        if not allowed:
            return self.none()
        q = allowed[0]
        for extra in allowed[1:]:
            q |= extra
        return self.filter(agency__in=Agency.objects.filter(q))


class AgencyWarning(models.Model):
    """An administrative sanction on an OPD not running the system (000:Pasal 9)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="rating_warnings", verbose_name=_("OPD")
    )
    level = models.CharField(_("jenis teguran"), max_length=10, choices=WarningLevel.choices)
    date = models.DateField(_("tanggal"))
    reason = models.TextField(_("alasan"), max_length=1000)
    officer_warned = models.CharField(_("pejabat yang ditegur"), max_length=150)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AgencyWarningQuerySet.as_manager()

    class Meta:
        verbose_name = _("teguran administratif")
        verbose_name_plural = _("teguran administratif")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.level} {self.date}"


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()
