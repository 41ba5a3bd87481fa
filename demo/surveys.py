"""Demo SKM surveys for `manage.py seed_demo`, written through the surveys services.

- KTP-el (Disdukcapil), the last semester that is over (semester I of this year from July,
  semester II of last year before): enough responses for its sample, published, with moderated
  suggestions and a follow-up plan (one item past due, for the Kepala's panel).
- Rawat jalan (RSUD), the semester running today, open and well below its sample.

Whatever the date of the seed, no answer is dated after today and nothing is published
before its period ends.

Idempotent: a survey is found by agency and title; responses carry fixed idempotency keys.
"""

from __future__ import annotations

import datetime
import random
import uuid

from django.utils import timezone

from accounts.models import User
from standards.models import Service
from surveys import services
from surveys.models import FollowUpStatus, Response, Survey, SurveyStatus

_NAMESPACE = uuid.UUID("0e1c7a52-3f7b-4a59-8d0e-2b9f8e6a4c31")
_SUGGESTIONS = (
    "Tambah kursi di ruang tunggu.",
    "Jam layanan Sabtu sangat membantu, mohon dipertahankan.",
    "Nomor antrean sebaiknya bisa diambil lewat ponsel.",
    "Petugas ramah, tetapi blangko sering habis.",
)
_GENDERS = ("L", "P")
_AGES = ("lt20", "20-29", "30-39", "40-49", "50-59", "60+")
_EDUCATION = ("sd", "smp", "sma", "sma", "diploma", "s1")
_OCCUPATION = ("pns", "swasta", "wirausaha", "pelajar", "petani", "lainnya")
# Per unsur, the answers drawn from (weighted): U3 (waktu) is the weak one at Disdukcapil.
_PROFILE_KTP = (
    (3, 3, 4, 4),
    (3, 4, 4),
    (2, 2, 3, 3, 4),
    (4, 4, 4, 3),
    (3, 4),
    (3, 4, 4),
    (4, 4, 3),
    (2, 3, 3, 4),
    (3, 3, 4),
)
_PROFILE_RJ = ((3, 4), (3, 3, 2), (2, 3), (3, 4, 4), (3, 4), (4, 3), (3, 4), (3, 2), (2, 3, 3))


def _survey(
    *,
    officer: User,
    service: Service,
    title: str,
    start: datetime.date,
    end: datetime.date,
    population: int,
) -> tuple[Survey, bool]:
    existing = Survey.objects.filter(agency=service.agency, title=title).first()
    if existing is not None:
        return existing, False
    survey = services.survey_create(
        officer,
        agency=service.agency,
        service=service,
        title=title,
        period_kind="semester" if (end - start).days < 200 else "tahun",
        period_start=start,
        period_end=end,
        population=population,
    )
    survey = services.survey_set_status(officer, survey=survey, status=SurveyStatus.OPEN)
    return survey, True


def semesters(today: datetime.date) -> tuple[tuple[int, int], tuple[int, int]]:
    """(year, semester) of the last semester that is over and of the one running today."""
    if today.month >= 7:
        return (today.year, 1), (today.year, 2)
    return (today.year - 1, 2), (today.year, 1)


def _answer(survey: Survey, n: int, profile: tuple[tuple[int, ...], ...], key: str) -> None:
    rng = random.Random(key)  # noqa: S311 - demo data, reproducible on purpose
    today = timezone.localdate()
    span = max(0, (min(survey.period_end, today) - survey.period_start).days)
    for i in range(n):
        suggestion = _SUGGESTIONS[i % len(_SUGGESTIONS)] if i % 9 == 0 else ""
        services.response_submit(
            survey=survey,
            answers={u + 1: rng.choice(choices) for u, choices in enumerate(profile)},
            gender=rng.choice(_GENDERS),
            age_band=rng.choice(_AGES),
            education=rng.choice(_EDUCATION),
            occupation=rng.choice(_OCCUPATION),
            service=survey.service,
            served_on=min(
                today, survey.period_start + datetime.timedelta(days=rng.randint(0, span))
            ),
            suggestion=suggestion,
            channel=rng.choice(("web", "qr", "kiosk")),
            respondent_key="",
            idempotency_key=uuid.uuid5(_NAMESPACE, f"{key}:{i}"),
        )


def load_demo_surveys() -> int:
    """Create the demo surveys if missing; returns how many were created."""
    kepala = User.objects.filter(username="kepala.dukcapil").first()
    penghubung_rsud = User.objects.filter(username="penghubung.rsud").first()
    ktp = Service.objects.filter(code="dukcapil-ktp").select_related("agency").first()
    rawat_jalan = Service.objects.filter(code="rsud-rawat-jalan").select_related("agency").first()
    if kepala is None or penghubung_rsud is None or ktp is None or rawat_jalan is None:
        return 0
    created = 0
    (past_year, past_semester), (year, semester) = semesters(timezone.localdate())
    start, end = services.period_bounds(kind="semester", year=past_year, semester=past_semester)
    survey, new = _survey(
        officer=kepala,
        service=ktp,
        title=f"SKM KTP-el Semester {'I' * past_semester} {past_year}",
        start=start,
        end=end,
        population=120,
    )
    if new:
        created += 1
        _answer(survey, 96, _PROFILE_KTP, f"ktp-{past_year}-{past_semester}")
        for response in Response.objects.filter(survey=survey).exclude(suggestion="")[:3]:
            services.suggestion_moderate(kepala, response=response, approve=True)
        today = timezone.localdate()
        plan = (
            (
                3,
                "Menambah satu loket perekaman pada hari Senin dan Selasa.",
                "Kepala Bidang Dafduk",
                today - datetime.timedelta(days=10),
                FollowUpStatus.IN_PROGRESS,
            ),
            (
                3,
                "Menerbitkan jadwal pencetakan KTP-el di papan informasi dan situs web.",
                "Sekretaris Dinas",
                today + datetime.timedelta(days=45),
                FollowUpStatus.PLANNED,
            ),
            (
                8,
                "Menyediakan kotak saran dan membalas pengaduan dalam 5 hari kerja.",
                "Pejabat Penghubung",
                today - datetime.timedelta(days=60),
                FollowUpStatus.DONE,
            ),
        )
        for unsur, action, owner, due, status in plan:
            item = services.followup_add(
                kepala, survey=survey, unsur=unsur, action=action, owner=owner, due_date=due
            )
            if status != FollowUpStatus.PLANNED:
                services.followup_set_status(kepala, item=item, status=status)
        services.survey_set_status(kepala, survey=survey, status=SurveyStatus.CLOSED)
        services.survey_set_status(kepala, survey=survey, status=SurveyStatus.PUBLISHED)

    start, end = services.period_bounds(kind="semester", year=year, semester=semester)
    survey, new = _survey(
        officer=penghubung_rsud,
        service=rawat_jalan,
        title=f"SKM Rawat Jalan Semester {'I' * semester} {year}",
        start=start,
        end=end,
        population=1000,
    )
    if new:
        created += 1
        _answer(survey, 23, _PROFILE_RJ, f"rj-{year}-{semester}")
    return created
