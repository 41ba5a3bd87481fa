"""The header on a phone: small enough to leave the page its screen, every link reachable."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/pengaduan/baru/", "/akun/masuk/"])
def test_header_takes_under_a_fifth_of_a_phone_screen(phone, path: str) -> None:
    phone.goto(path)
    header = phone.locator("header.site-header").bounding_box()
    assert header is not None
    assert header["height"] < 740 / 5, header
    # Nothing makes the whole page scroll sideways; the menu scrolls inside itself.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_every_menu_link_can_be_reached_on_a_phone(phone) -> None:
    phone.goto("/")
    last = phone.locator(".site-nav__list li").last.locator("a, button")
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    last.click()
    phone.wait_for_load_state()
    assert phone.url.endswith("/akun/daftar/")
