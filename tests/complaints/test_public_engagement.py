"""What the public does around a public item: the stepper and the deadline, the photos the
reporter allowed, "saya juga mengalami", following by e-mail, and the coarse public map
(SPEC C3, C13, C14)."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from complaints import services
from complaints.models import (
    Attachment,
    Complaint,
    EventAction,
    Follow,
    MeToo,
    Privacy,
    follow_token_hash,
)
from complaints.services import Verification
from complaints.uploads import clean_upload
from notices.models import OutboundEmail
from tests.factories import pdf_bytes
from tests.personas import World, fresh

pytestmark = pytest.mark.django_db


def png(name: str = "jalan.png") -> Any:
    buf = io.BytesIO()
    Image.new("RGB", (32, 24), "green").save(buf, format="PNG")
    return clean_upload(SimpleUploadedFile(name, buf.getvalue(), content_type="image/png"))


def pdf(name: str = "ktp.pdf") -> Any:
    data = pdf_bytes()
    return clean_upload(SimpleUploadedFile(name, data, content_type="application/pdf"))


def published(world: World, **overrides: Any) -> Complaint:
    """A public item the national desk has verified (public under either publication rule)."""
    values: dict[str, Any] = {"privacy": Privacy.PUBLIK}
    values.update(overrides)
    c = world.submit(**values).complaint
    return services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version
    )


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    for what in ("metoo", "follow"):
        cache.delete(f"complaint-{what}:ip:127.0.0.1")


def page(client: Client, c: Complaint) -> str:
    response = client.get(c.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------------------------------------
# Stepper and deadline


def test_public_page_shows_the_stepper_at_the_current_step_and_the_deadline(world) -> None:
    """SPEC C14: the public sees where the item is (diterima → diverifikasi → ditindaklanjuti
    → selesai) and by when the current step must be done."""
    c = route_to_pemda(world, published(world))
    html = page(Client(), c)
    stepper = re.search(r'<ol class="lp-stepper".*?</ol>', html, re.S).group(0)
    assert stepper.count("<li") == 4
    current = re.search(r'<li[^>]*aria-current="step"[^>]*>(.*?)</li>', stepper, re.S).group(1)
    assert "Diverifikasi" in current
    assert stepper.count('aria-current="step"') == 1
    assert c.current_deadline() is not None
    deadline = re.search(r'<p class="alert alert-info" role="status">(.*?)</p>', html, re.S)
    assert "hari kerja lagi" in deadline.group(1) or "hari ini" in deadline.group(1)


# ---------------------------------------------------------------------------------------------
# Photos


def test_allowed_photos_of_a_public_item_appear_with_alt_text_and_documents_never(world) -> None:
    """SPEC C3: the reporter chose to publish photos; only images, never a PDF."""
    c = published(world, files=[png(), pdf()], photos_public=True)
    image = Attachment.objects.get(complaint=c, content_type="image/png")
    document = Attachment.objects.get(complaint=c, content_type="application/pdf")
    html = page(Client(), c)
    assert reverse("complaints:photo", args=[image.pk]) in html
    assert reverse("complaints:photo", args=[document.pk]) not in html
    assert re.search(r'<img src="/pengaduan/foto/\d+/" loading="lazy" alt="Foto 1 dari 1', html)
    response = Client().get(reverse("complaints:photo", args=[image.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert Client().get(reverse("complaints:photo", args=[document.pk])).status_code == 404


def test_photos_stay_private_unless_the_reporter_allowed_them(world) -> None:
    """SPEC C3: the default is off."""
    c = published(world, files=[png()])
    image = Attachment.objects.get(complaint=c)
    assert "/pengaduan/foto/" not in page(Client(), c)
    assert Client().get(reverse("complaints:photo", args=[image.pk])).status_code == 404


@pytest.mark.parametrize("privacy", [Privacy.RAHASIA, Privacy.ANONIM])
def test_photos_of_rahasia_and_anonim_items_are_never_public(world, privacy) -> None:
    """SPEC C3: whatever the reporter ticked, a closed item shows no photo."""
    c = world.submit(privacy=privacy, files=[png()], photos_public=True).complaint
    image = Attachment.objects.get(complaint=c)
    assert Client().get(reverse("complaints:photo", args=[image.pk])).status_code == 404


def test_photos_of_an_item_made_rahasia_at_verification_disappear(world) -> None:
    """SPEC C3: privacy tightened at verification closes the photos too."""
    c = world.submit(privacy=Privacy.PUBLIK, files=[png()], photos_public=True).complaint
    services.complaint_verify(
        world.user("admin_nasional"),
        complaint_id=c.pk,
        version=c.version,
        verification=Verification(privacy=Privacy.RAHASIA),
    )
    image = Attachment.objects.get(complaint=c)
    assert Client().get(reverse("complaints:photo", args=[image.pk])).status_code == 404


def test_images_the_reporter_supplies_later_are_never_published(world) -> None:
    """SPEC C3: data supplied on request (often an ID card photo) stays with the officials."""
    c = published(world, photos_public=True)
    Attachment.objects.create(
        complaint=c,
        file=ContentFile(b"png", name="ktp.png"),
        original_name="ktp.png",
        content_type="image/png",
        size=10,
        by_reporter=True,
        event=c.events.create(action=EventAction.DATA_SUPPLIED, by_reporter=True),
    )
    later = Attachment.objects.get(complaint=c)
    assert Client().get(reverse("complaints:photo", args=[later.pk])).status_code == 404


def test_the_filing_form_asks_before_publishing_photos_and_defaults_to_no(client, world) -> None:
    html = client.get(reverse("complaints:create")).content.decode()
    box = re.search(r'<input[^>]*name="photos_public"[^>]*>', html).group(0)
    assert 'type="checkbox"' in box
    assert "checked" not in box


# ---------------------------------------------------------------------------------------------
# Coarse coordinates and the map


def test_public_pages_show_coordinates_only_rounded_to_about_100_m(world) -> None:
    """SPEC C3: exact positions never leave the server on public pages."""
    c = published(world, latitude=Decimal("-3.801234"), longitude=Decimal("114.772987"))
    html = page(Client(), c)
    assert "3.801234" not in html and "3,801234" not in html and "772987" not in html
    assert "-3.801" in html and "114.773" in html
    map_html = Client().get(reverse("complaints:map")).content.decode()
    assert "801234" not in map_html and "772987" not in map_html
    assert "-3.801, 114.773" in map_html


def test_the_map_lists_public_items_only(world) -> None:
    """SPEC C3: rahasia and anonim items are never on the map."""
    published(world, title="Jalan publik", latitude=Decimal("-3.8"), longitude=Decimal("114.7"))
    for privacy in (Privacy.RAHASIA, Privacy.ANONIM):
        world.submit(
            privacy=privacy,
            title=f"Laporan {privacy}",
            latitude=Decimal("-3.9"),
            longitude=Decimal("114.8"),
        )
    html = Client().get(reverse("complaints:map")).content.decode()
    assert "Jalan publik" in html
    assert "Laporan rahasia" not in html and "Laporan anonim" not in html


def test_without_a_tile_server_the_map_page_is_a_list_and_asks_no_other_host(
    world, settings
) -> None:
    settings.MAP_TILE_URL = ""
    published(world, latitude=Decimal("-3.8"), longitude=Decimal("114.7"))
    html = Client().get(reverse("complaints:map")).content.decode()
    assert "1 laporan dengan titik lokasi" in html
    assert "leaflet" not in html and "data-lp-map" not in html


def test_with_a_tile_server_the_map_and_the_picker_load_the_vendored_leaflet(
    world, settings
) -> None:
    settings.MAP_TILE_URL = "https://tiles.example.id/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Peta Uji"
    published(world, latitude=Decimal("-3.801234"), longitude=Decimal("114.772987"))
    html = Client().get(reverse("complaints:map")).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in html
    points = re.search(r'<script id="map-points" type="application/json">(.*?)</script>', html)
    assert '"lat": -3.801' in points.group(1) and "-3.801234" not in points.group(1)
    form = Client().get(reverse("complaints:create")).content.decode()
    assert "data-picker" in form and "/static/vendor/leaflet/leaflet.js" in form


def test_the_map_page_reads_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for n in range(5):
        published(world, title=f"Item {n}", latitude=Decimal("-3.8"), longitude=Decimal("114.7"))
    with django_assert_max_num_queries(4):
        assert Client().get(reverse("complaints:map")).status_code == 200


def test_the_filing_form_has_a_location_button_for_scripts_only(client, world) -> None:
    html = client.get(reverse("complaints:create")).content.decode()
    assert re.search(r"<p[^>]*data-geo hidden", html)
    assert "Gunakan lokasi saya" in html
    assert "/static/js/location.js" in html
    assert "<script>" not in html  # no inline script (CSP)


# ---------------------------------------------------------------------------------------------
# Saya juga mengalami


def test_an_account_says_saya_juga_once_however_often_it_posts(world) -> None:
    c = published(world)
    client = Client()
    client.force_login(world.user("citizen"))
    url = reverse("complaints:me_too", args=[c.code])
    assert client.post(url).status_code == 302
    client.post(url)
    assert MeToo.objects.filter(complaint=c).count() == 1
    assert "1 orang juga mengalami" in page(client, c)
    assert "Anda sudah tercatat" in page(client, c)


def test_a_visitor_counts_once_per_session_and_another_session_counts_again(world) -> None:
    c = published(world)
    url = reverse("complaints:me_too", args=[c.code])
    first = Client()
    first.post(url)
    first.post(url)
    Client().post(url)
    assert MeToo.objects.filter(complaint=c).count() == 2
    assert "2 orang juga mengalami" in page(Client(), c)


def test_one_address_can_add_only_so_many_saya_juga_an_hour(world, settings) -> None:
    settings.COMPLAINT_METOO_IP_LIMIT = 2
    c = published(world)
    url = reverse("complaints:me_too", args=[c.code])
    for _n in range(4):
        Client().post(url)  # a new session each time, as a script clearing cookies would
    assert MeToo.objects.filter(complaint=c).count() == 2


def test_saya_juga_needs_a_post(world) -> None:
    c = published(world)
    assert Client().get(reverse("complaints:me_too", args=[c.code])).status_code == 405


@pytest.mark.parametrize("privacy", [Privacy.RAHASIA, Privacy.ANONIM])
def test_saya_juga_and_following_do_not_exist_for_closed_items(world, privacy) -> None:
    """SPEC C3: nothing tells the public a rahasia or anonim item exists."""
    c = world.submit(privacy=privacy).complaint
    assert Client().post(reverse("complaints:me_too", args=[c.code])).status_code == 404
    response = Client().post(reverse("complaints:follow", args=[c.code]), {"email": "a@b.id"})
    assert response.status_code == 404
    assert not MeToo.objects.exists() and not Follow.objects.exists()


# ---------------------------------------------------------------------------------------------
# Following by e-mail


def follow_mails(address: str) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to_email=address).order_by("pk"))


def confirm_link(mail: OutboundEmail) -> str:
    return re.search(r"https?://\S+/pengaduan/ikuti/konfirmasi/\S+/", mail.body_text).group(0)


def unsubscribe_link(mail: OutboundEmail) -> str:
    return re.search(r"https?://\S+/pengaduan/ikuti/berhenti/\S+/", mail.body_text).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def follow(world: World, c: Complaint, address: str = "tetangga@contoh.id") -> None:
    response = Client().post(reverse("complaints:follow", args=[c.code]), {"email": address})
    assert response.status_code == 302
    (mail,) = follow_mails(address)
    client = Client()
    assert client.get(path_of(confirm_link(mail))).status_code == 200
    assert client.post(path_of(confirm_link(mail))).status_code == 302


def route_to_pemda(world: World, c: Complaint) -> Complaint:
    c = fresh(c)
    return services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        to_agency=world.pemda,
    )


def test_following_needs_the_confirmation_link_before_any_update(world) -> None:
    """Double opt-in: an address typed by someone else gets one mail, and nothing more."""
    c = published(world)
    Client().post(reverse("complaints:follow", args=[c.code]), {"email": "Tetangga@Contoh.id"})
    (mail,) = follow_mails("tetangga@contoh.id")
    assert "/pengaduan/ikuti/konfirmasi/" in mail.body_text
    assert "/pengaduan/ikuti/berhenti/" in mail.body_text
    route_to_pemda(world, c)
    assert len(follow_mails("tetangga@contoh.id")) == 1


def test_opening_the_confirmation_link_confirms_nothing_until_the_button_is_pressed(world):
    c = published(world)
    Client().post(reverse("complaints:follow", args=[c.code]), {"email": "t@contoh.id"})
    (mail,) = follow_mails("t@contoh.id")
    Client().get(path_of(confirm_link(mail)))  # a mail scanner opening the link
    assert Follow.objects.get().confirmed_at is None


def test_a_confirmed_follower_hears_of_public_steps_without_any_note(world) -> None:
    """SPEC C3, C4: followers learn the step and the status, never what an official wrote."""
    c = published(world)
    follow(world, c)
    c = fresh(c)
    services.complaint_add_note(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version, note="Catatan dalam"
    )
    assert len(follow_mails("tetangga@contoh.id")) == 1  # an internal note tells nobody
    route_to_pemda(world, c)
    mails = follow_mails("tetangga@contoh.id")
    assert len(mails) == 2
    update = mails[-1]
    assert c.code in update.subject
    assert "Didisposisikan" in update.body_text
    assert "Catatan dalam" not in update.body_text + update.body_html
    assert "Siti Rahmawati" not in update.body_text  # the reporter's name, never
    assert "/pengaduan/ikuti/berhenti/" in update.body_text


def test_unsubscribing_from_the_link_in_a_mail_stops_the_mail(world) -> None:
    c = published(world)
    follow(world, c)
    route_to_pemda(world, c)
    link = path_of(unsubscribe_link(follow_mails("tetangga@contoh.id")[-1]))
    assert Client().get(link).status_code == 200
    assert Follow.objects.get().unsubscribed_at is None  # a GET never changes anything
    assert Client().post(link).status_code == 200
    assert Follow.objects.get().unsubscribed_at is not None
    before = len(follow_mails("tetangga@contoh.id"))
    c = fresh(c)
    services.complaint_verify(world.user("admin_instansi"), complaint_id=c.pk, version=c.version)
    assert len(follow_mails("tetangga@contoh.id")) == before


def test_a_tampered_unsubscribe_or_confirmation_link_is_a_404(world) -> None:
    c = published(world)
    follow(world, c)
    assert Client().get("/pengaduan/ikuti/berhenti/1:abc:def/").status_code == 404
    assert Client().post("/pengaduan/ikuti/berhenti/1:abc:def/").status_code == 404
    assert Client().post("/pengaduan/ikuti/konfirmasi/bukan-token/").status_code == 404


def test_an_item_made_rahasia_tells_its_followers_nothing_more(world) -> None:
    """SPEC C3: followers of an item no longer public get no mail about it: the instansi
    tightens a published item to rahasia, and the steps after that reach no follower."""
    c = published(world)
    follow(world, c)
    route_to_pemda(world, c)
    assert len(follow_mails("tetangga@contoh.id")) == 2  # confirmation, then the routing
    c = fresh(c)
    services.complaint_verify(
        world.user("admin_instansi"),
        complaint_id=c.pk,
        version=c.version,
        verification=Verification(privacy=Privacy.RAHASIA),
    )
    assert not Complaint.objects.public().filter(pk=c.pk).exists()
    c = fresh(c)
    services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_instansi"),
        to_agency=world.dukcapil,
    )
    assert len(follow_mails("tetangga@contoh.id")) == 2


def test_asking_again_for_an_address_already_following_sends_nothing_and_says_the_same(world):
    """The page never tells whether an address follows an item."""
    c = published(world)
    follow(world, c)
    response = Client().post(
        reverse("complaints:follow", args=[c.code]), {"email": "tetangga@contoh.id"}, follow=True
    )
    assert "Periksa email Anda" in response.content.decode()
    assert len(follow_mails("tetangga@contoh.id")) == 1


def test_a_new_request_replaces_an_unconfirmed_link(world) -> None:
    c = published(world)
    url = reverse("complaints:follow", args=[c.code])
    Client().post(url, {"email": "t@contoh.id"})
    Client().post(url, {"email": "t@contoh.id"})
    first, second = follow_mails("t@contoh.id")
    assert Client().post(path_of(confirm_link(first))).status_code == 404
    assert Client().post(path_of(confirm_link(second))).status_code == 302
    assert Follow.objects.get().token_hash == follow_token_hash(
        confirm_link(second).rstrip("/").rsplit("/", 1)[1]
    )


def test_a_bad_address_is_told_on_the_page(world) -> None:
    c = published(world)
    response = Client().post(reverse("complaints:follow", args=[c.code]), {"email": "bukan"})
    assert response.status_code == 400
    assert "alamat email" in response.content.decode().lower()
    assert not Follow.objects.exists()


def test_one_address_can_ask_for_only_so_many_follows_an_hour(world, settings) -> None:
    settings.COMPLAINT_FOLLOW_IP_LIMIT = 2
    c = published(world)
    url = reverse("complaints:follow", args=[c.code])
    codes = [Client().post(url, {"email": f"a{n}@contoh.id"}).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert Follow.objects.count() == 2


def test_filing_with_the_box_ticked_publishes_the_photo_of_a_public_item(client, world) -> None:
    """SPEC C3: the reporter's choice on the form reaches the item."""
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buf, format="PNG")
    data = {
        "kind": "pengaduan",
        "title": "Jalan berlubang di depan pasar",
        "description": "Lubang besar, sudah dua motor jatuh.",
        "location": "Pasar Pelaihari",
        "privacy": Privacy.PUBLIK,
        "photos_public": "on",
        "intake_token": "7f1c1f5e-4f40-4d43-9d0a-2d2b2b2b2b2b",
        "attachments": SimpleUploadedFile("lubang.png", buf.getvalue(), "image/png"),
    }
    assert client.post(reverse("complaints:create"), data).status_code == 302
    c = Complaint.objects.get()
    assert c.photos_public is True
    data["intake_token"] = "8f1c1f5e-4f40-4d43-9d0a-2d2b2b2b2b2b"
    del data["photos_public"]
    data["attachments"] = SimpleUploadedFile("lubang.png", buf.getvalue(), "image/png")
    client.post(reverse("complaints:create"), data)
    assert Complaint.objects.exclude(pk=c.pk).get().photos_public is False


def test_the_public_page_reads_as_many_queries_with_many_photos_and_me_toos(world) -> None:
    """STYLE 13: photos and me-toos do not add a query each."""
    few = published(world, title="Satu foto", files=[png()], photos_public=True)
    many = published(world, title="Banyak foto", files=[png(), png(), png()], photos_public=True)
    for n in range(5):
        MeToo.objects.create(complaint=many, visitor=f"v{n}")
    counts = []
    for c in (few, many):
        with CaptureQueriesContext(connection) as queries:
            page(Client(), c)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_officials_see_the_exact_point_and_that_photos_are_public(world) -> None:
    """SPEC C3: the coarse point is for the public; the officials holding it see the exact one,
    and are told the reporter's photos are public (tightening privacy at verification hides
    them)."""
    c = world.submit(
        privacy=Privacy.PUBLIK,
        latitude=Decimal("-3.801234"),
        longitude=Decimal("114.772987"),
        files=[png()],
        photos_public=True,
    ).complaint
    client = Client()
    client.force_login(world.user("admin_nasional"))
    html = client.get(reverse("complaints:officer_detail", args=[c.code])).content.decode()
    assert "-3.801234, 114.772987" in html
    assert "Ditampilkan di halaman publik atas pilihan pelapor" in html
