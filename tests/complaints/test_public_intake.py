"""Filing an item from the portal, with or without an account (SPEC A1, C1-C3)."""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.models import User
from complaints.models import Attachment, Channel, Complaint, Kind, Privacy, Status
from complaints.views.public import RECEIPT_SESSION_KEY
from standards.models import Agency, Service
from tests.factories import AgencyFactory, ServiceFactory, UserFactory

URL = "/pengaduan/baru/"


@dataclass
class Place:
    nasional: Agency
    pemda: Agency
    opd: Agency
    other_opd: Agency
    service: Service


@pytest.fixture
def place(db: None) -> Place:
    nasional = AgencyFactory.nasional()
    pemda = AgencyFactory.pemda(name="Pemerintah Kabupaten Tanah Laut")
    opd = AgencyFactory.opd(parent=pemda, name="Dinas Kependudukan dan Pencatatan Sipil")
    other = AgencyFactory.opd(parent=pemda, name="Dinas Pekerjaan Umum")
    service = ServiceFactory(agency=opd, name="Penerbitan KTP-el", code="DKC-KTP")
    return Place(nasional, pemda, opd, other, service)


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": Kind.PENGADUAN,
        "title": "KTP-el belum jadi setelah enam minggu",
        "description": "Saya merekam KTP-el enam minggu lalu dan belum ada kabar.",
        "location": "Kantor Disdukcapil, Jl. A. Syairani No. 1, Pelaihari",
        "privacy": Privacy.PUBLIK,
        "reporter_name": "Sari Wulandari",
        "reporter_email": "sari@contoh.id",
        "reporter_phone": "081234567890",
        "intake_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def png_file(name: str = "foto.png", size: tuple[int, int] = (20, 20)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, "blue").save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def jpeg_with_gps() -> SimpleUploadedFile:
    img = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    exif[0x8825] = {1: "S", 2: (3.0, 48.0, 0.0), 3: "E", 4: (114.0, 45.0, 0.0)}  # GPS IFD
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    return SimpleUploadedFile("jalan.jpg", buf.getvalue(), content_type="image/jpeg")


def field_errors(response: Any, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def test_form_shows_choices_and_submit_label(client: Client, place: Place) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kirim pengaduan" in html
    assert 'name="intake_token"' in html
    assert "Saya tidak tahu" in html
    # One plain sentence under each privacy choice (SPEC C3).
    assert "Isi laporan dapat dilihat umum, identitas Anda tidak." in html
    assert "Identitas Anda tidak diketahui petugas mana pun" in html
    assert re.search(r'<input type="file" name="attachments"[^>]* multiple', html)
    # Services are grouped by the agency providing them.
    assert f'<optgroup label="{place.opd.name}">' in html


def test_service_code_in_query_preselects_service_and_its_opd(client: Client, place: Place) -> None:
    response = client.get(URL, {"layanan": place.service.code})
    form = response.context["form"]
    assert form.initial["service"] == place.service.pk
    assert form.initial["agency"] == place.opd.pk
    assert f'<option value="{place.service.pk}" selected>' in response.content.decode()


def test_anonymous_visitor_files_and_gets_receipt(client: Client, place: Place) -> None:
    """SPEC A1: filing without an account gives a tracking code and a secret."""
    response = client.post(URL, form_data(agency=place.opd.pk, service=place.service.pk))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:receipt", args=[complaint.code])
    assert complaint.reporter is None
    assert complaint.channel == Channel.PORTAL
    assert complaint.status == Status.DITERIMA
    assert complaint.holder_agency == place.nasional
    assert complaint.agency == place.opd and complaint.service == place.service
    assert complaint.reporter_name == "Sari Wulandari"
    assert complaint.code in client.session[RECEIPT_SESSION_KEY]


def test_logged_in_citizen_files_without_identity_fields(client: Client, place: Place) -> None:
    citizen: User = UserFactory(full_name="Budi Santoso")
    client.force_login(citizen)
    response = client.get(URL)
    assert response.context["form"].initial["reporter_name"] == "Budi Santoso"
    data = form_data(reporter_name="", reporter_email="", reporter_phone="", kind=Kind.ASPIRASI)
    data.pop("location")
    response = client.post(URL, data)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.reporter == citizen
    assert complaint.reporter_identity_for(citizen)["name"] == "Budi Santoso"
    # The account alone opens the reporter's page, without code + secret.
    fresh = Client()
    fresh.force_login(citizen)
    page = fresh.get(complaint.get_absolute_url())
    assert page.status_code == 200
    assert "Halaman pelapor" in page.content.decode()


def test_pengaduan_without_location_is_refused_next_to_the_field(
    client: Client, place: Place
) -> None:
    """SPEC C2: a report carries a location."""
    response = client.post(URL, form_data(location=""))
    assert response.status_code == 400
    assert field_errors(response, "location") == ["Tuliskan lokasi kejadian untuk pengaduan."]
    html = response.content.decode()
    assert "Periksa kembali isian berikut" in html  # the summary at the top
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("location", ["<b></b>", "<script>Jl. A. Yani</script>", "   "])
def test_markup_only_location_counts_as_empty(client: Client, place: Place, location: str) -> None:
    """SPEC C2: a location made only of markup is no location: a field error, not a 500."""
    response = client.post(URL, form_data(location=location))
    assert response.status_code == 400
    assert field_errors(response, "location") == ["Tuliskan lokasi kejadian untuk pengaduan."]
    assert Complaint.objects.count() == 0


def test_aspirasi_needs_no_location(client: Client, place: Place) -> None:
    """SPEC C2: the location rule holds for pengaduan; an aspirasi may go without."""
    response = client.post(URL, form_data(kind=Kind.ASPIRASI, location=""))
    assert response.status_code == 302
    assert Complaint.objects.get().location == ""


def test_future_event_date_is_refused(client: Client, place: Place) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(URL, form_data(event_date=tomorrow.isoformat()))
    assert response.status_code == 400
    assert field_errors(response, "event_date") == ["Tanggal kejadian tidak boleh di masa depan."]
    today = client.post(URL, form_data(event_date=timezone.localdate().isoformat()))
    assert today.status_code == 302


def test_service_of_another_opd_is_refused(client: Client, place: Place) -> None:
    response = client.post(URL, form_data(agency=place.other_opd.pk, service=place.service.pk))
    assert response.status_code == 400
    assert field_errors(response, "service") == ["Layanan ini bukan milik OPD yang dipilih."]


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        (
            "surat.pdf",
            b"%PDF-1.4\n1 0 obj\n<script>alert(1)</script>\nendobj\n%%EOF\n",
            "Berkas surat.pdf bukan PDF yang sah.",
        ),
        (
            "foto.jpg",
            b"\xff\xd8\xff\xe0" + b"<html><script>alert(1)</script></html>" * 20,
            "Berkas foto.jpg bukan gambar yang sah.",
        ),
        (
            "program.exe",
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
            "Berkas program.exe tidak diterima. Lampirkan foto (JPG/PNG) atau PDF.",
        ),
        (
            "catatan.txt",
            b"hanya teks biasa",
            "Berkas catatan.txt tidak diterima. Lampirkan foto (JPG/PNG) atau PDF.",
        ),
    ],
)
def test_unsafe_or_unknown_files_are_refused_with_a_clear_message(
    client: Client, place: Place, name: str, payload: bytes, message: str
) -> None:
    upload = SimpleUploadedFile(name, payload, content_type="application/pdf")
    response = client.post(URL, {**form_data(), "attachments": [upload]})
    assert response.status_code == 400
    assert field_errors(response, "attachments") == [message]
    assert message in response.content.decode()
    assert Complaint.objects.count() == 0


def test_six_files_are_refused(client: Client, place: Place) -> None:
    files = [png_file(f"foto{i}.png") for i in range(6)]
    response = client.post(URL, {**form_data(), "attachments": files})
    assert response.status_code == 400
    assert field_errors(response, "attachments") == ["Paling banyak 5 lampiran."]


def test_five_files_are_accepted(client: Client, place: Place) -> None:
    files = [png_file(f"foto{i}.png") for i in range(5)]
    response = client.post(URL, {**form_data(), "attachments": files})
    assert response.status_code == 302
    assert Attachment.objects.filter(by_reporter=True, is_public=False).count() == 5


def test_file_over_five_megabytes_is_refused(client: Client, place: Place) -> None:
    big = SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024) + b"\n%%EOF")
    response = client.post(URL, {**form_data(), "attachments": [big]})
    assert response.status_code == 400
    assert field_errors(response, "attachments") == ["Berkas besar.pdf lebih dari 5 MB."]


def test_jpeg_is_accepted_and_its_exif_gps_is_stripped(client: Client, place: Place) -> None:
    response = client.post(URL, {**form_data(), "attachments": [jpeg_with_gps()]})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg"
    assert attachment.original_name == "jalan.jpg"
    with attachment.file.open("rb") as fh, Image.open(fh) as stored:
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info


def test_double_submit_with_same_token_creates_one_item(client: Client, place: Place) -> None:
    data = form_data()
    first = client.post(URL, data)
    second = client.post(URL, data, follow=True)
    assert Complaint.objects.count() == 1
    complaint = Complaint.objects.get()
    assert first["Location"] == reverse("complaints:receipt", args=[complaint.code])
    assert second.redirect_chain[0][0] == reverse("complaints:receipt", args=[complaint.code])
    assert "sudah terkirim sebelumnya" in second.content.decode()
    # Another browser replaying the same form gets no access to the item, and no second one.
    other = Client()
    replay = other.post(URL, data)
    assert replay.status_code == 302
    assert replay["Location"] == reverse("complaints:track")
    assert Complaint.objects.count() == 1


def test_missing_or_mangled_token_still_files_once(client: Client, place: Place) -> None:
    response = client.post(URL, form_data(intake_token="bukan-uuid"))
    assert response.status_code == 302
    assert Complaint.objects.get().intake_token is not None


def test_markup_in_text_is_stored_plain_and_escaped(client: Client, place: Place) -> None:
    data = form_data(
        title="<script>alert('judul')</script>Jalan berlubang",
        description='Lubang besar <img src=x onerror="alert(1)"> di depan pasar & "terminal".',
    )
    client.post(URL, data)
    complaint = Complaint.objects.get()
    assert "<script" not in complaint.title
    assert "<img" not in complaint.description
    # The public sees nothing before verification (SPEC C3): the reporter's own page only.
    assert Client().get(complaint.get_absolute_url()).status_code == 404
    for page in (client.get(complaint.get_absolute_url()),):
        html = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in html
        assert "onerror=" not in html
        assert "Jalan berlubang" in html
        # What is left of the text is escaped on output.
        assert "di depan pasar &amp; &quot;terminal&quot;." in html


def test_latitude_without_longitude_is_refused(client: Client, place: Place) -> None:
    response = client.post(URL, form_data(latitude="-3.8"))
    assert response.status_code == 400
    assert field_errors(response, "longitude")
    ok = client.post(URL, form_data(latitude="-3.8", longitude="114.75"))
    assert ok.status_code == 302
