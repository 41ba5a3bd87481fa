"""On a 360 px phone: the location button fills the coordinates from the phone's position;
a public item shows its progress stepper and takes a "saya juga mengalami" (SPEC C3, C14)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from complaints import services
from complaints.models import MeToo, Privacy
from tests.personas import World, build_world

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _serious(page) -> list[str]:
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.django_db(transaction=True)
def test_the_location_button_fills_the_coordinates_from_the_phone(browser, live_server) -> None:
    build_world()
    context = browser.new_context(
        viewport=PHONE,
        locale="id-ID",
        base_url=live_server.url,
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": -3.801234, "longitude": 114.772987},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/pengaduan/baru/")
    button = page.get_by_role("button", name="Gunakan lokasi saya")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("#id_latitude")).to_have_value("-3.801234")
    expect(page.locator("#id_longitude")).to_have_value("114.772987")
    expect(page.locator("[data-geo-status]")).to_contain_text("Lokasi terisi")
    _fits(page)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_visitor_sees_the_stepper_and_says_saya_juga_once(phone, live_server) -> None:
    world: World = build_world()
    c = world.submit(
        privacy=Privacy.PUBLIK,
        title="Lampu jalan padam di Jl. A. Yani",
        latitude=Decimal("-3.801234"),
        longitude=Decimal("114.772987"),
    ).complaint
    c = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version
    )
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        to_agency=world.pemda,
    )
    page = phone
    page.goto(c.get_absolute_url())
    stepper = page.get_by_role("list", name="Tahapan penanganan")
    expect(stepper.get_by_role("listitem")).to_have_count(4)
    expect(stepper.locator('[aria-current="step"]')).to_contain_text("Diverifikasi")
    expect(page.locator("body")).to_contain_text("(sekitar -3.801, 114.773)")
    expect(page.locator("body")).not_to_contain_text("801234")
    expect(page.locator("[data-metoo-count]")).to_contain_text("0 orang")
    _fits(page)
    assert _serious(page) == []

    page.get_by_role("button", name="Saya juga mengalami").click()
    expect(page.locator("[data-metoo-count]")).to_contain_text("1 orang")
    expect(page.get_by_role("button", name="Saya juga mengalami")).to_have_count(0)
    page.reload()
    expect(page.locator("[data-metoo-count]")).to_contain_text("1 orang")
    assert MeToo.objects.filter(complaint=c).count() == 1
    _fits(page)
