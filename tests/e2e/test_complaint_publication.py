"""In a real browser: a citizen's new public item is not on /pengaduan/ until Admin Nasional
verifies it; the officer sees which text the public will read and that a routing note is
internal unless ticked (SPEC C3, C4, C5)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaints.models import Complaint, Event, EventAction, Privacy
from tests.personas import World, accepted, build_world

pytestmark = pytest.mark.browser

PASSWORD = "kata-sandi-uji-123"  # noqa: S105 - the test world's password
TITLE = "Lampu jalan padam di Jl. Pelaihari-Angsau"
NOTE = "Mohon Kecamatan Pelaihari membantu verifikasi lapangan"


def _shot(page, name: str) -> None:
    """A full-page screenshot when SHOTS_DIR names a folder (to look at the pages)."""
    if folder := os.environ.get("SHOTS_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_unverified_item_is_not_public_and_the_officer_sees_what_goes_public(
    phone, desktop
) -> None:
    world: World = build_world()
    c = world.submit(title=TITLE, privacy=Privacy.PUBLIK, reporter=world.user("citizen")).complaint

    phone.goto("/pengaduan/")
    assert TITLE not in phone.content()
    assert phone.goto(f"/pengaduan/{c.code}/").status == 404

    desktop.goto("/akun/masuk/")
    desktop.fill("#id_username", "admin.nasional")
    desktop.fill("#id_password", PASSWORD)
    desktop.get_by_role("button", name="Masuk", exact=True).click()
    desktop.wait_for_url("**/dasbor/")
    desktop.goto(f"/dasbor/pengaduan/{c.code}/")
    verify = desktop.locator("#tindakan-verify")
    share = verify.get_by_label("Tampilkan catatan ini (terlihat oleh pelapor dan publik)")
    assert not share.is_checked()
    desktop.get_by_role("button", name="Simpan verifikasi").click()
    desktop.wait_for_load_state()
    assert "Verifikasi disimpan." in desktop.content()
    # The tier's clock still runs after verification.
    assert "Batas waktu: –" not in desktop.locator("#h-batas").locator("..").inner_text()

    route = desktop.locator("#tindakan-route")
    route.get_by_label("Instansi tujuan").select_option(label=world.pemda.name)
    route.get_by_label("Catatan disposisi").fill(NOTE)
    _shot(desktop, "officer-route-1280")
    route.get_by_role("button", name="Disposisikan").click()
    desktop.wait_for_load_state()
    assert "Pengaduan didisposisikan." in desktop.content()
    assert Event.objects.get(complaint=c, note=NOTE).action == EventAction.NOTE

    phone.goto("/pengaduan/")
    assert TITLE in phone.content()
    phone.goto(f"/pengaduan/{c.code}/")
    assert TITLE in phone.content()
    assert NOTE not in phone.content()
    assert Complaint.objects.public().filter(pk=c.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_answer_form_is_marked_as_public_text_on_a_phone(phone) -> None:
    world: World = build_world()
    c = accepted(world)
    Complaint.objects.filter(pk=c.pk).update(privacy=Privacy.PUBLIK)
    phone.goto("/akun/masuk/")
    phone.fill("#id_username", "penghubung.dukcapil")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Masuk", exact=True).click()
    phone.wait_for_url("**/dasbor/")
    phone.goto(f"/dasbor/pengaduan/{c.code}/")
    respond = phone.locator("#tindakan-respond")
    assert "Terlihat oleh publik" in respond.locator("h3").inner_text()
    assert respond.get_by_label("Tanggapan (terlihat oleh pelapor dan publik)").is_visible()
    _shot(phone, "officer-respond-360")
