"""Requests for public information as 003:Pasal 40(8)-(13) describes them, and managed
categories with a default OPD (002:Bab VI B.1.a.7): the citizen's form, the officials' desk,
the public pages (SPEC C2, C4, C5, C11)."""

from __future__ import annotations

import io
import re
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from complaints import services
from complaints.forms_officer import RouteForm
from complaints.models import (
    Attachment,
    Category,
    Complaint,
    DeliveryFormat,
    InformationRequest,
    Kind,
    Privacy,
    SlaClass,
    Status,
)
from complaints.workflow import Actor, TransitionRefused
from tests.personas import MONDAY, World, route_to_penghubung

pytestmark = pytest.mark.django_db

URL = "/pengaduan/baru/"
NIK = "6301015505900002"


def ktp_png() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(buf, format="PNG")
    return SimpleUploadedFile("ktp-sari.png", buf.getvalue(), content_type="image/png")


def request_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": Kind.INFORMASI,
        "title": "Daftar penerima bantuan sosial 2026",
        "description": "Mohon salinan daftar penerima bantuan sosial Desa Panggung tahun 2026.",
        "privacy": Privacy.PUBLIK,
        "reporter_name": "Sari Wulandari",
        "reporter_email": "sari@contoh.id",
        "reporter_phone": "081234567890",
        "nik": NIK,
        "identity_card": ktp_png(),
        "address": "Jl. Datu Insad RT 03 No. 7, Desa Panggung, Pelaihari",
        "purpose": "Memeriksa apakah orang tua saya terdaftar.",
        "delivery_method": "email",
        "intake_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_citizen_files_an_information_request_with_what_pasal_40_8_asks(
    client: Client, world: World
) -> None:
    """SPEC C2, C11: the request carries NIK, a copy of the identity card, address, purpose
    and the way of delivery (003:Pasal 40(8)); the card is the reporter's private file."""
    response = client.post(URL, request_data())
    assert response.status_code == 302
    c = Complaint.objects.get()
    info = InformationRequest.objects.get(complaint=c)
    assert (info.nik, info.delivery_method) == (NIK, "email")
    assert info.address.startswith("Jl. Datu Insad") and "orang tua" in info.purpose
    card = Attachment.objects.get(complaint=c)
    assert card.is_identity_card and card.by_reporter and not card.is_public


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nik": None}, "nik"),
        ({"nik": "63010155059000"}, "nik"),
        ({"nik": "63010155059000AB"}, "nik"),
        ({"identity_card": None}, "identity_card"),
        ({"address": ""}, "address"),
        ({"purpose": "<b></b>"}, "purpose"),
        ({"delivery_method": ""}, "delivery_method"),
        ({"delivery_method": "merpati"}, "delivery_method"),
        ({"reporter_name": ""}, "reporter_name"),
        ({"reporter_email": "", "reporter_phone": ""}, "reporter_email"),
        ({"privacy": Privacy.ANONIM}, "privacy"),
    ],
)
def test_an_incomplete_information_request_is_refused_next_to_the_field(
    client: Client, world: World, overrides: dict[str, Any], field: str
) -> None:
    """SPEC C11: 003:Pasal 40(8) lists what a request needs; each gap gets an Indonesian
    message beside its field, never a 500."""
    response = client.post(URL, request_data(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Complaint.objects.exists()


def test_other_kinds_do_not_ask_for_identity(client: Client, world: World) -> None:
    """SPEC C2: the NIK and identity card are asked of information requests only."""
    data = request_data(kind=Kind.ASPIRASI, nik=None, identity_card=None, privacy="anonim")
    assert client.post(URL, data).status_code == 302
    assert not InformationRequest.objects.exists()


def test_nik_address_and_card_never_reach_the_public_or_followers(
    client: Client, world: World
) -> None:
    """SPEC C4: the requester's NIK, address and identity card are seen by the officials who
    hold the item, never on the public page, never by followers (kepala)."""
    client.post(URL, request_data())
    c = route_to_penghubung(world, Complaint.objects.get(), now=timezone.now())
    card = Attachment.objects.get(complaint=c)
    for key in ("kepala", None):
        visitor = Client()
        if key:
            visitor.force_login(world.user(key))
        page = visitor.get(f"/pengaduan/{c.code}/").content.decode()
        if key:
            page += visitor.get(f"/dasbor/pengaduan/{c.code}/").content.decode()
        assert NIK not in page and "Datu Insad" not in page and "ktp-sari" not in page
        assert visitor.get(f"/pengaduan/lampiran/{card.pk}/").status_code == 404
    client.force_login(world.user("penghubung"))
    page = client.get(f"/dasbor/pengaduan/{c.code}/").content.decode()
    assert NIK in page and "Datu Insad" in page and "salinan kartu identitas" in page
    assert client.get(f"/pengaduan/lampiran/{card.pk}/").status_code == 200


def _accepted_information_request(world: World) -> Complaint:
    c = world.submit(
        kind=Kind.INFORMASI,
        title="Daftar penerima bansos",
        description="Mohon salinan daftar penerima.",
        location="",
        privacy=Privacy.PUBLIK,
        information=services.InformationDetails(nik=NIK, delivery_method="ambil"),
        now=MONDAY,
    ).complaint
    c = route_to_penghubung(world, c)
    return services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.INFORMASI_PUBLIK),
    )


def test_delivery_records_material_format_and_copying_costs(world: World) -> None:
    """SPEC C11: the answer records the material and its format (003:Pasal 40(11)-(12)) and
    copying costs with their basis; without costs it is free (40(13))."""
    c = _accepted_information_request(world)
    penghubung = world.user("penghubung")
    with pytest.raises(TransitionRefused):  # an information answer records the delivery
        services.complaint_respond(
            penghubung, complaint_id=c.pk, version=c.version, answer=services.Answer(text="Ada.")
        )
    with pytest.raises(TransitionRefused):  # costs need their basis
        services.complaint_respond(
            penghubung,
            complaint_id=c.pk,
            version=c.version,
            answer=services.Answer(
                text="Silakan diambil.",
                delivery=services.Delivery(
                    material="Daftar", format=DeliveryFormat.TERTULIS, cost_amount=20_000
                ),
            ),
        )
    c = services.complaint_respond(
        penghubung,
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(
            text="Silakan diambil di loket.",
            delivery=services.Delivery(
                material="Daftar penerima bansos Desa Panggung 2026",
                format=DeliveryFormat.TERTULIS,
                cost_amount=20_000,
                cost_basis="40 lembar fotokopi × Rp 500",
            ),
        ),
    )
    info = InformationRequest.objects.get(complaint=c)
    assert c.status == Status.SELESAI and info.delivered_at == c.responded_at
    assert (info.delivered_format, info.cost_amount) == (DeliveryFormat.TERTULIS, 20_000)
    page = Client().get(f"/pengaduan/{c.code}/").content.decode()
    assert "Daftar penerima bansos Desa Panggung 2026" in page
    assert "Data tertulis / cetak" in page and "40 lembar fotokopi" in page
    assert NIK not in page


def test_delivery_through_the_desk_is_free_when_no_cost_is_stated(
    client: Client, world: World
) -> None:
    """SPEC C11: information is free (003:Pasal 40(13)); the desk's answer form asks for the
    delivery record of an information request."""
    c = _accepted_information_request(world)
    client.force_login(world.user("penghubung"))
    base = f"/dasbor/pengaduan/{c.code}/"
    assert 'name="respond-delivered_material"' in client.get(base).content.decode()
    response = client.post(
        base + "respond/",
        {"respond-version": c.version, "respond-response": "Terlampir.", "respond-cost_amount": 0},
    )
    assert response.status_code == 400  # material and format are required
    response = client.post(
        base + "respond/",
        {
            "respond-version": c.version,
            "respond-response": "Terlampir.",
            "respond-delivered_material": "Jadwal hemodialisa Desember",
            "respond-delivered_format": "softcopy",
            "respond-cost_amount": "0",
        },
    )
    assert response.status_code == 302
    page = Client().get(f"/pengaduan/{c.code}/").content.decode()
    assert "Jadwal hemodialisa Desember" in page and "Gratis" in page


def test_an_answer_to_a_complaint_has_no_delivery_record(world: World) -> None:
    """SPEC C11: the delivery record belongs to information requests only."""
    c = route_to_penghubung(world, world.submit(now=MONDAY).complaint)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF),
    )
    with pytest.raises(TransitionRefused):
        services.complaint_respond(
            world.user("penghubung"),
            complaint_id=c.pk,
            version=c.version,
            answer=services.Answer(
                text="Selesai.", delivery=services.Delivery(material="x", format="softcopy")
            ),
        )


# ---------------------------------------------------------------------------------------------
# Categories


@pytest.fixture
def jalan(world: World) -> Category:
    return Category.objects.create(
        name="Infrastruktur jalan", slug="jalan-uji", default_agency=world.dukcapil
    )


def test_the_citizen_picks_an_active_category(client: Client, world: World, jalan) -> None:
    """SPEC C5: categories are a managed list (002:Bab VI B.1.a.7); retired ones are not
    offered."""
    retired = Category.objects.create(name="Kategori lama", slug="lama", is_active=False)
    page = client.get(URL).content.decode()
    assert f'value="{jalan.pk}"' in page and f'value="{retired.pk}"' not in page
    data = request_data(kind=Kind.ASPIRASI, category=jalan.pk, nik=None, identity_card=None)
    assert client.post(URL, data).status_code == 302
    assert Complaint.objects.get().category == jalan
    data = request_data(kind=Kind.ASPIRASI, category=retired.pk, intake_token=str(uuid.uuid4()))
    assert client.post(URL, data).status_code == 400


def test_routing_proposes_the_categorys_default_opd(world: World, jalan) -> None:
    """SPEC C5: routed by category: the routing form preselects the category's default OPD,
    and the admin may still choose another."""
    c = world.submit(category=jalan).complaint
    admin_n = world.user("admin_nasional")
    c = services.complaint_verify(admin_n, complaint_id=c.pk, version=c.version)
    c = services.complaint_route(
        complaint_id=c.pk, version=c.version, user=admin_n, to_agency=world.pemda
    )
    admin_i = world.user("admin_instansi")
    c = services.complaint_verify(admin_i, complaint_id=c.pk, version=c.version)
    form = RouteForm(complaint=c, actor=Actor.ADMIN_INSTANSI)
    assert form.initial["to_agency"] == world.dukcapil.pk
    assert "Infrastruktur jalan" in str(form.fields["to_agency"].help_text)
    bound = RouteForm(
        {"route-version": c.version, "route-to_agency": world.rsud.pk},
        complaint=c,
        actor=Actor.ADMIN_INSTANSI,
    )
    assert bound.is_valid() and bound.cleaned_data["to_agency"] == world.rsud
    # Without a category nothing is proposed.
    c.category = None
    assert "to_agency" not in RouteForm(complaint=c, actor=Actor.ADMIN_INSTANSI).initial


def test_operators_keep_categories_in_the_admin_through_the_rulebook(
    client: Client, world: World, jalan
) -> None:
    """Categories are kept by the roles the rulebook names (standards.access
    MANAGE_CATEGORIES); a Pejabat Penghubung may not."""
    operator = world.user("operator")
    operator.is_staff = True
    operator.save(update_fields=["is_staff"])
    client.force_login(operator)
    assert client.get("/admin/complaints/category/").status_code == 200
    response = client.post(
        f"/admin/complaints/category/{jalan.pk}/change/",
        {
            "name": "Jalan dan jembatan",
            "slug": "jalan-uji",
            "default_agency": world.rsud.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    jalan.refresh_from_db()
    assert (jalan.name, jalan.default_agency) == ("Jalan dan jembatan", world.rsud)
    penghubung = world.user("penghubung")
    penghubung.is_staff = True
    penghubung.save(update_fields=["is_staff"])
    client.force_login(penghubung)
    assert client.get("/admin/complaints/category/").status_code == 403


# ---------------------------------------------------------------------------------------------
# No English or bare-dash placeholder on an Indonesian page

PLACEHOLDER = re.compile(r"Select an option|---------|\(descending\)|\(ascending\)", re.I)


def test_no_select_on_the_officials_pages_shows_an_english_or_dash_placeholder(
    client: Client, world: World, jalan
) -> None:
    """UX.md: every select offers an Indonesian empty choice ("— Pilih —", "Semua"), not
    Django's "- Select an option -", django-filter's "---------" or "(descending)"."""
    c = world.submit(category=jalan).complaint
    pages = {
        "admin_nasional": [
            "/dasbor/",
            "/dasbor/?status=diterima",
            f"/dasbor/pengaduan/{c.code}/",
            "/dasbor/pengaduan/baru/",
        ],
        "operator": ["/dasbor/reputasi/", "/dasbor/reputasi/kios/", "/dasbor/reputasi/teguran/"],
        "kepala": ["/dasbor/survei/baru/"],
    }
    seen = 0
    for key, urls in pages.items():
        client.force_login(world.user(key))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            seen += html.count("<select")
            assert not PLACEHOLDER.search(html), (url, PLACEHOLDER.search(html))
    client.logout()
    html = client.get(URL).content.decode()
    assert not PLACEHOLDER.search(html)
    assert seen >= 15  # the pages above really carry their selects
