"""WCAG 2.1 AA sweep of every page a person reaches, on a 360px phone and on a desktop.

Each page is checked for: no axe violation of impact serious or critical, no sideways scroll
on the phone, exactly one <h1>, a <main> landmark, an accessible name on every visible form
control (as Chromium computes it for assistive technology) and a written label on every field,
and field edges of at least 3:1 (1.4.11). The two longest forms are also walked with the Tab
key: every stop must show the focus outline. One browser context serves one persona; the
problems of all pages of a persona are reported together.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from playwright.sync_api import Page

from complaints import services
from complaints.models import Complaint, Privacy
from notices.models import Notification, NotificationKind
from standards import services as standard_services
from tests.e2e.sweep import Sweep
from tests.personas import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-uji-123"
DEVICES = ["phone", "desktop"]


@pytest.fixture(params=DEVICES)
def persona(request: pytest.FixtureRequest) -> Sweep:
    """The persona's one browser context: the `phone` or the `desktop` page (conftest)."""
    return Sweep(request.getfixturevalue(request.param), request.param)


def _log_in(page: Page, username: str) -> None:
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(lambda url: "/akun/masuk/" not in url)


def _route_to_dukcapil(world: World, complaint: Complaint) -> Complaint:
    """Admin Nasional and Admin Instansi verify and route the item down to Disdukcapil."""
    for key, target in (("admin_nasional", world.pemda), ("admin_instansi", world.dukcapil)):
        user = world.user(key)
        complaint = services.complaint_verify(
            user, complaint_id=complaint.pk, version=complaint.version
        )
        complaint = services.complaint_route(
            complaint_id=complaint.pk, version=complaint.version, user=user, to_agency=target
        )
    return complaint


# ---------------------------------------------------------------------------------------------
# A visitor without an account: public pages, filing, receipt, tracking, the reporter's page,
# and the account pages before login.


def test_visitor_pages(persona: Sweep) -> None:
    world = build_world()
    public = world.submit(
        privacy=Privacy.PUBLIK, title="Antrean loket KTP-el terlalu panjang"
    ).complaint
    # Verified, so published (SPEC C3).
    services.complaint_verify(
        world.user("admin_nasional"), complaint_id=public.pk, version=public.version
    )
    page = persona.page

    for url, label in (
        ("/", "beranda"),
        ("/opd/", "direktori OPD"),
        (f"/opd/{world.dukcapil.slug}/", "profil OPD"),
        (f"/opd/{world.dukcapil.slug}/layanan/{world.service.slug}/", "halaman layanan"),
        ("/pengaduan/", "daftar pengaduan publik"),
        ("/pengaduan/statistik/", "statistik pengaduan"),
        (f"/pengaduan/{public.code}/", "pengaduan publik"),
    ):
        page.goto(url)
        persona.check(label)
    assert page.get_by_role("heading", level=1).inner_text() == public.title

    # Filing: the empty form, the form with its errors, then the receipt.
    page.goto("/pengaduan/baru/")
    persona.check("formulir pengaduan")
    persona.check_focus("formulir pengaduan")
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_load_state()
    assert page.locator(".alert-danger").count() >= 1
    persona.check("formulir pengaduan dengan kesalahan")
    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Judul").fill("KTP-el belum jadi setelah enam minggu")
    page.get_by_label("Uraian").fill("Saya merekam KTP-el enam minggu lalu, belum ada kabar.")
    page.get_by_label("Lokasi kejadian").fill("Kantor Disdukcapil, Pelaihari")
    page.get_by_label("Anonim").check()
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_url("**/pengaduan/terkirim/**")
    persona.check("tanda terima")
    code = page.locator("#kode-lacak").inner_text().strip()

    # The reporter's page of that item, with the officer's request for data open.
    complaint = Complaint.objects.get(code=code)
    services.complaint_request_data(
        complaint_id=complaint.pk,
        version=complaint.version,
        user=world.user("admin_nasional"),
        note="Mohon lampirkan foto bukti perekaman.",
    )
    page.goto(f"/pengaduan/{code}/")
    assert page.locator("#lengkapi form").count() == 1
    persona.check("halaman pelapor dengan formulir data tambahan")
    page.get_by_role("button", name="Kirim data").click()
    page.wait_for_load_state()
    assert page.locator("#lengkapi .alert-danger").count() == 1
    persona.check("halaman pelapor, data tambahan kosong")

    # Tracking: the form and the one generic error.
    page.goto("/pengaduan/lacak/")
    persona.check("lacak pengaduan")
    page.get_by_label("Kode lacak").fill(public.code)
    page.get_by_label("Kode rahasia").fill("SALAH123")
    page.get_by_role("button", name="Lihat laporan").click()
    page.wait_for_load_state()
    assert page.locator(".alert-danger").count() == 1
    persona.check("lacak pengaduan dengan kesalahan")

    # Account pages before login.
    page.goto("/akun/daftar/")
    persona.check("daftar")
    page.fill("input[name=username]", "sari.warga")
    page.fill("input[name=full_name]", "Sari Warga")
    page.fill("input[name=email]", "sari.warga@example.net")
    page.fill("input[name=mobile]", "081234567890")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", "sandi-yang-lain-456")
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".is-invalid").count() >= 1
    persona.check("daftar dengan kesalahan")
    page.goto("/akun/sandi/lupa/")
    persona.check("lupa kata sandi")
    page.goto("/akun/masuk/")
    persona.check("masuk")
    for attempt in range(6):
        page.fill("input[name=username]", "warga")
        page.fill("input[name=password]", "bukan-sandinya")
        page.get_by_role("button", name="Masuk", exact=True).click()
        page.wait_for_load_state()
        if attempt == 0:
            assert "Nama pengguna atau kata sandi salah" in page.content()
            persona.check("masuk dengan kesalahan")
    assert "Terlalu banyak percobaan" in page.content()
    persona.check("masuk terkunci")
    cache.clear()

    persona.assert_clean()


# ---------------------------------------------------------------------------------------------
# A citizen with an account.


def test_signed_in_citizen_pages(persona: Sweep) -> None:
    world = build_world()
    citizen = world.user("citizen")
    Notification.objects.create(
        user=citizen,
        kind=NotificationKind.RECEIVED,
        title="Pengaduan Anda diterima",
        body="Kode lacak LP-AAAA-BBBB.",
        url="/pengaduan/",
    )
    Notification.objects.create(
        user=citizen, kind=NotificationKind.UPDATE, title="Perkembangan pengaduan", url=""
    )
    page = persona.page
    _log_in(page, citizen.username)

    page.goto("/akun/notifikasi/")
    assert page.locator(".list-group-item").count() >= 2
    persona.check("notifikasi")
    page.goto("/akun/notifikasi/pengaturan/")
    assert page.locator("input[name=email_kinds]").count() >= 5
    persona.check("pengaturan notifikasi")
    page.goto("/akun/profil/")
    persona.check("profil")

    persona.assert_clean()


# ---------------------------------------------------------------------------------------------
# The officials' desk.


def _officer_pages(persona: Sweep, code: str, label: str) -> None:
    page = persona.page
    page.goto("/dasbor/")
    assert page.locator("tbody tr").count() >= 1
    page.locator("details summary").click()  # the filters, folded away at first
    persona.check(f"kotak masuk {label}")
    page.goto("/dasbor/?tab=semua&received_after=2020-01-01")  # filters open, one in use
    assert page.locator("tbody tr").count() >= 1
    assert page.get_by_label("Dari", exact=True).input_value() == "2020-01-01"
    persona.check(f"kotak masuk {label}, semua")
    page.goto(f"/dasbor/pengaduan/{code}/")
    assert page.locator("form[action*='/dasbor/pengaduan/']").count() >= 2
    persona.check(f"pengaduan {label}")
    persona.check_focus(f"pengaduan {label}")
    # An action sent without its required field comes back with the errors next to it.
    with page.expect_navigation():
        page.locator("#tindakan-request_data form").evaluate("(form) => form.submit()")
    assert page.locator("#tindakan-request_data .is-invalid").count() == 1
    persona.check(f"pengaduan {label}, tindakan dengan kesalahan")
    page.goto("/dasbor/pengaduan/baru/")
    persona.check(f"catat pengaduan {label}")
    with page.expect_navigation():  # past the browser's own check of required fields
        page.locator("main form").evaluate("(form) => form.submit()")
    assert page.locator("main .alert-danger").count() >= 1
    persona.check(f"catat pengaduan {label} dengan kesalahan")


def test_admin_nasional_pages(persona: Sweep) -> None:
    world = build_world()
    fresh = world.submit(title="Antrean loket KTP-el terlalu panjang").complaint
    world.submit(title="Petugas meminta biaya tambahan", privacy=Privacy.PUBLIK)
    _log_in(persona.page, world.user("admin_nasional").username)
    _officer_pages(persona, fresh.code, "Admin Nasional")
    persona.assert_clean()


def test_penghubung_pages(persona: Sweep) -> None:
    world = build_world()
    arrived = _route_to_dukcapil(world, world.submit().complaint)
    accepted = _route_to_dukcapil(world, world.submit(title="Akta kelahiran salah").complaint)
    penghubung = world.user("penghubung")
    services.complaint_accept(
        penghubung,
        complaint_id=accepted.pk,
        version=accepted.version,
        verification=services.Verification(sla_class="normatif"),
    )
    _log_in(persona.page, penghubung.username)
    _officer_pages(persona, arrived.code, "Penghubung")
    persona.page.goto(f"/dasbor/pengaduan/{accepted.code}/")
    persona.check("pengaduan Penghubung, ditindaklanjuti")
    persona.page.goto("/akun/notifikasi/pengaturan/")
    assert persona.page.locator("input[name=email_kinds][value=breach]").count() == 1
    persona.check("pengaturan notifikasi Penghubung")
    persona.assert_clean()


# ---------------------------------------------------------------------------------------------
# Service standards: the public sections and history, the officers' standard pages.


def test_standard_pages(persona: Sweep) -> None:
    from tests.standards.standard_helpers import adopted, components

    world = build_world()
    penghubung, kepala = world.user("penghubung"), world.user("kepala")
    first = adopted(world.service, penghubung, kepala)
    draft = standard_services.standard_revise(
        penghubung, standard=first, reason="teknologi", note="Antrean daring"
    )
    standard_services.standard_update(
        penghubung, standard=draft, components=components(fee=Decimal("15000"))
    )
    page = persona.page
    base = f"/opd/{world.dukcapil.slug}/layanan/{world.service.slug}/"
    for url, label in (
        (base, "halaman layanan dengan standar"),
        (f"/opd/{world.dukcapil.slug}/", "profil OPD dengan standar"),
    ):
        page.goto(url)
        persona.check(label)
    _log_in(page, penghubung.username)
    for url, label in (
        ("/dasbor/standar/", "daftar standar"),
        (f"/dasbor/standar/layanan/{world.service.code}/", "versi standar layanan"),
        (f"/dasbor/standar/{draft.pk}/", "rancangan revisi"),
        (f"/dasbor/standar/{draft.pk}/ubah/", "ubah rancangan"),
        ("/dasbor/standar/impor/", "impor layanan"),
    ):
        page.goto(url)
        persona.check(label)
    persona.assert_clean()


def test_reports_pages(persona: Sweep) -> None:
    """/laporan/ and its evaluation for visitors; the scorecard for the Sekda; the rekap desk
    for a Kepala (SPEC C16, C17)."""
    from reports import services as report_services
    from tests.factories import PASSWORD as FACTORY_PASSWORD
    from tests.personas import build_report_world, local

    world = build_report_world()
    world.item(at=local(2026, 2, 2, 9), response="Sudah diperbaiki.")
    world.item(at=local(2026, 3, 2, 9), breached=True)
    evaluation = report_services.evaluation_publish(
        user=world.users["sekretariat"],
        instansi=world.pemda,
        year=2026,
        semester=1,
        findings=report_services.Findings(
            causes="Lampu jalan tua.", corrective_actions="Ganti lampu LED."
        ),
        now=local(2026, 7, 3, 9),
    )
    rekap = report_services.rekap_build(user=None, agency=world.dinas, year=2026, month=2)
    page = persona.page
    for url, label in (
        ("/laporan/", "laporan dan data terbuka"),
        (evaluation.get_absolute_url(), "evaluasi semester"),
    ):
        page.goto(url)
        persona.check(label)
    for username, pages in (
        ("sekda", [("/dasbor/kinerja/?tahun=2026", "kinerja se-kabupaten")]),
        (
            "kepala.dpu",
            [
                ("/dasbor/laporan/rekap/?bulan=2026-02", "rekapitulasi bulanan"),
                (rekap.get_absolute_url(), "rekapitulasi satu OPD"),
            ],
        ),
    ):
        page.context.clear_cookies()
        page.goto("/akun/masuk/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", FACTORY_PASSWORD)
        page.get_by_role("button", name="Masuk", exact=True).click()
        page.wait_for_url(lambda url: "/akun/masuk/" not in url)
        for url, label in pages:
            page.goto(url)
            persona.check(label)
    persona.assert_clean()


# ---------------------------------------------------------------------------------------------
# Reputation: the rating page (with its errors), thanks, poster, kiosk, league; the officials'
# monitoring, kiosk and warnings pages.


def test_reputation_pages(persona: Sweep) -> None:
    import uuid

    from reputation import services as reputation

    world = build_world()
    service = world.service
    for i in range(12):
        reputation.rating_submit(
            user=None,
            service=service,
            satisfied=i % 4 != 0,
            stars=4,
            comment="Petugas ramah" if i == 0 else ("Lihat www.contoh.example" if i == 1 else ""),
            idempotency_key=uuid.uuid4(),
            voter_key=f"b:a11y-{i}",
        )
    kiosk = reputation.kiosk_token_issue(
        user=world.user("kepala"), agency=world.dukcapil, service=service, name="Loket 1"
    )
    page = persona.page
    for url, label in (
        (f"/nilai/{service.code}/", "halaman penilaian"),
        (f"/nilai/{service.code}/poster/", "poster QR penilaian"),
        (f"/kios/{kiosk.token}/", "kios penilaian"),
        ("/reputasi/", "peringkat reputasi"),
        (f"/opd/{world.dukcapil.slug}/layanan/{service.slug}/", "halaman layanan dengan nilai"),
    ):
        page.goto(url)
        persona.check(label)
    page.goto(f"/nilai/{service.code}/")
    persona.check_focus("halaman penilaian")
    page.get_by_role("button", name="Puas", exact=True).click()
    page.wait_for_url("**/terima-kasih/")
    persona.check("terima kasih penilaian")

    _log_in(page, "kepala.dukcapil")
    for url, label in (
        ("/dasbor/reputasi/", "pemantauan reputasi"),
        ("/dasbor/reputasi/kios/", "kios penilaian (petugas)"),
        ("/dasbor/reputasi/teguran/", "register teguran (OPD)"),
    ):
        page.goto(url)
        persona.check(label)
    page.context.clear_cookies()
    _log_in(page, "sekda")
    page.goto("/dasbor/reputasi/teguran/")
    persona.check("kepatuhan dan teguran (Sekda)")
    persona.assert_clean()
