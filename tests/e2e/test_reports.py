"""In a real browser: the Kepala signs the month's Rekapitulasi and downloads it; a visitor
reads and downloads the published semester evaluation (SPEC C16, C17)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reports import services
from reports.models import Rekap
from tests.factories import PASSWORD
from tests.personas import build_report_world, local

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots for a person to look at, when SHOTS_DIR is set.
SHOTS = os.environ.get("SHOTS_DIR", "")


def _log_in(page, username: str) -> None:
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/dasbor/")


def _shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_kepala_signs_the_rekap_and_downloads_it(desktop, tmp_path) -> None:
    """SPEC C17: sign-off in the portal by the Kepala; the signed file's checksum is kept."""
    world = build_report_world()
    world.item(at=local(2026, 11, 3, 9), response="Lampu sudah diganti.")
    rekap = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    page = desktop
    _log_in(page, "kepala.dpu")
    page.goto("/dasbor/laporan/rekap/?bulan=2026-11")
    assert page.get_by_text("Belum disampaikan", exact=True).is_visible()
    _shoot(page, "rekap-index-1366")
    page.get_by_role("link", name="v1 · 1 baris").click()
    page.wait_for_url(f"**/dasbor/laporan/rekap/{rekap.pk}/")
    page.get_by_role("button", name="Tandatangani dan sampaikan versi 1").click()
    page.wait_for_url(f"**/dasbor/laporan/rekap/{rekap.pk}/")
    assert "ditandatangani oleh Ir. Hendra Kepala DPU" in page.locator("#rekap-status").inner_text()
    _shoot(page, "rekap-detail-1366")
    with page.expect_download() as info:
        page.locator("#rekap-versi").get_by_role("link", name="PDF").click()
    saved = tmp_path / "rekap.pdf"
    info.value.save_as(saved)
    signed = Rekap.objects.get(pk=rekap.pk)
    assert signed.signed_by == world.users["kepala.dpu"]
    assert saved.read_bytes() == bytes(signed.pdf)
    page.goto("/dasbor/laporan/rekap/?bulan=2026-11")
    assert page.get_by_text("Tepat waktu", exact=True).is_visible()


def test_a_visitor_downloads_the_published_evaluation(desktop, phone, tmp_path) -> None:
    """SPEC C16 (002:Bab VII C.3): published on /laporan/ and downloadable by the public."""
    world = build_report_world()
    world.item(at=local(2026, 2, 2, 9), response="Sudah diperbaiki.")
    services.evaluation_publish(
        user=world.users["sekretariat"],
        instansi=world.pemda,
        year=2026,
        semester=1,
        findings=services.Findings(
            causes="Lampu jalan tua.", corrective_actions="Ganti lampu LED."
        ),
        now=local(2026, 7, 3, 9),
    )
    for page, width in ((phone, 360), (desktop, 1366)):
        page.goto("/laporan/")
        _shoot(page, f"laporan-{width}")
        page.get_by_role(
            "link", name="Pemerintah Kabupaten Uji Laporan · Semester 1 tahun 2026"
        ).click()
        page.wait_for_url("**/laporan/evaluasi/*/")
        assert page.get_by_text("Ganti lampu LED.").is_visible()
        _shoot(page, f"evaluasi-{width}")
    with desktop.expect_download() as info:
        desktop.locator("#unduh-evaluasi").click()
    saved = tmp_path / "evaluasi.pdf"
    info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")


def test_screens_of_the_scorecard(desktop, phone) -> None:
    world = build_report_world()
    world.item(at=local(2026, 2, 2, 9), response="Selesai.")
    world.item(at=local(2026, 3, 2, 9), breached=True)
    for page, width in ((phone, 360), (desktop, 1366)):
        _log_in(page, "sekda")
        page.goto("/dasbor/kinerja/?tahun=2026")
        assert page.locator("svg").count() == 2
        _shoot(page, f"kinerja-{width}")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= page.viewport_size["width"] + 1
