"""The public list and statistics on a phone, and the attachment size check in the browser
(SPEC C3, C15; UX.md: 360 px, no JavaScript needed, JavaScript only improves)."""

from __future__ import annotations

from datetime import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from complaints import services
from complaints.models import Category, Privacy, SlaClass
from tests.personas import WIB, build_world, route_to_penghubung

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360

# Cells whose text takes more than one line box: a number broken into digits shows here.
BROKEN_NUMBERS = """() => Array.from(document.querySelectorAll('td.num, th.num'))
  .filter(cell => cell.offsetParent !== null)
  .filter(cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
    return lines.size > 1 || cell.scrollWidth > cell.clientWidth + 1;
  })
  .map(cell => cell.textContent.trim())"""


def _serious_axe_violations(page: Page) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def _many_items() -> tuple:
    """Sixty items over three months, forty of them accepted by Disdukcapil, so numbers have
    two digits and the averages a decimal."""
    world = build_world()
    category = Category.objects.create(
        name="Administrasi kependudukan dan pencatatan sipil", slug="adminduk"
    )
    codes = []
    for i in range(60):
        now = datetime(2026, 8 + i % 3, 3 + i % 20, 9, tzinfo=WIB)
        item = world.submit(
            title=f"Jalan berlubang nomor {i}" if i % 2 else f"Antrean KTP-el hari {i}",
            privacy=Privacy.PUBLIK,
            now=now,
        ).complaint
        codes.append(item.code)
        if not i % 3:  # verified at the national desk only: published all the same (SPEC C3)
            services.complaint_verify(
                world.user("admin_nasional"), complaint_id=item.pk, version=item.version, now=now
            )
        else:
            item = route_to_penghubung(world, item, now=now)
            services.complaint_accept(
                world.user("penghubung"),
                complaint_id=item.pk,
                version=item.version,
                verification=services.Verification(sla_class=SlaClass.NORMATIF, category=category),
                now=now.replace(hour=11),
            )
    return world, codes


def test_statistics_read_on_a_360px_phone_without_broken_numbers(phone: Page) -> None:
    """SPEC C15: every number of the statistics stays whole on a 360 px phone, the page does
    not scroll sideways, and the charts fit beside their tables."""
    _many_items()
    phone.goto("/")
    phone.get_by_role("link", name="Statistik pengaduan").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Statistik pengaduan")
    expect(phone.locator("#stat-diterima")).to_have_text("60")
    assert phone.evaluate(BROKEN_NUMBERS) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    for chart in ("#grafik-bulan", "#grafik-kategori"):
        box = phone.locator(chart).bounding_box()
        assert box is not None and 0 < box["width"] <= PHONE_WIDTH
    # The per-OPD table becomes one card per OPD: each number sits beside its own label.
    row = phone.locator("#stat-opd tbody tr").filter(has_text="Disdukcapil")
    expect(row.locator("td").first).to_have_text("40")
    label = row.locator("td").first.evaluate("c => getComputedStyle(c, '::before').content")
    assert "Diterima" in label

    # A period narrows the numbers; the CSV link carries the same period.
    phone.get_by_label("Diterima dari tanggal").fill("2026-09-01")
    phone.get_by_label("sampai tanggal").fill("2026-09-30")
    phone.get_by_role("button", name="Tampilkan").click()
    expect(phone.locator("#stat-diterima")).to_have_text("20")
    expect(phone.get_by_role("link", name="Unduh statistik (CSV)")).to_have_attribute(
        "href", "/pengaduan/statistik/unduh/?dari=2026-09-01&sampai=2026-09-30"
    )
    assert phone.evaluate(BROKEN_NUMBERS) == []
    assert _serious_axe_violations(phone) == []


def test_a_citizen_searches_the_public_list_by_word_and_by_code(phone: Page) -> None:
    """SPEC C3, C15: words find matching items through the search; a tracking code opens
    its item."""
    _world, codes = _many_items()
    phone.goto("/")
    phone.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Pengaduan publik"
    ).click()
    phone.get_by_label("Cari").fill("berlub")
    phone.get_by_role("button", name="Cari").click()
    items = phone.locator("#daftar-pengaduan > li")
    expect(items).to_have_count(20)
    expect(phone.get_by_text("30 laporan")).to_be_visible()
    assert all("Jalan berlubang" in text for text in items.all_inner_texts())
    phone.get_by_role("link", name="Berikutnya").click()
    expect(items).to_have_count(10)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH

    phone.get_by_label("Cari").fill(codes[7].lower())
    phone.get_by_role("button", name="Cari").click()
    expect(phone).to_have_url(f"{phone.url.split('/pengaduan/')[0]}/pengaduan/{codes[7]}/")


def test_an_oversize_attachment_is_refused_before_it_uploads(phone: Page) -> None:
    """A file over 5 MB is refused as soon as it is chosen, in the page's language, and is
    no longer selected; a file within the limit stays."""
    build_world()
    posts: list[str] = []
    phone.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    phone.goto("/pengaduan/baru/")
    upload = phone.locator("#id_attachments")
    big = {"name": "foto-besar.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * (5 * 2**20 + 1)}
    upload.set_input_files(big)
    alert = phone.get_by_role("alert").filter(has_text="foto-besar.jpg")
    expect(alert).to_have_text("Berkas foto-besar.jpg lebih dari 5 MB.")
    assert upload.evaluate("input => input.files.length") == 0
    expect(upload).to_have_attribute("aria-invalid", "true")
    assert posts == []

    small = {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * 1024}
    upload.set_input_files(small)
    expect(alert).to_be_hidden()
    assert upload.evaluate("input => input.files.length") == 1
