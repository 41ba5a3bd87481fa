"""Rating in a real browser: the counter poster's QR code, the kiosk, the kiosk offline queue
(SPEC R1, R2, R3)."""

from __future__ import annotations

import time

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from reputation import services
from reputation.models import Rating, RatingDay
from standards.models import Agency, AgencyKind, Service, ServiceKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _service() -> Service:
    pemda = Agency.objects.create(
        kind=AgencyKind.PEMDA, name="Pemerintah Kabupaten Uji", slug="uji"
    )
    dukcapil = Agency.objects.create(
        kind=AgencyKind.DINAS, parent=pemda, name="Dinas Kependudukan", slug="disdukcapil"
    )
    return Service.objects.create(
        agency=dukcapil,
        name="Penerbitan KTP-el",
        slug="ktp",
        code="DKC-KTP",
        kind=ServiceKind.ADMINISTRATIF,
    )


def _kiosk(service: Service):
    from accounts.models import Role
    from tests.factories import UserFactory

    officer = UserFactory.official(agency=service.agency, role=Role.PENGHUBUNG)
    return services.kiosk_token_issue(
        user=officer, agency=service.agency, service=service, name="Loket 1"
    )


def _wait_for(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_scan_the_poster_qr_rate_and_see_the_new_count(phone: Page, live_server, tmp_path) -> None:
    """SPEC R1/R3: QR on the poster → rate with one tap → the public page shows the count."""
    service = _service()
    phone.goto(f"/nilai/{service.code}/poster/")
    shot = tmp_path / "poster.png"
    phone.locator(".rep-qr").screenshot(path=str(shot))
    decoded = zxingcpp.read_barcodes(Image.open(shot))
    assert decoded, "no QR code found on the poster"
    url = decoded[0].text
    assert url == f"{live_server.url}/nilai/{service.code}/"

    phone.goto(url)
    phone.get_by_role("button", name="Puas", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Terima kasih")
    phone.get_by_role("link", name="Lihat nilai layanan ini").click()
    section = phone.locator("#penilaian")
    expect(section).to_contain_text("100,0%")
    expect(section).to_contain_text("dari 1 penilaian")
    assert Rating.objects.count() == 1


def test_kiosk_rates_twice_and_resets_itself(browser, live_server) -> None:
    """SPEC R1: big buttons, a thank-you, then the empty form again for the next citizen."""
    service = _service()
    kiosk = _kiosk(service)
    context = browser.new_context(
        viewport={"width": 1024, "height": 768}, locale="id-ID", base_url=live_server.url
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"/kios/{kiosk.token}/")
        thanks = page.locator("[data-kiosk-thanks]")
        for label in ("Puas", "Tidak puas"):
            page.get_by_role("button", name=label, exact=True).click()
            expect(thanks).to_be_visible()
            expect(page.get_by_role("button", name="Puas", exact=True)).to_be_visible(timeout=8000)
            expect(thanks).to_be_hidden()
        _wait_for(lambda: Rating.objects.count() == 2)
        assert sorted(Rating.objects.values_list("satisfied", flat=True)) == [False, True]
        assert RatingDay.objects.get().total == 2
    finally:
        context.close()


def test_kiosk_offline_queue_syncs_once_with_original_times(browser, live_server) -> None:
    """SPEC R2: with the network cut the kiosk keeps rating; back online, each counts once."""
    service = _service()
    kiosk = _kiosk(service)
    context = browser.new_context(
        viewport={"width": 1024, "height": 768}, locale="id-ID", base_url=live_server.url
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"/kios/{kiosk.token}/")
        context.set_offline(True)
        before = timezone.now()
        for label in ("Puas", "Tidak puas", "Puas"):
            page.get_by_role("button", name=label, exact=True).click()
            expect(page.get_by_role("button", name="Puas", exact=True)).to_be_visible(timeout=8000)
        queued = page.evaluate(
            "() => Object.keys(localStorage).filter(k => k.startsWith('lp-kiosk-queue'))"
            ".map(k => JSON.parse(localStorage.getItem(k)).length)[0]"
        )
        assert queued == 3
        assert Rating.objects.count() == 0
        time.sleep(1.5)
        back_online = timezone.now()
        context.set_offline(False)
        _wait_for(lambda: Rating.objects.count() == 3, timeout=30)
        # Reloading (and the script's periodic retry) sends nothing twice.
        page.reload()
        time.sleep(2)
        assert Rating.objects.count() == 3
        assert RatingDay.objects.get().total == 3
        for rated_at in Rating.objects.values_list("rated_at", flat=True):
            assert before - timezone.timedelta(seconds=2) <= rated_at < back_online
        assert (
            page.evaluate(
                "() => Object.keys(localStorage).filter(k => k.startsWith('lp-kiosk-queue'))"
                ".map(k => JSON.parse(localStorage.getItem(k)).length)[0]"
            )
            == 0
        )
    finally:
        context.close()


def _queue_length(page: Page) -> int:
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('lp-kiosk-queue'))"
        ".map(k => JSON.parse(localStorage.getItem(k)).length)[0] || 0"
    )


def _wait_in_page(page: Page, predicate, timeout: float = 20.0) -> None:
    """Like _wait_for, but lets Playwright run route handlers meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        page.wait_for_timeout(200)
    raise AssertionError("condition not met in time")


@pytest.mark.parametrize("how", ["answered 403 once", "csrf cookie lost"])
def test_a_kiosk_rating_refused_with_403_stays_queued_and_arrives_once(
    browser, live_server, how: str
) -> None:
    """SPEC R2: a 403 (the CSRF check) never drops a queued rating: the script fetches a fresh
    token and sends it again; it is recorded exactly once."""
    service = _service()
    kiosk = _kiosk(service)
    context = browser.new_context(
        viewport={"width": 1024, "height": 768}, locale="id-ID", base_url=live_server.url
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    forbidden: list[int] = []
    page_loads: list[str] = []

    def once_forbidden(route) -> None:
        if not forbidden:
            forbidden.append(403)
            route.fulfill(status=403, content_type="text/html", body="<h1>403</h1>")
        else:
            route.continue_()

    try:
        if how == "answered 403 once":
            page.route("**/kirim/", once_forbidden)
        page.goto(f"/kios/{kiosk.token}/")
        if how == "csrf cookie lost":
            context.clear_cookies()
        page.on(
            "response",
            lambda r: page_loads.append(r.status) if r.url.endswith(f"/kios/{kiosk.token}/") else 0,
        )
        sync_answers: list[int] = []
        page.on("response", lambda r: sync_answers.append(r.status) if "/kirim/" in r.url else 0)
        page.get_by_role("button", name="Tidak puas", exact=True).click()
        _wait_in_page(page, lambda: Rating.objects.count() == 1)
        _wait_in_page(page, lambda: _queue_length(page) == 0)
        assert sync_answers[0] == 403 and sync_answers[-1] == 200
        assert page_loads == [200]  # the fresh token came from the kiosk page, fetched once
        page.wait_for_timeout(1500)
        rating = Rating.objects.get()
        assert rating.satisfied is False and rating.kiosk == kiosk
        assert RatingDay.objects.get().total == 1
    finally:
        context.close()
