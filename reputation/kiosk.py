"""What a kiosk may send, and how fast (SPEC R2: every rating recorded, none lost).

Two kinds of kiosk rating arrive:

- *live*: made in the last KIOSK_LIVE_SECONDS (the page's own form, or the script sending at
  once). They share a fixed per-minute window of KIOSK_LIMIT_PER_MINUTE accepted ratings per
  kiosk; a refused request takes no place and never pushes the window's end back, so whatever
  was refused goes through in the next minute.
- *queued*: made earlier, kept by the script while the network was down. They come in batches
  of at most KIOSK_BATCH and skip the per-minute window (a long outage's queue would never
  drain through it); they count, like the live ones, towards KIOSK_LIMIT_PER_DAY ratings per
  kiosk per day, the bound on what one token can add to a service's score.

A resent rating (its idempotency key is recorded) is answered `ok` and takes no place at all.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from accounts.throttle import window_take
from reputation import services
from reputation.forms import KioskRatingForm
from reputation.models import KioskToken, Rating, local_day

KIOSK_LIMIT_PER_MINUTE = 20
KIOSK_LIMIT_PER_DAY = 1500
KIOSK_BATCH = 50
KIOSK_LIVE_SECONDS = 120

OK = "ok"
RETRY = "retry"  # not now: send again later
INVALID = "invalid"  # never acceptable: the script drops it


def _is_queued(when: datetime.datetime | None, now: datetime.datetime) -> bool:
    return when is not None and when < now - datetime.timedelta(seconds=KIOSK_LIVE_SECONDS)


def kiosk_intake(*, kiosk: KioskToken, forms: list[KioskRatingForm]) -> list[str]:
    """Record what may be recorded of these kiosk ratings; one answer per form, in order."""
    now = timezone.now()
    valid = [f for f in forms if f.is_valid()]
    keys = [f.cleaned_data["kunci"] for f in valid]
    recorded = set(
        Rating.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True)
    )
    days = {local_day(min(f.cleaned_data.get("waktu") or now, now)) for f in valid}
    per_day: dict[datetime.date, int] = dict(
        Rating.objects.filter(kiosk=kiosk, day__in=days)
        .values_list("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    answers: list[str] = []
    for form in forms:
        if not form.is_valid():
            answers.append(INVALID)
            continue
        data: dict[str, Any] = form.cleaned_data
        if data["kunci"] in recorded:
            answers.append(OK)
            continue
        when = data.get("waktu")
        day = local_day(min(when or now, now))
        if per_day.get(day, 0) >= KIOSK_LIMIT_PER_DAY:
            # The rating counts for its own day: a past day that is full stays full.
            answers.append(RETRY if day == local_day(now) else INVALID)
            continue
        if not _is_queued(when, now) and not window_take(
            f"rating:kiosk:{kiosk.pk}", period=60, limit=KIOSK_LIMIT_PER_MINUTE
        ):
            answers.append(RETRY)
            continue
        try:
            services.rating_submit(
                user=None,
                service=kiosk.service or data["layanan"],
                satisfied=data["puas"],
                stars=data["bintang"],
                comment=data["komentar"],
                idempotency_key=data["kunci"],
                kiosk=kiosk,
                rated_at=when,
            )
        except ValidationError:
            answers.append(INVALID)
            continue
        recorded.add(data["kunci"])
        per_day[day] = per_day.get(day, 0) + 1
        answers.append(OK)
    return answers
