"""Ibu Sari on a 360px phone files an anonymous complaint with a photo, keeps the code and
secret from the receipt, and later follows the item from another browser (SPEC A1, C3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Page, expect

from complaints.models import Attachment, Complaint, Privacy
from standards.models import Agency, AgencyKind, Service, ServiceKind

pytestmark = pytest.mark.browser

PHONE_WIDTH = 360


def _build_directory() -> Service:
    """A national desk, a pemda and an OPD with a service: the item must land somewhere."""
    Agency.objects.create(kind=AgencyKind.NASIONAL, name="Admin Nasional SP4N-LAPOR!", slug="lapor")
    pemda = Agency.objects.create(
        kind=AgencyKind.PEMDA, name="Pemerintah Kabupaten Tanah Laut", slug="tanah-laut"
    )
    dukcapil = Agency.objects.create(
        kind=AgencyKind.DINAS,
        parent=pemda,
        name="Dinas Kependudukan dan Pencatatan Sipil",
        short_name="Disdukcapil",
        slug="disdukcapil",
    )
    return Service.objects.create(
        agency=dukcapil,
        name="Penerbitan KTP-el",
        slug="ktp",
        code="DKC-KTP",
        kind=ServiceKind.ADMINISTRATIF,
    )


def _assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"{page.url}: {serious}"


def _assert_fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width}px"


def test_visitor_files_anonymously_and_tracks_from_a_new_browser(
    phone: Page, browser, live_server, tmp_path: Path
) -> None:
    service = _build_directory()
    photo = tmp_path / "antrean.png"
    Image.new("RGB", (120, 80), (200, 40, 40)).save(photo, format="PNG")

    # From the service page's link: the service and its OPD are already chosen.
    phone.goto(f"/pengaduan/baru/?layanan={service.code}")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ajukan pengaduan")
    expect(phone.get_by_label("Layanan")).to_have_value(str(service.pk))
    _assert_accessible(phone)
    _assert_fits_the_phone(phone)

    phone.get_by_label("Pengaduan", exact=True).check()
    phone.get_by_label("Judul").fill("KTP-el belum jadi setelah enam minggu")
    phone.get_by_label("Uraian").fill("Saya merekam KTP-el enam minggu lalu, belum ada kabar.")
    phone.get_by_label("Lokasi kejadian").fill("Kantor Disdukcapil, Pelaihari")
    phone.get_by_label("Lampiran (opsional)").set_input_files(str(photo))
    phone.get_by_label("Anonim").check()
    phone.get_by_role("button", name="Kirim pengaduan").click()

    # The receipt: code and secret, shown once.
    expect(phone.get_by_role("heading", level=1)).to_have_text("Laporan Anda sudah kami terima")
    code = phone.locator("#kode-lacak").inner_text().strip()
    secret = phone.locator("#kode-rahasia").inner_text().strip()
    assert re.fullmatch(r"LP-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert re.fullmatch(r"[A-Z0-9]{8}", secret)
    _assert_fits_the_phone(phone)

    complaint = Complaint.objects.get(code=code)
    assert complaint.privacy == Privacy.ANONIM
    assert complaint.service == service
    assert Attachment.objects.filter(complaint=complaint, content_type="image/png").count() == 1

    phone.reload()
    expect(phone.locator("#kode-lacak")).to_have_text(code)
    expect(phone.locator("#kode-rahasia")).to_have_count(0)

    # Later, on another browser with no session: code + secret lead back to the item.
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 740},
        locale="id-ID",
        base_url=live_server.url,
        is_mobile=True,
        has_touch=True,
    )
    try:
        other = context.new_page()
        other.set_default_timeout(10_000)
        # An anonim item is not public: without the secret there is nothing to see.
        assert other.goto(f"/pengaduan/{code}/").status == 404
        other.goto("/pengaduan/lacak/")
        other.get_by_label("Kode lacak").fill(code)
        other.get_by_label("Kode rahasia").fill(secret)
        other.get_by_role("button", name="Lihat laporan").click()
        expect(other.get_by_role("heading", level=1)).to_have_text(
            "KTP-el belum jadi setelah enam minggu"
        )
        expect(other.locator(".badge", has_text="Diterima").first).to_be_visible()
        expect(other.get_by_text("antrean.png")).to_be_visible()
        _assert_fits_the_phone(other)
        _assert_accessible(other)
    finally:
        context.close()
