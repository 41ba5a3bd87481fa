"""Every write of the reputation app (STYLE.md 1): ratings, kiosks, moderation, warnings."""

from __future__ import annotations

import datetime
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import Action, user_can
from reputation import notify
from reputation.models import (
    AgencyWarning,
    AlertThreshold,
    Channel,
    CommentStatus,
    KioskToken,
    ModerationAction,
    ModerationLog,
    Rating,
    RatingDay,
    WarningLevel,
    local_day,
)
from reputation.moderation import clean_comment, needs_moderation
from reputation.scoring import min_ratings
from standards.models import Agency, Service, Tier

# A kiosk that was offline may send ratings this old; older ones are refused.
KIOSK_MAX_AGE = datetime.timedelta(days=7)
THRESHOLD_WINDOW_DAYS = 30


class AlreadyRated(Exception):
    """This person rated this service today already (000:Pasal 3c)."""


@dataclass(frozen=True)
class Submitted:
    rating: Rating
    created: bool  # False when the idempotency key found the rating a first submit made


def opd_of(service: Service) -> Agency:
    """The OPD a service's ratings count for: a unit's ratings count for its OPD."""
    agency = service.agency
    if agency.tier == Tier.UNIT and agency.parent is not None:
        return agency.parent
    return agency


_BUMP_SQL = """
INSERT INTO reputation_ratingday
    (service_id, agency_id, day, total, satisfied, stars_sum, stars_count)
VALUES (%s, %s, %s, 1, %s, %s, %s)
ON CONFLICT (service_id, day) DO UPDATE SET
    total = reputation_ratingday.total + 1,
    satisfied = reputation_ratingday.satisfied + EXCLUDED.satisfied,
    stars_sum = reputation_ratingday.stars_sum + EXCLUDED.stars_sum,
    stars_count = reputation_ratingday.stars_count + EXCLUDED.stars_count
"""


def _bump_counters(rating: Rating, opd: Agency) -> None:
    """One atomic upsert: concurrent ratings of the same service and day never lose a count."""
    with connection.cursor() as cursor:
        cursor.execute(
            _BUMP_SQL,
            [
                rating.service_id,
                opd.pk,
                rating.day,
                int(rating.satisfied),
                rating.stars or 0,
                1 if rating.stars else 0,
            ],
        )


def rating_submit(
    *,
    user: Any,
    service: Service,
    satisfied: bool,
    idempotency_key: uuid.UUID,
    stars: int | None = None,
    comment: str = "",
    voter_key: str = "",
    kiosk: KioskToken | None = None,
    rated_at: datetime.datetime | None = None,
) -> Submitted:
    """Record one rating and bump the service's day counters in one transaction (SPEC R2).

    A second call with the same idempotency key returns the first rating (a double tap, a
    resubmit after a dropped connection). A logged-in user's key is their account; a visitor's
    is the signed browser token the view passes as `voter_key`. Raises AlreadyRated when that
    person rated this service today; ValidationError on bad stars or a stale kiosk time.
    `rated_at` is when the rating was made, if earlier than now: a kiosk's offline queue (at
    most KIOSK_MAX_AGE back) or the demo seed; the web rating page never passes it.
    """
    existing = Rating.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return Submitted(existing, False)
    if stars is not None and not 1 <= stars <= 5:
        raise ValidationError(_("Bintang harus 1 sampai 5."))
    now = timezone.now()
    when = now if rated_at is None else min(rated_at, now)
    if kiosk is not None and when < now - KIOSK_MAX_AGE:
        raise ValidationError(_("Penilaian ini terlalu lama tersimpan di kios."))
    if getattr(user, "is_authenticated", False):
        voter_key = f"u:{user.pk}"
    if kiosk is not None:
        voter_key = ""
    text = clean_comment(comment)
    status = CommentStatus.NONE
    if text:
        status = CommentStatus.HELD if needs_moderation(text) else CommentStatus.APPROVED
    rating = Rating(
        service=service,
        satisfied=satisfied,
        stars=stars,
        comment=text,
        comment_status=status,
        channel=Channel.KIOSK if kiosk is not None else Channel.WEB,
        kiosk=kiosk,
        user=user if getattr(user, "is_authenticated", False) else None,
        voter_key=voter_key,
        day=local_day(when),
        rated_at=when,
        received_at=now,
        idempotency_key=idempotency_key,
    )
    opd = opd_of(service)
    try:
        with transaction.atomic():
            rating.save(force_insert=True)
            _bump_counters(rating, opd)
            if kiosk is not None:
                KioskToken.objects.filter(pk=kiosk.pk).update(last_used_at=now)
            if not satisfied:
                _check_threshold(service=service, opd=opd, today=local_day(now))
    except IntegrityError:
        existing = Rating.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return Submitted(existing, False)
        raise AlreadyRated from None
    return Submitted(rating, True)


def _check_threshold(*, service: Service, opd: Agency, today: datetime.date) -> None:
    """Tell the OPD once a day when the service's 30-day satisfaction is below its floor."""
    threshold = AlertThreshold.objects.filter(agency=opd).only("percent").first()
    if threshold is None:
        return
    since = today - datetime.timedelta(days=THRESHOLD_WINDOW_DAYS - 1)
    sums = RatingDay.objects.filter(service=service, day__gte=since).aggregate(
        total=Sum("total"), satisfied=Sum("satisfied")
    )
    total = sums["total"] or 0
    if total < min_ratings():
        return
    percent = 100 * (sums["satisfied"] or 0) / total
    if percent >= threshold.percent:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reputation_thresholdalert (service_id, day, percent) VALUES (%s, %s, %s) "
            "ON CONFLICT (service_id, day) DO NOTHING RETURNING id",
            [service.pk, today, round(percent, 2)],
        )
        claimed = cursor.fetchone() is not None
    if claimed:
        notify.threshold_fallen(
            service=service, opd=opd, percent=percent, threshold=threshold.percent
        )


def _require(user: Any, action: str, obj: Any) -> None:
    if not user_can(user, action, obj):
        raise PermissionDenied


# ---------------------------------------------------------------------------------------------
# Kiosks


@transaction.atomic
def kiosk_token_issue(
    *, user: Any, agency: Agency, name: str, service: Service | None = None
) -> KioskToken:
    """A new kiosk for `agency` (or one of its services); the caller may MANAGE_RATINGS."""
    _require(user, Action.MANAGE_RATINGS, agency)
    if service is not None and not service.agency.path.startswith(agency.path):
        raise ValidationError(_("Layanan itu bukan milik OPD ini."))
    return KioskToken.objects.create(
        agency=agency,
        service=service,
        name=name.strip()[:100],
        token=secrets.token_urlsafe(24),
        created_by=user,
    )


@transaction.atomic
def kiosk_token_revoke(*, user: Any, kiosk: KioskToken) -> KioskToken:
    _require(user, Action.MANAGE_RATINGS, kiosk.agency)
    updated = KioskToken.objects.filter(pk=kiosk.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user
    )
    if updated:
        kiosk.refresh_from_db()
    return kiosk


# ---------------------------------------------------------------------------------------------
# Moderation and replies: the score always stays; only the comment's visibility changes.


def _locked(rating: Rating) -> Rating:
    return Rating.objects.select_for_update().select_related("service__agency").get(pk=rating.pk)


@transaction.atomic
def comment_hide(*, user: Any, rating: Rating, reason: str) -> Rating:
    rating = _locked(rating)
    _require(user, Action.MANAGE_RATINGS, rating.service)
    reason = clean_comment(reason)[:300]
    if not reason:
        raise ValidationError(_("Tuliskan alasan menyembunyikan komentar."))
    rating.comment_status = CommentStatus.HIDDEN
    rating.hidden_by = user
    rating.hidden_reason = reason
    rating.save(update_fields=["comment_status", "hidden_by", "hidden_reason"])
    ModerationLog.objects.create(
        rating=rating, actor=user, action=ModerationAction.HIDE, reason=reason
    )
    return rating


@transaction.atomic
def comment_approve(*, user: Any, rating: Rating) -> Rating:
    rating = _locked(rating)
    _require(user, Action.MANAGE_RATINGS, rating.service)
    if not rating.comment:
        raise ValidationError(_("Penilaian ini tidak berkomentar."))
    rating.comment_status = CommentStatus.APPROVED
    rating.save(update_fields=["comment_status"])
    ModerationLog.objects.create(rating=rating, actor=user, action=ModerationAction.APPROVE)
    return rating


@transaction.atomic
def comment_reply(*, user: Any, rating: Rating, text: str) -> Rating:
    """The OPD's public reply to a comment (shown under it on the service page)."""
    rating = _locked(rating)
    _require(user, Action.MANAGE_RATINGS, rating.service)
    text = clean_comment(text)
    if not text:
        raise ValidationError(_("Tanggapan tidak boleh kosong."))
    rating.reply = text
    rating.reply_by = user
    rating.reply_at = timezone.now()
    rating.save(update_fields=["reply", "reply_by", "reply_at"])
    ModerationLog.objects.create(rating=rating, actor=user, action=ModerationAction.REPLY)
    return rating


@transaction.atomic
def threshold_set(*, user: Any, agency: Agency, percent: int) -> AlertThreshold:
    _require(user, Action.MANAGE_RATINGS, agency)
    if not 1 <= percent <= 100:
        raise ValidationError(_("Batas harus 1 sampai 100 persen."))
    row, _created = AlertThreshold.objects.update_or_create(
        agency=agency, defaults={"percent": percent, "set_by": user, "set_at": timezone.now()}
    )
    return row


# ---------------------------------------------------------------------------------------------
# Warnings (000:Pasal 9)


@transaction.atomic
def warning_issue(
    *,
    user: Any,
    agency: Agency,
    level: str,
    date: datetime.date,
    reason: str,
    officer_warned: str,
) -> AgencyWarning:
    """Record a teguran lisan or tertulis to an OPD; the caller may WARN_AGENCY over it.

    000:Pasal 9 orders the sanctions: a teguran tertulis only after a teguran lisan to the same
    OPD dated on or before it (ValidationError otherwise).
    """
    _require(user, Action.WARN_AGENCY, agency)
    if (
        level == WarningLevel.TERTULIS
        and not AgencyWarning.objects.filter(
            agency=agency, level=WarningLevel.LISAN, date__lte=date
        ).exists()
    ):
        raise ValidationError(
            _(
                "Teguran tertulis hanya dapat dicatat setelah OPD ini menerima teguran lisan "
                "(Pasal 9): catat teguran lisannya lebih dahulu."
            )
        )
    reason = clean_comment(reason)
    officer_warned = clean_comment(officer_warned)[:150]
    if not reason or not officer_warned:
        raise ValidationError(_("Alasan dan pejabat yang ditegur wajib diisi."))
    return AgencyWarning.objects.create(
        agency=agency,
        level=level,
        date=date,
        reason=reason[:1000],
        officer_warned=officer_warned,
        issued_by=user,
    )
