"""A citizen answers an SKM survey from the QR link on a 360 px phone (SPEC K1), and the
survey pages pass the accessibility sweep on a phone and a desktop."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from surveys.models import Response
from tests.e2e.sweep import Sweep
from tests.factories import PASSWORD
from tests.personas import SurveyWorld, build_survey_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HAND_ROWS = [
    [3, 4, 2, 4, 3, 3, 4, 2, 3],
    [4, 4, 3, 4, 3, 4, 4, 2, 3],
]


def _answer_everything(page: Page) -> None:
    for n, label in enumerate(
        [
            "Sesuai",
            "Mudah",
            "Cepat",
            "Gratis",
            "Sangat sesuai",
            "Kompeten",
            "Sopan dan ramah",
            "Dikelola dengan baik",
            "Baik",
        ]
    ):
        page.locator(f"#q-u{n + 1}").get_by_text(label, exact=True).click()
    page.get_by_text("Perempuan", exact=True).click()
    page.get_by_label("Usia").select_option("30-39")
    page.get_by_label("Pendidikan terakhir").select_option("sma")
    page.get_by_label("Pekerjaan").select_option("wirausaha")


def test_citizen_answers_from_the_qr_link_on_a_phone_and_sees_the_count_move(phone: Page) -> None:
    """SPEC K1: no account, no script needed, under a minute; one response per person."""
    world = build_survey_world()
    survey = world.survey(service=world.service, population=100)
    world.answer(survey, [3] * 9)

    phone.goto(f"/survei/{survey.pk}/?kanal=qr")
    expect(phone.locator("#jumlah-jawaban")).to_contain_text("1 jawaban masuk dari sampel 80")
    _answer_everything(phone)
    phone.get_by_label("Saran untuk perbaikan layanan (tidak wajib)").fill("Tambah kursi tunggu")
    phone.get_by_role("button", name="Kirim jawaban").click()
    phone.wait_for_url(re.compile(r"/terima-kasih/"))
    expect(phone.locator("#jumlah-jawaban")).to_contain_text("2 jawaban masuk dari sampel 80")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    response = Response.objects.get(survey=survey, channel="qr")
    assert response.answers() == [3, 3, 3, 4, 4, 3, 3, 4, 3]

    # Back to the QR link: the same phone is told it has answered, and nothing is added.
    phone.goto(f"/survei/{survey.pk}/?kanal=qr")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Anda sudah mengisi survei ini")
    assert Response.objects.filter(survey=survey).count() == 2


def test_a_missed_question_is_shown_without_losing_the_other_answers(phone: Page) -> None:
    world = build_survey_world()
    survey = world.survey(service=world.service)
    phone.goto(f"/survei/{survey.pk}/")
    _answer_everything(phone)
    # The browser's own required check would stop the submit; a phone without it posts anyway.
    phone.locator("#q-u4 input").first.evaluate("(el) => { el.form.noValidate = true; }")
    phone.evaluate("document.querySelectorAll('#q-u4 input').forEach((el) => el.checked = false)")
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone.locator(".alert-danger")).to_be_visible()
    expect(phone.locator("#q-u1 input[value='3']")).to_be_checked()
    assert not Response.objects.exists()


def _shot(page: Page, name: str) -> None:
    """A full-page screenshot into $SHOTS_DIR when set (for looking at the pages by eye)."""
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name.replace(' ', '-')}.png"), full_page=True)


def _log_in(page: Page, username: str) -> None:
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(lambda url: "/akun/masuk/" not in url)


def _published(world: SurveyWorld):
    survey = world.survey(service=world.service, population=100, title="SKM KTP-el 2026")
    for i in range(12):
        world.answer(survey, HAND_ROWS[i % 2], suggestion="Tambah kursi" if i == 0 else "")
    from surveys import services

    services.followup_add(
        None,
        survey=survey,
        unsur=3,
        action="Menambah loket perekaman",
        owner="Kabid Dafduk",
        due_date=survey.period_end,
    )
    return world.publish(survey)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_survey_pages_pass_the_accessibility_sweep(
    request: pytest.FixtureRequest, device: str
) -> None:
    page: Page = request.getfixturevalue(device)
    sweep = Sweep(page, device)
    world = build_survey_world()
    open_survey = world.survey(service=world.other_service, title="SKM Akta 2026")
    published = _published(world)
    for url, label in (
        (f"/survei/{open_survey.pk}/", "formulir survei"),
        (f"/survei/{open_survey.pk}/qr/", "poster QR"),
        (f"/survei/{published.pk}/hasil/", "hasil survei"),
        (world.service.get_absolute_url(), "halaman layanan dengan SKM"),
        (world.dukcapil.get_absolute_url(), "profil OPD dengan kinerja"),
    ):
        page.goto(url)
        sweep.check(label)
        _shot(page, f"{device}-{label}")
    page.goto(f"/survei/{open_survey.pk}/")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_load_state()
    sweep.check("formulir survei dengan kesalahan")
    _log_in(page, "kepala")
    for url, label in (
        ("/dasbor/survei/", "daftar survei petugas"),
        ("/dasbor/survei/baru/", "buat survei"),
        (f"/dasbor/survei/{published.pk}/", "kelola survei"),
        ("/dasbor/", "dasbor dengan kewajiban SKM"),
    ):
        page.goto(url)
        sweep.check(label)
        _shot(page, f"{device}-{label}")
    sweep.assert_clean()
