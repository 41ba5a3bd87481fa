"""Pak Budi on a 360px phone asks for public information: the form asks what 003:Pasal 40(8)
lists, refuses an anonymous request, and his NIK and identity card stay off the public page
(SPEC C2, C4, C11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from complaints.models import Attachment, Complaint, InformationRequest, Kind
from standards.models import Agency, AgencyKind

pytestmark = pytest.mark.browser

PHONE_WIDTH = 360
NIK = "6301011203850004"


def _fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width}px"


def test_citizen_files_an_information_request_on_a_phone(
    phone: Page, live_server, tmp_path: Path
) -> None:
    Agency.objects.create(kind=AgencyKind.NASIONAL, name="Admin Nasional SP4N-LAPOR!", slug="lapor")
    Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Tanah Laut", slug="tanah-laut")
    card = tmp_path / "ktp.png"
    Image.new("RGB", (160, 100), (230, 230, 240)).save(card, format="PNG")

    phone.goto("/pengaduan/baru/")
    _fits_the_phone(phone)
    phone.get_by_label("Permintaan informasi", exact=True).check()
    phone.get_by_label("Judul").fill("Jadwal dan kuota hemodialisa")
    phone.get_by_label("Uraian").fill("Mohon jadwal dan kuota hemodialisa pasien BPJS bulan depan.")
    phone.get_by_label("Anonim").check()
    phone.get_by_label("Nama", exact=True).fill("Budi Santoso")
    phone.get_by_label("Email").fill("budi@contoh.id")
    phone.get_by_label("NIK / nomor identitas").fill(NIK)
    phone.get_by_label("Salinan kartu identitas (KTP)").set_input_files(str(card))
    phone.get_by_label("Alamat lengkap").fill("Jl. A. Yani Km 3, Pelaihari")
    phone.get_by_label("Alasan permintaan informasi").fill("Menyusun jadwal kontrol ayah saya.")
    phone.get_by_label("Cara penyampaian informasi").select_option("email")
    phone.get_by_role("button", name="Kirim pengaduan").click()

    # Anonymous is refused for a request for information; the rest of the form is kept.
    expect(
        phone.get_by_text("Permintaan informasi memerlukan identitas pemohon").first
    ).to_be_visible()
    assert not Complaint.objects.exists()
    expect(phone.get_by_label("NIK / nomor identitas")).to_have_value(NIK)
    phone.get_by_role("radio", name="Publik").check()
    phone.get_by_label("Salinan kartu identitas (KTP)").set_input_files(str(card))
    phone.get_by_role("button", name="Kirim pengaduan").click()

    expect(phone.get_by_text("Kode lacak").first).to_be_visible()
    c = Complaint.objects.get()
    assert c.kind == Kind.INFORMASI
    assert InformationRequest.objects.get(complaint=c).nik == NIK
    assert Attachment.objects.get(complaint=c).is_identity_card
    _fits_the_phone(phone)

    # Once public (verified), the page shows the request, never the NIK or the card.
    phone.context.clear_cookies()
    Complaint.objects.filter(pk=c.pk).update(status="diverifikasi", published_at=c.received_at)
    phone.goto(f"/pengaduan/{c.code}/")
    expect(phone.get_by_role("heading", name="Permintaan informasi publik")).to_be_visible()
    body = phone.content()
    assert NIK not in body and "ktp.png" not in body and "Yani Km 3" not in body
    _fits_the_phone(phone)
