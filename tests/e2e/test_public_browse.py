"""A citizen on a 360px phone browses the public pages: home, language, search, OPD, service."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from standards.models import Agency, AgencyKind, PublicOfficer, Service, ServiceKind

PHONE_WIDTH = 360


def _build_directory() -> None:
    pemda = Agency.objects.create(
        kind=AgencyKind.PEMDA, name="Pemerintah Kabupaten Tanah Laut", slug="tanah-laut"
    )
    dukcapil = Agency.objects.create(
        kind=AgencyKind.DINAS,
        parent=pemda,
        name="Dinas Kependudukan dan Pencatatan Sipil",
        short_name="Disdukcapil",
        slug="disdukcapil",
        motto="Melayani dengan hati",
        visi="Tertib administrasi kependudukan",
        misi="Mempercepat layanan dokumen\nMendekatkan layanan ke desa",
        address="Jl. A. Syairani No. 1, Pelaihari",
        phone="0512 21234",
        email="layanan.kependudukan.dan.pencatatan.sipil@tanahlaut.example",
        website="https://disdukcapil.tanahlaut.example/layanan/informasi-publik",
        opening_hours="Senin-Jumat 08.00-15.00 WITA",
    )
    pdam = Agency.objects.create(
        kind=AgencyKind.BUMD, parent=pemda, name="Perumda Air Minum Tuntung Pandang", slug="pdam"
    )
    Agency.objects.create(
        kind=AgencyKind.UNIT, parent=dukcapil, name="UPT Dukcapil Bati-Bati", slug="upt-bati"
    )
    Service.objects.create(
        agency=dukcapil,
        name="Penerbitan Akta Kelahiran",
        slug="akta-kelahiran",
        code="DKC-AKTA",
        kind=ServiceKind.ADMINISTRATIF,
        description="Akta kelahiran untuk anak yang baru lahir maupun yang terlambat dicatat.",
    )
    Service.objects.create(
        agency=dukcapil, name="Penerbitan KTP-el", slug="ktp", code="DKC-KTP", kind="administratif"
    )
    Service.objects.create(
        agency=pdam, name="Sambungan air bersih baru", slug="sambungan", code="PDAM-SB", kind="jasa"
    )
    PublicOfficer.objects.create(agency=dukcapil, name="Rahmawati", position="Kepala Dinas")
    PublicOfficer.objects.create(
        agency=dukcapil, name="Budi Santoso", position="Pejabat Penghubung", handles_complaints=True
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_citizen_browses_from_home_to_a_service_on_a_phone(phone: Page, live_server) -> None:
    """SPEC P1: an OPD's public page is reachable fast and simply, from the home page."""
    _build_directory()
    csp_errors: list[str] = []
    phone.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    phone.goto("/")
    expect(phone.locator("html")).to_have_attribute("lang", "id")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Apa yang ingin Anda lakukan?")
    _assert_fits_the_phone(phone)
    _assert_accessible(phone)

    # The skip link is the first thing a keyboard reaches and leads to the content.
    phone.keyboard.press("Tab")
    skip = phone.get_by_role("link", name="Langsung ke konten")
    expect(skip).to_be_focused()
    expect(skip).to_have_attribute("href", "#konten")

    # The language switch works as a plain form.
    phone.get_by_role("button", name="English").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text("What would you like to do?")
    expect(phone.get_by_role("navigation", name="Main menu")).to_contain_text("Agency directory")
    _assert_accessible(phone)
    phone.get_by_role("button", name="Indonesia").click()
    expect(phone.locator("html")).to_have_attribute("lang", "id")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Apa yang ingin Anda lakukan?")

    # Search by the name of a service from the home page.
    phone.get_by_label("Nama layanan atau OPD").fill("akta kelahiran")
    phone.get_by_role("button", name="Cari").click()
    expect(phone).to_have_url(re.compile(r"/opd/\?q=akta\+kelahiran$"))
    expect(phone.get_by_text("1 OPD ditemukan")).to_be_visible()
    results = phone.get_by_role("main").get_by_role("link", name=re.compile("Dinas Kependudukan"))
    expect(results).to_have_count(1)
    expect(phone.get_by_text("Perumda Air Minum")).to_have_count(0)
    _assert_fits_the_phone(phone)
    _assert_accessible(phone)

    # The OPD's public page.
    results.click()
    expect(phone).to_have_url(re.compile(r"/opd/disdukcapil/$"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text(
        "Dinas Kependudukan dan Pencatatan Sipil"
    )
    for heading in (
        "Profil",
        "Layanan",
        "Pejabat dan petugas",
        "Penanganan pengaduan",
        "Standar pelayanan",
        "Maklumat pelayanan",
        "Reputasi",
    ):
        expect(phone.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(phone.get_by_text("Petugas pengaduan", exact=True)).to_be_visible()
    _assert_fits_the_phone(phone)
    _assert_accessible(phone)

    # One of its services (listed under "Layanan", and again under "Standar pelayanan").
    phone.locator("#layanan").get_by_role("link", name="Penerbitan Akta Kelahiran").click()
    expect(phone).to_have_url(re.compile(r"/opd/disdukcapil/layanan/akta-kelahiran/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Penerbitan Akta Kelahiran")
    expect(phone.get_by_role("link", name="Adukan layanan ini")).to_have_attribute(
        "href", "/pengaduan/baru/?layanan=DKC-AKTA"
    )
    expect(phone.get_by_role("link", name="Nilai layanan ini")).to_have_count(0)
    _assert_fits_the_phone(phone)
    _assert_accessible(phone)

    # The whole directory, unfiltered, also fits and passes.
    phone.goto("/opd/")
    expect(phone.get_by_role("heading", name="BUMD / Perusahaan Daerah")).to_be_visible()
    _assert_fits_the_phone(phone)
    _assert_accessible(phone)

    assert csp_errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_directory_and_profile_pass_axe_on_desktop(desktop: Page, live_server) -> None:
    _build_directory()
    for url in (
        "/",
        "/opd/",
        "/opd/?q=paspor",
        "/opd/disdukcapil/",
        "/opd/upt-bati/",
        "/opd/disdukcapil/layanan/ktp/",
    ):
        desktop.goto(url)
        _assert_accessible(desktop)
