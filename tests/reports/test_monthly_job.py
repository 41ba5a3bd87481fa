"""The monthly job (SPEC C17; 001:Pasal 9(2)): the rekap of the previous month built once on
the 1st, reminders on the 8th, lateness after the 10th, sign-off by the Kepala."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from config.schedule import BEAT_SCHEDULE
from notices.models import Notification
from reports import services
from reports.models import Rekap, RekapObligation
from tests.personas import ReportWorld, local

pytestmark = pytest.mark.django_db


def test_the_beat_schedule_runs_the_monthly_rekap_job():
    """SPEC C17: the job is declared in the one beat schedule."""
    assert any(e["task"] == "reports.tasks.rekap_monthly" for e in BEAT_SCHEDULE.values())


def test_first_of_the_month_builds_each_agency_rekap_of_the_previous_month_once(
    world: ReportWorld,
):
    """SPEC C17: run twice on the 1st and again late on the 3rd: one version per agency."""
    world.item(at=local(2026, 11, 12, 9))
    first = services.rekap_monthly_run(now=local(2026, 12, 1, 0, 5))
    second = services.rekap_monthly_run(now=local(2026, 12, 1, 1, 5))
    late = services.rekap_monthly_run(now=local(2026, 12, 3, 10))
    assert len(first.built) == 3  # dinas, pdam, inspektorat
    assert second.built == [] and late.built == []
    rekaps = Rekap.objects.filter(year=2026, month=11)
    assert rekaps.count() == 3
    assert set(rekaps.values_list("version", flat=True)) == {1}
    assert rekaps.get(agency=world.dinas).row_count == 1
    assert RekapObligation.objects.filter(year=2026, month=11).count() == 3


def test_a_run_that_first_happens_late_still_builds_the_month_once(world: ReportWorld):
    """SPEC C17: beat was down on the 1st; the run of the 4th builds November, once."""
    result = services.rekap_monthly_run(now=local(2026, 12, 4, 15))
    assert len(result.built) == 3
    assert services.rekap_monthly_run(now=local(2026, 12, 4, 16)).built == []


def test_reminders_go_on_the_8th_once_to_the_kepala_of_agencies_that_have_not_signed(
    world: ReportWorld,
):
    """SPEC C17: reminders on the 8th to those who have not submitted, once."""
    services.rekap_monthly_run(now=local(2026, 12, 1, 0, 5))
    signed = Rekap.objects.get(agency=world.pdam, year=2026, month=11)
    services.rekap_sign(user=world.users["kepala.pdam"], rekap_id=signed.pk, now=local(2026, 12, 2))
    assert services.rekap_monthly_run(now=local(2026, 12, 7, 10)).reminded == 0
    result = services.rekap_monthly_run(now=local(2026, 12, 8, 7))
    again = services.rekap_monthly_run(now=local(2026, 12, 8, 8))
    # The Kepala of the dinas and of the Inspektorat; the PDAM has signed.
    assert result.reminded == 2 and again.reminded == 0
    reminded = set(
        Notification.objects.filter(title__startswith="Rekapitulasi November").values_list(
            "user__username", flat=True
        )
    )
    assert reminded == {"kepala.dpu", "inspektur"}


def test_lateness_is_recorded_after_the_10th_and_counted_per_agency(world: ReportWorld):
    """SPEC C17 (001:Pasal 9(2)): not submitted by the 10th is late; signing later stays late."""
    services.rekap_monthly_run(now=local(2026, 12, 1, 0, 5))
    on_time = Rekap.objects.get(agency=world.pdam, year=2026, month=11)
    services.rekap_sign(
        user=world.users["kepala.pdam"], rekap_id=on_time.pk, now=local(2026, 12, 10, 23)
    )
    assert services.rekap_monthly_run(now=local(2026, 12, 10, 23, 30)).marked_late == 0
    assert services.rekap_monthly_run(now=local(2026, 12, 11, 0, 30)).marked_late == 2
    late = Rekap.objects.get(agency=world.dinas, year=2026, month=11)
    services.rekap_sign(user=world.users["kepala.dpu"], rekap_id=late.pk, now=local(2026, 12, 15))
    obligations = {o.agency_id: o for o in RekapObligation.objects.filter(year=2026, month=11)}
    assert obligations[world.pdam.pk].is_late is False
    assert obligations[world.dinas.pk].is_late is True
    assert obligations[world.dinas.pk].submitted_at == local(2026, 12, 15)


def test_the_kepala_signs_and_the_checksum_of_the_file_is_kept(world: ReportWorld):
    """SPEC C17: who, when and the checksum of the signed PDF."""
    rekap = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    signed = services.rekap_sign(
        user=world.users["kepala.dpu"], rekap_id=rekap.pk, now=local(2026, 12, 5, 9)
    )
    assert signed.signed_by == world.users["kepala.dpu"]
    assert signed.signed_at == local(2026, 12, 5, 9)
    assert signed.signed_sha256 == rekap.pdf_sha256


def test_a_rebuild_after_sign_off_is_a_new_unsigned_version(world: ReportWorld):
    """SPEC C17: a signed rekap never changes silently."""
    rekap = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    services.rekap_sign(user=world.users["kepala.dpu"], rekap_id=rekap.pk)
    world.item(at=local(2026, 11, 20, 9))
    newer = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    rekap.refresh_from_db()
    assert rekap.is_signed and rekap.row_count == 0
    assert newer.version == 2 and not newer.is_signed and newer.row_count == 1
    with pytest.raises(ValidationError):
        services.rekap_sign(user=world.users["kepala.dpu"], rekap_id=rekap.pk)


def test_only_the_kepala_of_the_agency_may_sign(world: ReportWorld):
    """SPEC C17: SIGN_REPORT through user_can: not the Penghubung, not the secretariat, not
    the Kepala of another OPD."""
    rekap = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    for key in ["penghubung.dpu", "sekretariat", "kepala.pdam", "sekda", "warga"]:
        with pytest.raises(PermissionDenied):
            services.rekap_sign(user=world.users[key], rekap_id=rekap.pk)


def test_a_tampered_file_cannot_be_signed(world: ReportWorld):
    """SPEC C17: the stored file must match its checksum when signed. The database refuses
    the rewrite (standards.appendonly); tampering here goes around its trigger, as only the
    table's owner could."""
    rekap = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        Rekap.objects.filter(pk=rekap.pk).update(pdf=b"%PDF-1.7 lain")
        cursor.execute("SET LOCAL session_replication_role = origin")
    with pytest.raises(ValidationError):
        services.rekap_sign(user=world.users["kepala.dpu"], rekap_id=rekap.pk)


def test_an_agency_whose_build_fails_is_tried_again_and_does_not_hold_up_the_others(
    world: ReportWorld, monkeypatch
):
    """SPEC C17: a failed build leaves no duty row behind, so the next run builds it."""
    real = services.rekap_build

    def flaky(**kwargs):
        if kwargs["agency"] == world.pdam:
            raise OSError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services, "rekap_build", flaky)
    first = services.rekap_monthly_run(now=local(2026, 12, 1, 0, 5))
    assert first.failed == [world.pdam.pk] and len(first.built) == 2
    monkeypatch.setattr(services, "rekap_build", real)
    second = services.rekap_monthly_run(now=local(2026, 12, 1, 1, 5))
    assert len(second.built) == 1 and second.failed == []
    assert Rekap.objects.filter(year=2026, month=11).count() == 3
