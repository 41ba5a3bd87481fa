"""Demo ratings for `manage.py seed_demo`: six months of ratings across the demo services, a
kiosk at Disdukcapil, a few comments (one held, one answered) and a warning from the Sekda.

Written through reputation.services; idempotent: every rating has a fixed idempotency key
(a second run finds the first one and writes nothing), the kiosk and the warning are found
by name and reason.
"""

from __future__ import annotations

import datetime
import random
import uuid

from django.utils import timezone

from accounts.models import User
from reputation import services
from reputation.models import AgencyWarning, KioskToken, Rating, WarningLevel
from standards.models import Agency, Service

_NAMESPACE = uuid.UUID("0e0a7a52-51b6-4a55-9c7e-2d1f3b7c9a10")
MONTHS = 6
SERVICES_PER_OPD = 2
EVERY_DAYS = 7  # one batch of ratings per service a week
# How satisfied each OPD's citizens are, on average; the rest get a middling 0.8.
_MOOD = {"disdukcapil": 0.86, "rsud-hadji-boejasin": 0.74, "dpmptsp": 0.91, "dishub": 0.62}
_COMMENTS_GOOD = [
    "Pelayanan cepat dan ramah.",
    "Antrean tertib, petugas sigap.",
    "Mudah, tanpa biaya.",
]
_COMMENTS_BAD = [
    "Antrean lama sekali.",
    "Petugas sering tidak di tempat.",
    "Informasi syarat kurang jelas.",
]
WARNING_REASON = "Layanan tanpa penilaian lebih dari 30 hari dan kios belum dipakai (demo)."


def _key(*parts: object) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts))


def load_demo_reputation() -> int:
    """Create the demo ratings, kiosk and warning; returns the number of ratings created."""
    per_opd: dict[int, list[Service]] = {}
    for service in (
        Service.objects.active()
        .select_related("agency", "agency__parent")
        .filter(agency__slug__in=[*_MOOD, "dinkes", "disdik", "dinsos", "bapenda", "disperkim"])
        .order_by("code")
    ):
        per_opd.setdefault(service.agency_id, []).append(service)
    # Two services per OPD keep the seed quick; the others show "Belum ada penilaian".
    services_ = [s for group in per_opd.values() for s in group[:SERVICES_PER_OPD]]
    created = 0
    if services_ and not Rating.objects.filter(idempotency_key=_key("first")).exists():
        created = _ratings(services_)
    _kiosk_and_warning()
    return created


def _ratings(services_: list[Service]) -> int:
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    created = 0
    first = True
    for service in services_:
        opd = service.agency.parent if service.agency.tier == "unit" else service.agency
        mood = _MOOD.get(opd.slug if opd else "", 0.8)
        for days_ago in range(MONTHS * 30, -1, -EVERY_DAYS):
            for n in range(rng.choice((0, 1, 1, 2, 2, 3))):
                satisfied = rng.random() < mood
                comment = ""
                if rng.random() < 0.08:
                    comment = rng.choice(_COMMENTS_GOOD if satisfied else _COMMENTS_BAD)
                key = _key("first") if first else _key(service.code, days_ago, n)
                first = False
                result = services.rating_submit(
                    user=None,
                    service=service,
                    satisfied=satisfied,
                    stars=rng.choice((4, 5)) if satisfied else rng.choice((1, 2, 3)),
                    comment=comment,
                    idempotency_key=key,
                    voter_key=f"b:demo-{service.code}-{days_ago}-{n}",
                    rated_at=now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 6)),
                )
                created += int(result.created)
    return created


def _kiosk_and_warning() -> None:
    dukcapil = Agency.objects.filter(slug="disdukcapil").first()
    penghubung = User.objects.filter(username="penghubung.dukcapil").first()
    kepala = User.objects.filter(username="kepala.dukcapil").first()
    if dukcapil and penghubung and not KioskToken.objects.filter(agency=dukcapil).exists():
        ktp = Service.objects.filter(agency=dukcapil).order_by("code").first()
        services.kiosk_token_issue(
            user=penghubung, agency=dukcapil, service=ktp, name="Loket 1 Disdukcapil"
        )
    if kepala:
        comment = (
            Rating.objects.public_comments()
            .filter(service__agency=dukcapil, satisfied=False, reply="")
            .order_by("rated_at")
            .first()
        )
        if (
            comment is not None
            and not Rating.objects.filter(service__agency=dukcapil).exclude(reply="").exists()
        ):
            services.comment_reply(
                user=kepala,
                rating=comment,
                text="Terima kasih atas masukannya; loket tambahan kami buka pada jam sibuk.",
            )
        held = Rating.objects.filter(service__agency=dukcapil, comment__contains="www.").exists()
        if not held:
            ktp = Service.objects.filter(agency=dukcapil).order_by("code").first()
            if ktp is not None:
                services.rating_submit(
                    user=None,
                    service=ktp,
                    satisfied=False,
                    comment="Calo menawarkan jasa, info di www.contoh-calo.example",
                    idempotency_key=_key("held"),
                    voter_key="b:demo-held",
                )
    sekda = User.objects.filter(username="pimpinan.sekda").first()
    dishub = Agency.objects.filter(slug="dishub").first()
    if sekda and dishub and not AgencyWarning.objects.filter(reason=WARNING_REASON).exists():
        services.warning_issue(
            user=sekda,
            agency=dishub,
            level=WarningLevel.LISAN,
            date=timezone.localdate() - datetime.timedelta(days=14),
            reason=WARNING_REASON,
            officer_warned="Kepala Dinas Perhubungan",
        )
