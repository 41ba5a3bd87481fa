"""Ibu Sari lost the secret of her report: on a 360 px phone she asks for a link, opens it
from the mail and sees her item; a signed-in citizen finds every report in "Laporan saya"
(SPEC A1, C13)."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from complaints.models import Privacy
from notices.models import OutboundEmail
from tests.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360
LINK = re.compile(r"https?://\S+/pengaduan/akses/\S+/")


def _assert_fits_and_accessible(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width}px"
    serious = [
        f"{v['id']} ({v['impact']})"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"{page.url}: {serious}"


def test_a_citizen_who_lost_the_secret_opens_her_report_from_the_mailed_link(
    phone: Page, live_server, settings
) -> None:
    """SPEC A1, C13: code + e-mail given at filing -> a link in the mail -> her item."""
    settings.SITE_URL = live_server.url
    w = build_world()
    c = w.submit(
        title="KTP-el enam minggu belum jadi",
        privacy=Privacy.RAHASIA,
        reporter_email="sari.wulandari@contoh.id",
    ).complaint

    phone.goto("/pengaduan/lacak/")
    phone.get_by_role("link", name="Lupa kode rahasia?").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lupa kode rahasia?")
    _assert_fits_and_accessible(phone)
    phone.get_by_label("Kode lacak").fill(c.code)
    phone.get_by_label("Email atau nomor HP").fill("sari.wulandari@contoh.id")
    phone.get_by_role("button", name="Kirim tautan").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Periksa email atau SMS Anda")
    _assert_fits_and_accessible(phone)

    mail = OutboundEmail.objects.filter(to_email="sari.wulandari@contoh.id").latest("pk")
    assert "Tautan untuk membuka laporan" in mail.subject
    link = LINK.search(mail.body_text)
    assert link is not None, mail.body_text
    phone.goto(link.group(0))
    expect(phone.get_by_role("heading", level=1)).to_have_text("KTP-el enam minggu belum jadi")
    expect(
        phone.get_by_text("Halaman pelapor: hanya Anda yang melihat halaman ini")
    ).to_be_visible()
    assert "/pengaduan/akses/" not in phone.url
    _assert_fits_and_accessible(phone)

    # A link cut short by a mail client gets a page with the way back, not an error.
    phone.goto(link.group(0)[:-12] + "/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tautan tidak berlaku")
    phone.get_by_role("link", name="Minta tautan baru").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lupa kode rahasia?")


def test_a_signed_in_citizen_finds_every_report_in_laporan_saya(phone: Page) -> None:
    """SPEC A1, C13: the header leads to the list; each row says who holds it and by when."""
    w = build_world()
    citizen = w.user("citizen")
    w.submit(reporter=citizen, title="Lampu jalan Jl. A. Yani mati")
    w.submit(reporter=citizen, title="Antrean puskesmas terlalu lama")
    w.submit(title="Laporan warga lain")

    phone.goto("/akun/masuk/")
    phone.fill("#id_username", "warga")
    phone.fill("#id_password", "kata-sandi-uji-123")
    phone.get_by_role("button", name="Masuk", exact=True).click()
    phone.wait_for_url(lambda url: "/akun/masuk/" not in url)
    link = phone.locator(".site-nav__list").get_by_role("link", name="Laporan saya")
    link.scroll_into_view_if_needed()
    link.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Laporan saya")
    expect(phone.get_by_text("2 laporan")).to_be_visible()
    expect(phone.get_by_role("link", name="Antrean puskesmas terlalu lama")).to_be_visible()
    expect(phone.get_by_text("Laporan warga lain")).to_have_count(0)
    expect(phone.get_by_text("Batas verifikasi").first).to_be_visible()
    _assert_fits_and_accessible(phone)
    phone.get_by_role("link", name="Lampu jalan Jl. A. Yani mati").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lampu jalan Jl. A. Yani mati")
