"""A service standard from the first draft to the public page, in a real browser: the
Penghubung drafts it and records the Berita Acara, the Kepala adopts it, the public page
shows the delivery components and not the internal ones (SPEC S1, S3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.models import Role
from standards.models_standard import ServiceStandard, StandardStatus
from tests.factories import PASSWORD, AgencyFactory, ServiceFactory, UserFactory
from tests.standards.standard_helpers import MINIMAL_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/standards")  # noqa: S108 - screenshots for a person to look at


def _log_in(page, username: str) -> None:
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/dasbor/")


def _log_out(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(lambda url: "/dasbor/" not in url)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_drafting_discussion_and_adoption_publish_the_standard(phone, tmp_path) -> None:
    """SPEC S3: draft → Berita Acara with a community participant → Kepala adopts → public."""
    pemda = AgencyFactory.pemda()
    opd = AgencyFactory.opd(parent=pemda, name="Dinas Kependudukan", slug="dukcapil")
    service = ServiceFactory(agency=opd, name="Penerbitan KTP-el", slug="ktp", code="DKC-KTP")
    penghubung = UserFactory.official(agency=opd, role=Role.PENGHUBUNG)
    kepala = UserFactory.official(agency=opd, role=Role.KEPALA, full_name="Drs. Kepala Dinas")
    page = phone

    _log_in(page, penghubung.username)
    page.get_by_role("link", name="Standar pelayanan").first.click()
    page.get_by_role("link", name="Penerbitan KTP-el").click()
    page.get_by_role("button", name="Mulai rancangan standar").click()
    page.wait_for_url("**/ubah/")
    page.fill("#id_produk", "KTP elektronik")
    page.fill("#id_requirements", "Kartu Keluarga | fotokopi | 1")
    page.fill("#id_steps", "Ambil nomor antrean\nPerekaman sidik jari | Petugas perekaman")
    page.fill("#id_duration_value", "3")
    page.select_option("#id_duration_unit", "hari_kerja")
    page.check("#id_is_free")
    page.fill("#id_channels", "WhatsApp | 0812 1111 2222")
    page.fill("#id_legal_bases", "Undang-Undang tentang Administrasi Kependudukan | 24 | 2013")
    page.fill("#id_kompetensi", "Operator SIAK bersertifikat")
    _shot(page, "edit-360.png")
    page.get_by_role("button", name="Simpan rancangan").click()
    page.wait_for_url("**/dasbor/standar/*/")

    scan = tmp_path / "berita-acara.pdf"
    scan.write_bytes(MINIMAL_PDF)
    page.fill("#id_participants", "Ibu Ani | penerima layanan | RT 3\nPak Camat | pemerintah")
    page.set_input_files("#id_scan", str(scan))
    page.get_by_role("button", name="Simpan berita acara").click()
    page.get_by_text("Berita acara pembahasan dicatat.").wait_for()
    assert ServiceStandard.objects.get().status == StandardStatus.PEMBAHASAN
    assert page.get_by_role("button", name="Tetapkan dan publikasikan").count() == 0
    _log_out(page)

    _log_in(page, kepala.username)
    page.goto(f"/dasbor/standar/{ServiceStandard.objects.get().pk}/")
    page.fill("#id_decree_number", "800/15/DKC/2026")
    _shot(page, "detail-360.png")
    page.get_by_role("button", name="Tetapkan dan publikasikan").click()
    page.get_by_text("Standar pelayanan ditetapkan dan dipublikasikan.").wait_for()
    _log_out(page)

    page.goto(service.get_absolute_url())
    body = page.locator("#standar").inner_text()
    for expected in ("Kartu Keluarga", "3 hari kerja", "GRATIS", "KTP elektronik", "WhatsApp"):
        assert expected in body
    assert "Operator SIAK" not in page.content()
    _shot(page, "service-360.png")
    page.set_viewport_size({"width": 1366, "height": 900})
    _shot(page, "service-1366.png")
