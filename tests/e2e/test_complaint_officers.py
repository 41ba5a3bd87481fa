"""The whole path of an anonymous complaint with a photo through the officials' desk, in a
real browser: Admin Nasional → Admin Instansi → Pejabat Penghubung → the reporter rates the
response (SPEC C3, C5, C6, C8, C13, C14)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints import services
from complaints.models import Category, Complaint, Kind, Privacy, Status
from complaints.uploads import clean_upload
from tests.personas import World, build_world

pytestmark = pytest.mark.browser

NAME = "Siti Rahmawati Pelapor"
EMAIL = "siti.pelapor@example.net"
PHONE = "081299887766"
PASSWORD = "kata-sandi-uji-123"  # noqa: S105 - the test world's password


def _photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(out, format="PNG")
    return SimpleUploadedFile("foto-antrean.png", out.getvalue(), content_type="image/png")


def _assert_hidden(page) -> None:
    body = page.content()
    for value in (NAME, EMAIL, PHONE):
        assert value not in body, f"{value!r} shown to an official at {page.url}"


def _log_in(page, username: str) -> None:
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/dasbor/")
    _assert_hidden(page)


def _log_out(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(lambda url: "/dasbor/" not in url)


def _open_from_inbox(page, code: str) -> None:
    page.get_by_role("link", name=code).click()
    page.wait_for_url(f"**/dasbor/pengaduan/{code}/")
    _assert_hidden(page)
    assert "Anonim — identitas pelapor dirahasiakan" in page.content()


def _submit(page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    _assert_hidden(page)


@pytest.mark.django_db(transaction=True)
def test_anonymous_item_travels_the_desk_and_is_rated(desktop, browser, live_server) -> None:
    world: World = build_world()
    category = Category.objects.create(name="Administrasi kependudukan", slug="adminduk")
    receipt = services.complaint_submit(
        None,
        content=services.ComplaintContent(
            kind=Kind.PENGADUAN,
            title="KTP-el enam minggu belum jadi",
            description="Sudah enam minggu KTP-el saya masih dalam proses.",
            privacy=Privacy.ANONIM,
            location="Jl. A. Yani No. 1, Pelaihari",
            service=world.service,
            files=[clean_upload(_photo())],
        ),
        reporter=services.Reporter(name=NAME, email=EMAIL, phone=PHONE),
    )
    code = receipt.complaint.code
    page = desktop

    # Admin Nasional: verify, then route to the pemda.
    _log_in(page, "admin.nasional")
    _open_from_inbox(page, code)
    photo = page.get_by_role("link", name="foto-antrean.png").first
    download = page.request.get(photo.get_attribute("href"))
    assert download.ok
    assert download.headers["content-type"] == "image/png"
    page.select_option("#id_verify-category", label=category.name)
    page.fill("#id_verify-subject", "Petugas loket KTP-el")
    _submit(page, "Simpan verifikasi")
    assert "Verifikasi disimpan." in page.content()
    page.select_option("#id_route-to_agency", label=world.pemda.name)
    _submit(page, "Disposisikan")
    assert "Pengaduan didisposisikan." in page.content()
    _log_out(page)

    # Admin Instansi: verify again, route to Disdukcapil.
    _log_in(page, "admin.instansi")
    _open_from_inbox(page, code)
    _submit(page, "Simpan verifikasi")
    page.select_option("#id_route-to_agency", label=world.dukcapil.name)
    _submit(page, "Disposisikan")
    _log_out(page)

    # Pejabat Penghubung: accept with an SLA class, then respond.
    _log_in(page, "penghubung.dukcapil")
    _open_from_inbox(page, code)
    page.select_option("#id_accept-sla_class", value="normatif")
    _submit(page, "Terima dan tindak lanjuti")
    assert "hari kerja lagi" in page.content()
    page.fill("#id_respond-response", "KTP-el Anda sudah dicetak; silakan ambil di loket 3.")
    _submit(page, "Kirim tanggapan")
    assert "Tanggapan akhir dikirim kepada pelapor." in page.content()
    _log_out(page)

    complaint = Complaint.objects.get(code=code)
    assert complaint.status == Status.SELESAI
    assert complaint.privacy == Privacy.ANONIM

    # The reporter, in a fresh browser, tracks the item by code and secret and rates it.
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    try:
        reporter = context.new_page()
        reporter.set_default_timeout(10_000)
        reporter.goto("/pengaduan/lacak/")
        reporter.fill("#id_code", code)
        reporter.fill("#id_secret", receipt.secret)
        reporter.get_by_role("button", name="Lihat laporan").click()
        reporter.wait_for_url(f"**/pengaduan/{code}/")
        assert "silakan ambil di loket 3" in reporter.content()
        reporter.get_by_label("Ya, saya puas").check()
        reporter.get_by_role("button", name="Kirim penilaian").click()
        reporter.wait_for_load_state()
        assert "Terima kasih atas penilaian Anda." in reporter.content()
    finally:
        context.close()
    complaint.refresh_from_db()
    assert complaint.satisfied is True
