"""A unit's answer in a real browser: the Admin UPP drafts it, the reporter does not see it,
the Pejabat Penghubung reads and approves it, and then the reporter reads it as the final
response (002:Bab VI D.3.e; SPEC C6, C13, C14)."""

from __future__ import annotations

import pytest

from complaints import services
from complaints.models import Complaint, SlaClass, Status
from tests.personas import MONDAY, World, build_world, route_to_penghubung

pytestmark = pytest.mark.browser

PASSWORD = "kata-sandi-uji-123"  # noqa: S105 - the test world's password
ANSWER = "Blangko sudah datang; KTP-el Anda dapat diambil di loket 2 mulai Senin."


def _log_in(page, username: str) -> None:
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/dasbor/")


def _log_out(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(lambda url: "/dasbor/" not in url)


def _reporter_page(browser, live_server, code: str, secret: str) -> str:
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/pengaduan/lacak/")
        page.fill("#id_code", code)
        page.fill("#id_secret", secret)
        page.get_by_role("button", name="Lihat laporan").click()
        page.wait_for_url(f"**/pengaduan/{code}/")
        return page.content()
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_unit_draft_reaches_the_reporter_after_the_penghubung_approves(
    phone, browser, live_server
) -> None:
    """SPEC C6, C13: draft → (not public) → approval → the reporter's final response."""
    world: World = build_world()
    receipt = world.submit(now=MONDAY)
    c = route_to_penghubung(world, receipt.complaint)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF),
    )
    services.complaint_assign_unit(
        world.user("penghubung"), complaint_id=c.pk, version=c.version, unit=world.unit
    )
    code = c.code
    page = phone

    # The Admin UPP drafts the answer from a phone.
    _log_in(page, "upp.pdp")
    page.get_by_role("link", name=code).click()
    page.wait_for_url(f"**/dasbor/pengaduan/{code}/")
    assert page.locator("#tindakan-respond").count() == 0
    page.fill("#id_draft_answer-response", ANSWER)
    page.get_by_role("button", name="Kirim draf ke Penghubung").click()
    page.wait_for_load_state()
    assert "Draf tanggapan dikirim kepada Pejabat Penghubung." in page.content()
    _log_out(page)

    # The reporter sees no answer yet.
    assert ANSWER not in _reporter_page(browser, live_server, code, receipt.secret)
    assert Complaint.objects.get(code=code).status == Status.DITINDAKLANJUTI

    # The Penghubung reads the draft on the item page and approves it.
    _log_in(page, "penghubung.dukcapil")
    page.goto(f"/dasbor/pengaduan/{code}/")
    card = page.locator("#tindakan-approve_answer")
    assert ANSWER in card.inner_text()
    card.get_by_role("button", name="Setujui dan kirim").click()
    page.wait_for_load_state()
    assert "Draf disetujui; tanggapan akhir dikirim kepada pelapor." in page.content()
    _log_out(page)

    complaint = Complaint.objects.get(code=code)
    assert (complaint.status, complaint.response) == (Status.SELESAI, ANSWER)
    assert ANSWER in _reporter_page(browser, live_server, code, receipt.secret)
