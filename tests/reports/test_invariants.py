"""The database refuses an impossible Rekapitulasi, obligation, rebuild job or evaluation.

Each case writes one bad row with `bulk_create()` or one bad value with `update()`, which
skip every Python check, and expects PostgreSQL to refuse it by the constraint's name. The
Rekapitulasi is append-only (a trigger refuses UPDATE), so its cases insert.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from reports.models import Evaluation, JobStatus, Rekap, RekapJob, RekapObligation, due_at
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def refuses(constraint: str, write: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        write()


def _rekap(agency: Any, **values: Any) -> Rekap:
    fields: dict[str, Any] = {
        "agency": agency,
        "year": 2026,
        "month": 11,
        "version": 1,
        "row_count": 0,
        "pdf": b"%PDF",
        "xlsx": b"PK",
        "pdf_sha256": "a" * 64,
        "xlsx_sha256": "b" * 64,
    }
    return Rekap(**(fields | values))


def test_a_rekap_version_is_once_per_month_of_a_real_month_and_signed_whole() -> None:
    """SPEC C17: one row per agency, month and version; months 1-12; a signature names who,
    when and the checksum of the very PDF, or nothing at all."""
    opd = AgencyFactory.opd()
    Rekap.objects.bulk_create([_rekap(opd)])
    refuses("rekap_version_unique", lambda: Rekap.objects.bulk_create([_rekap(opd)]))
    refuses("rekap_month", lambda: Rekap.objects.bulk_create([_rekap(opd, month=13)]))
    half_signed = _rekap(opd, version=2, signed_at=timezone.now())
    refuses(
        "rekap_signature_complete_and_matches_file",
        lambda: Rekap.objects.bulk_create([half_signed]),
    )
    other_file = _rekap(
        opd, version=3, signed_by=UserFactory(), signed_at=timezone.now(), signed_sha256="c" * 64
    )
    refuses(
        "rekap_signature_complete_and_matches_file",
        lambda: Rekap.objects.bulk_create([other_file]),
    )


def test_an_obligation_is_once_per_agency_and_real_month() -> None:
    """SPEC C17: the monthly job creates one obligation per agency and month."""
    opd = AgencyFactory.opd()
    RekapObligation.objects.create(agency=opd, year=2026, month=11, due_at=due_at(2026, 11))
    twin = RekapObligation(agency=opd, year=2026, month=11, due_at=due_at(2026, 11))
    refuses("rekap_obligation_once_per_month", lambda: RekapObligation.objects.bulk_create([twin]))
    bad = RekapObligation(agency=opd, year=2026, month=0, due_at=due_at(2026, 11))
    refuses("rekap_obligation_month", lambda: RekapObligation.objects.bulk_create([bad]))


def test_a_rebuild_job_never_passes_its_total_and_is_in_a_known_state() -> None:
    """SPEC C17: a rebuild's progress page reads done of total in a state it knows."""
    job = RekapJob.objects.create(
        requested_by=UserFactory(), year=2026, month=11, total=2, status=JobStatus.RUNNING
    )
    refuses("job_progress", lambda: RekapJob.objects.filter(pk=job.pk).update(done=3))
    refuses(
        "rekap_job_status_valid",
        lambda: RekapJob.objects.filter(pk=job.pk).update(status="paused"),
    )


def test_an_evaluation_is_once_per_semester_of_two() -> None:
    """SPEC C16: one evaluation per instansi and semester, semester 1 or 2."""
    instansi = AgencyFactory()
    fields = {"instansi": instansi, "year": 2026, "causes": "-", "corrective_actions": "-"}
    Evaluation.objects.create(semester=1, **fields)
    refuses(
        "evaluation_once_per_semester",
        lambda: Evaluation.objects.bulk_create([Evaluation(semester=1, **fields)]),
    )
    refuses(
        "evaluation_semester",
        lambda: Evaluation.objects.bulk_create([Evaluation(semester=3, **fields)]),
    )


def test_every_constraint_of_the_reports_app_has_a_case_here() -> None:
    declared = {
        c.name
        for model in apps.get_app_config("reports").get_models()
        for c in model._meta.constraints
        if isinstance(c, models.CheckConstraint | models.UniqueConstraint)
    }
    assert declared == {
        "rekap_version_unique",
        "rekap_month",
        "rekap_signature_complete_and_matches_file",
        "rekap_obligation_once_per_month",
        "rekap_obligation_month",
        "job_progress",
        "rekap_job_status_valid",
        "evaluation_once_per_semester",
        "evaluation_semester",
    }
