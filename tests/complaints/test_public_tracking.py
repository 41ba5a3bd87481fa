"""The reporter's way back: receipt, tracking by code + secret, the item page, the reporter's
own steps (supply data, rate, re-examine) and attachment downloads (SPEC A1, C3, C4, C7, C13)."""

from __future__ import annotations

import io
import re
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from accounts.models import Role
from complaints import services
from complaints.models import Attachment, Complaint, EventAction, Kind, Privacy, SlaClass, Status
from complaints.uploads import clean_upload
from tests.factories import AgencyFactory, UserFactory
from tests.personas import TrackingWorld, build_tracking_world

INTAKE = "/pengaduan/baru/"
TRACK = "/pengaduan/lacak/"
GENERIC_ERROR = "Kode lacak atau kode rahasia tidak cocok."


@pytest.fixture
def world(db: None) -> TrackingWorld:
    return build_tracking_world()


REPORTER = {
    "reporter_name": "Sari Wulandari",
    "reporter_email": "sari.wulandari@contoh.id",
    "reporter_phone": "081298765432",
}


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(buf, format="PNG")
    return buf.getvalue()


def file_via_portal(client: Client, *, privacy: str = Privacy.PUBLIK, **extra: Any) -> Complaint:
    data = {
        "kind": Kind.PENGADUAN,
        "title": "Antrean KTP-el tidak bergerak",
        "description": "Sudah tiga hari datang, nomor antrean tidak dipanggil.",
        "location": "Kantor Disdukcapil Pelaihari",
        "privacy": privacy,
        "intake_token": str(uuid.uuid4()),
        **REPORTER,
        **extra,
    }
    response = client.post(INTAKE, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    code = response["Location"].rstrip("/").split("/")[-1]
    return Complaint.objects.get(code=code)


def verified(world: TrackingWorld, complaint: Complaint) -> Complaint:
    """Admin Nasional verifies the item: a public one is then on the public pages (C3)."""
    return services.complaint_verify(
        world.admin_nasional, complaint_id=complaint.pk, version=complaint.version
    )


def receipt_secret(client: Client, complaint: Complaint) -> str:
    html = client.get(reverse("complaints:receipt", args=[complaint.code])).content.decode()
    match = re.search(r'id="kode-rahasia">([A-Z0-9]+)<', html)
    assert match, "the receipt shows the secret"
    return match.group(1)


def v(complaint: Complaint) -> int:
    complaint.refresh_from_db()
    return complaint.version


def to_penghubung(world: TrackingWorld, complaint: Complaint) -> None:
    """Drive the item through the admin tiers to the OPD, which takes it on."""
    services.complaint_verify(world.admin_nasional, complaint_id=complaint.pk, version=v(complaint))
    services.complaint_route(
        complaint_id=complaint.pk,
        version=v(complaint),
        user=world.admin_nasional,
        to_agency=world.pemda,
    )
    services.complaint_verify(world.admin_instansi, complaint_id=complaint.pk, version=v(complaint))
    services.complaint_route(
        complaint_id=complaint.pk,
        version=v(complaint),
        user=world.admin_instansi,
        to_agency=world.opd,
    )
    services.complaint_accept(
        world.penghubung,
        complaint_id=complaint.pk,
        version=v(complaint),
        verification=services.Verification(sla_class=SlaClass.TANPA_PEMERIKSAAN),
    )


# ---------------------------------------------------------------------------------------------
# Receipt


def test_receipt_shows_the_secret_once(client: Client, world: TrackingWorld) -> None:
    """SPEC A1: the secret is shown once; a reload shows the code and a way to track."""
    complaint = file_via_portal(client)
    url = reverse("complaints:receipt", args=[complaint.code])
    first = client.get(url)
    html = first.content.decode()
    assert complaint.code in html
    secret = re.search(r'id="kode-rahasia">([A-Z0-9]+)<', html).group(1)
    assert services.complaint_check_secret(code=complaint.code, secret=secret) == complaint
    assert "tangkapan layar" in html
    assert first["Cache-Control"] == "no-store, private"
    again = client.get(url).content.decode()
    assert complaint.code in again
    assert secret not in again
    assert 'id="kode-rahasia"' not in again
    assert reverse("complaints:track") in again


def test_receipt_of_someone_elses_item_is_404(client: Client, world: TrackingWorld) -> None:
    complaint = file_via_portal(client)
    assert Client().get(reverse("complaints:receipt", args=[complaint.code])).status_code == 404


def test_receipt_gives_the_verification_date(client: Client, world: TrackingWorld) -> None:
    """SPEC C5: verification within 3 working days, told to the reporter as a date."""
    from standards.templatetags.lp import tanggal_panjang

    complaint = file_via_portal(client)
    html = client.get(reverse("complaints:receipt", args=[complaint.code])).content.decode()
    assert tanggal_panjang(complaint.verification_due_at) in html


# ---------------------------------------------------------------------------------------------
# Tracking


def test_correct_code_and_secret_open_the_item_in_a_new_browser(
    client: Client, world: TrackingWorld
) -> None:
    """SPEC A1: a tracking code plus a secret lead back to the item."""
    complaint = file_via_portal(client, privacy=Privacy.ANONIM)
    secret = receipt_secret(client, complaint)
    other = Client()
    assert other.get(complaint.get_absolute_url()).status_code == 404  # anonim: not public
    response = other.post(TRACK, {"code": complaint.code.lower(), "secret": secret.lower()})
    assert response.status_code == 302
    assert response["Location"] == complaint.get_absolute_url()
    page = other.get(complaint.get_absolute_url())
    assert page.status_code == 200
    assert "Halaman pelapor" in page.content.decode()


def test_wrong_pairs_all_get_the_same_generic_error(client: Client, world: TrackingWorld) -> None:
    mine = file_via_portal(client)
    my_secret = receipt_secret(client, mine)
    theirs = verified(world, file_via_portal(Client()))
    attempts = [
        {"code": mine.code, "secret": "SALAH123"},  # wrong secret
        {"code": theirs.code, "secret": my_secret},  # another item's code with my secret
        {"code": "LP-ZZZZ-ZZZZ", "secret": my_secret},  # unknown code
    ]
    bodies = []
    for attempt in attempts:
        visitor = Client()
        response = visitor.post(TRACK, attempt)
        assert response.status_code == 400
        assert list(response.context["form"].non_field_errors()) == [GENERIC_ERROR]
        assert visitor.get(theirs.get_absolute_url()).status_code == 200  # public view only
        assert "Halaman pelapor" not in visitor.get(theirs.get_absolute_url()).content.decode()
        bodies.append(
            re.sub(r"csrfmiddlewaretoken\" value=\"[^\"]+", "", response.content.decode())
        )
    # Nothing on the page tells which part was wrong, apart from the echoed code.
    assert bodies[0].replace(mine.code, "X") == bodies[1].replace(theirs.code, "X")


def test_tracking_is_rate_limited_per_client_address(client: Client, world: TrackingWorld) -> None:
    complaint = verified(world, file_via_portal(client))
    secret = receipt_secret(client, complaint)
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(10):
        response = attacker.post(TRACK, {"code": complaint.code, "secret": "SALAH123"})
        assert response.status_code == 400
    locked = attacker.post(TRACK, {"code": complaint.code, "secret": secret})
    assert locked.status_code == 429
    assert "Coba lagi dalam 15 menit" in locked.content.decode()
    assert attacker.get(complaint.get_absolute_url()).status_code == 200
    assert "Halaman pelapor" not in attacker.get(complaint.get_absolute_url()).content.decode()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post(TRACK, {"code": complaint.code, "secret": secret}).status_code == 302


# ---------------------------------------------------------------------------------------------
# The item page: public and private views


def test_public_item_page_never_shows_the_reporter(client: Client, world: TrackingWorld) -> None:
    """SPEC C3, C4: a public item's content is public, its reporter's identity never is."""
    complaint = file_via_portal(client)
    to_penghubung(world, complaint)
    page = Client().get(complaint.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert complaint.title in html
    for value in REPORTER.values():
        assert value not in html
    assert "Sari" not in html
    # Officials appear by role and agency only, never by name (UX.md).
    assert "Pejabat Penghubung" in html
    assert "Budi Penghubung" not in html
    assert "Rina Admin" not in html
    # The reporter's own page shows their identity to them.
    mine = client.get(complaint.get_absolute_url()).content.decode()
    assert "sari.wulandari@contoh.id" in mine
    assert "Budi Penghubung" not in mine


@pytest.mark.parametrize("privacy", [Privacy.RAHASIA, Privacy.ANONIM])
def test_rahasia_and_anonim_items_are_not_public(
    client: Client, world: TrackingWorld, privacy: str
) -> None:
    """SPEC C3: rahasia content and anonim items are invisible to the public."""
    complaint = file_via_portal(client, privacy=privacy, title="Pungutan liar di loket")
    visitor = Client()
    assert visitor.get(complaint.get_absolute_url()).status_code == 404
    listing = visitor.get("/pengaduan/", {"q": "Pungutan"}).content.decode()
    assert "Pungutan liar" not in listing
    assert complaint.code not in listing
    # The reporter still sees it.
    assert client.get(complaint.get_absolute_url()).status_code == 200


def test_unknown_code_is_404(client: Client, world: TrackingWorld) -> None:
    assert client.get("/pengaduan/LP-ZZZZ-ZZZZ/").status_code == 404


def test_reporter_page_shows_deadline_as_date_and_phrase(
    client: Client, world: TrackingWorld
) -> None:
    """SPEC C5: the verification deadline, as a date and a plain phrase (UX.md)."""
    complaint = file_via_portal(client)
    html = client.get(complaint.get_absolute_url()).content.decode()
    assert "Batas verifikasi" in html
    assert "3 hari kerja lagi" in html or "2 hari kerja lagi" in html


# ---------------------------------------------------------------------------------------------
# The reporter's own steps


def test_reporter_supplies_data_rates_and_asks_for_reexamination(
    client: Client, world: TrackingWorld
) -> None:
    """SPEC C7, C13: the reporter completes data, rates the answer, asks once to re-examine."""
    complaint = file_via_portal(client)
    to_penghubung(world, complaint)
    services.complaint_request_data(
        complaint_id=complaint.pk,
        version=v(complaint),
        user=world.penghubung,
        note="Mohon lampirkan foto bukti perekaman.",
    )
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Petugas meminta data tambahan" in page
    assert "Mohon lampirkan foto bukti perekaman." in page
    assert "Nilai tanggapan ini" not in page

    # An empty supply is refused with a message, the item unchanged.
    empty = client.post(reverse("complaints:supply_data", args=[complaint.code]), {"note": ""})
    assert empty.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == Status.MENUNGGU_DATA

    photo = SimpleUploadedFile("bukti.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("complaints:supply_data", args=[complaint.code]),
        {"note": "Foto bukti perekaman terlampir.", "attachments": [photo]},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.DITINDAKLANJUTI
    assert complaint.attachments.filter(by_reporter=True, original_name="bukti.png").exists()

    # Supplying again, now that nothing is asked, is refused without a 500.
    again = client.post(
        reverse("complaints:supply_data", args=[complaint.code]), {"note": "lagi"}, follow=True
    )
    assert again.status_code == 200
    assert "tidak dapat dilakukan" in again.content.decode()

    services.complaint_respond(
        world.penghubung,
        complaint_id=complaint.pk,
        version=v(complaint),
        answer=services.Answer(text="KTP-el Anda sudah dicetak dan dapat diambil."),
    )
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "KTP-el Anda sudah dicetak" in page
    assert "Nilai tanggapan ini" in page
    assert "Minta pemeriksaan ulang" not in page

    response = client.post(
        reverse("complaints:rate", args=[complaint.code]),
        {"satisfied": "tidak", "comment": "Di loket katanya belum ada."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.satisfied is False
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Nilai tanggapan ini" not in page
    assert "Minta pemeriksaan ulang" in page

    # Rating twice is refused with a message.
    twice = client.post(
        reverse("complaints:rate", args=[complaint.code]), {"satisfied": "ya"}, follow=True
    )
    assert twice.status_code == 200
    complaint.refresh_from_db()
    assert complaint.satisfied is False

    response = client.post(
        reverse("complaints:reexamine", args=[complaint.code]),
        {"reason": "KTP-el belum ada di loket pengambilan."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.DITINDAKLANJUTI
    assert complaint.reexamination_requested_at is not None
    assert complaint.events.filter(action=EventAction.REEXAMINATION, by_reporter=True).exists()

    # Only once: after the next answer the form is gone and a forced POST is refused.
    services.complaint_respond(
        world.penghubung,
        complaint_id=complaint.pk,
        version=v(complaint),
        answer=services.Answer(text="Sudah."),
    )
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Minta pemeriksaan ulang" not in page
    forced = client.post(
        reverse("complaints:reexamine", args=[complaint.code]), {"reason": "Sekali lagi"}
    )
    assert forced.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.SELESAI


def test_satisfied_reporter_gets_no_reexamination(client: Client, world: TrackingWorld) -> None:
    complaint = file_via_portal(client)
    to_penghubung(world, complaint)
    services.complaint_respond(
        world.penghubung,
        complaint_id=complaint.pk,
        version=v(complaint),
        answer=services.Answer(text="Beres."),
    )
    client.post(reverse("complaints:rate", args=[complaint.code]), {"satisfied": "ya"})
    complaint.refresh_from_db()
    assert complaint.satisfied is True
    assert (
        "Minta pemeriksaan ulang" not in client.get(complaint.get_absolute_url()).content.decode()
    )
    forced = client.post(reverse("complaints:reexamine", args=[complaint.code]), {"reason": "x"})
    assert forced.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.SELESAI


def test_reporter_posts_from_another_browser_are_404(client: Client, world: TrackingWorld) -> None:
    complaint = file_via_portal(client)
    to_penghubung(world, complaint)
    services.complaint_request_data(
        complaint_id=complaint.pk, version=v(complaint), user=world.penghubung, note="Foto KTP."
    )
    stranger = Client()
    for name in ("supply_data", "rate", "reexamine"):
        url = reverse(f"complaints:{name}", args=[complaint.code])
        assert (
            stranger.post(url, {"note": "x", "satisfied": "ya", "reason": "x"}).status_code == 404
        )
        assert client.get(url).status_code == 405
    complaint.refresh_from_db()
    assert complaint.status == Status.MENUNGGU_DATA


# ---------------------------------------------------------------------------------------------
# Attachments


def test_attachment_download_permissions(client: Client, world: TrackingWorld) -> None:
    """SPEC C4: the reporter's documents reach the reporter and the officials, not the public."""
    photo = SimpleUploadedFile("ktp.png", png_bytes(), content_type="image/png")
    response = client.post(
        INTAKE,
        {
            "kind": Kind.PENGADUAN,
            "title": "Berkas hilang",
            "description": "Berkas saya hilang di loket.",
            "location": "Pelaihari",
            "privacy": Privacy.PUBLIK,
            "intake_token": str(uuid.uuid4()),
            "attachments": [photo],
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    mine = Attachment.objects.get(complaint=complaint)
    url = reverse("complaints:attachment", args=[mine.pk])

    got = client.get(url)
    assert got.status_code == 200
    assert got["Content-Type"] == "image/png"
    assert got["X-Content-Type-Options"] == "nosniff"
    assert got["Content-Disposition"].startswith("attachment")
    assert b"".join(got.streaming_content).startswith(b"\x89PNG")

    assert Client().get(url).status_code == 404  # the public: not the reporter's files

    # A session tracking another item gets nothing either.
    other = Client()
    file_via_portal(other)
    assert other.get(url).status_code == 404

    # Officials who can see the item may open it; an official elsewhere may not.
    official = Client()
    official.force_login(world.admin_nasional)
    assert official.get(url).status_code == 200
    outsider_opd = AgencyFactory.opd(parent=AgencyFactory.pemda())
    outsider = UserFactory.official(agency=outsider_opd, role=Role.PENGHUBUNG)
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(url).status_code == 404


def test_public_response_files_of_public_items_are_open_to_all(
    client: Client, world: TrackingWorld
) -> None:
    complaint = file_via_portal(client)
    to_penghubung(world, complaint)
    upload = SimpleUploadedFile("jawaban.png", png_bytes(), content_type="image/png")
    services.complaint_respond(
        world.penghubung,
        complaint_id=complaint.pk,
        version=v(complaint),
        answer=services.Answer(text="Terlampir jadwal pengambilan.", files=[clean_upload(upload)]),
    )
    answer = Attachment.objects.get(by_reporter=False)
    assert answer.is_public
    url = reverse("complaints:attachment", args=[answer.pk])
    assert Client().get(url).status_code == 200
    assert url in Client().get(complaint.get_absolute_url()).content.decode()
    # Once the item is made rahasia, its files are no longer public.
    Complaint.objects.filter(pk=complaint.pk).update(privacy=Privacy.RAHASIA)
    assert Client().get(url).status_code == 404
    assert client.get(url).status_code == 200  # the reporter still can


def test_timeline_include_names_officials_on_officer_pages_only(
    client: Client, world: TrackingWorld
) -> None:
    """UX.md, SPEC C14: public pages show roles and agencies; officer pages names as well."""
    from django.template.loader import render_to_string

    from complaints import selectors

    complaint = file_via_portal(client)
    to_penghubung(world, complaint)
    events = selectors.timeline(complaint, audience="official")
    public = render_to_string(
        "includes/complaint_timeline.html", {"events": events, "officer_view": False}
    )
    officer = render_to_string(
        "includes/complaint_timeline.html", {"events": events, "officer_view": True}
    )
    assert "Pejabat Penghubung · Dinas Kependudukan" in public
    assert "Budi Penghubung" not in public
    assert "Budi Penghubung Disdukcapil · Pejabat Penghubung · Dinas Kependudukan" in officer
