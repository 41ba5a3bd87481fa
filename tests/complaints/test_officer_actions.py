"""Every action of the officials' desk through its view, forbidden ones included
(SPEC C1, C3, C5, C6, C12, C14, A2), the manual intake, and the read-only admin."""

from __future__ import annotations

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from accounts.models import User
from complaints import services
from complaints.models import (
    Attachment,
    Category,
    Channel,
    Complaint,
    Copy,
    DeclineReason,
    Event,
    EventAction,
    HolderTier,
    Kind,
    Nature,
    Privacy,
    SlaClass,
    Status,
)
from complaints.views import officer
from complaints.workflow import Act
from tests.personas import World, fresh


@pytest.fixture
def category(db: None) -> Category:
    return Category.objects.create(name="Administrasi kependudukan", slug="adminduk")


def login(w: World, key: str) -> Client:
    client = Client()
    client.force_login(w.users[key])
    return client


def act(client: Client, c: Complaint, name: str, data: dict, **extra) -> object:
    """POST one action form, with the field prefix the page uses and the item's version."""
    payload = {f"{name}-version": fresh(c).version}
    payload.update({f"{name}-{k}": v for k, v in data.items()})
    return client.post(reverse("complaints:officer_act", args=[c.code, name]), payload, **extra)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def png(name: str = "bukti.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def at_opd(w: World, **submit) -> Complaint:
    """An item verified and routed down to Disdukcapil, through the services."""
    c = w.submit(**submit).complaint
    u = w.users
    services.complaint_verify(u["admin_nasional"], complaint_id=c.pk, version=c.version)
    services.complaint_route(
        complaint_id=c.pk, version=fresh(c).version, user=u["admin_nasional"], to_agency=w.pemda
    )
    services.complaint_verify(u["admin_instansi"], complaint_id=c.pk, version=fresh(c).version)
    services.complaint_route(
        complaint_id=c.pk,
        version=fresh(c).version,
        user=u["admin_instansi"],
        to_agency=w.dukcapil,
    )
    return fresh(c)


def at_instansi(w: World, **submit) -> Complaint:
    c = w.submit(**submit).complaint
    u = w.users
    services.complaint_verify(u["admin_nasional"], complaint_id=c.pk, version=c.version)
    services.complaint_route(
        complaint_id=c.pk, version=fresh(c).version, user=u["admin_nasional"], to_agency=w.pemda
    )
    return fresh(c)


def test_whole_route_nasional_instansi_penghubung_respond(world: World, category) -> None:
    """SPEC C5, C6, C8, C14: Admin Nasional verifies and routes to the pemda, Admin Instansi
    verifies and routes to the OPD, the Penghubung accepts with an SLA class and responds;
    every step is on the timeline with who took it."""
    w = world
    c = w.submit().complaint
    nas = login(w, "admin_nasional")

    page = nas.get(reverse("complaints:officer_detail", args=[c.code]))
    assert 'id="tindakan-verify"' in page.text
    assert 'id="tindakan-route"' not in page.text  # only once verified
    r = act(
        nas,
        c,
        "verify",
        {
            "category": category.pk,
            "nature": Nature.SENGKETA,
            "subject": "Petugas loket KTP",
            "object": "Penerbitan KTP-el",
            "privacy": Privacy.ANONIM,
        },
    )
    assert r.status_code == 302
    c = fresh(c)
    assert c.status == Status.DIVERIFIKASI
    assert c.category == category
    assert c.subject == "Petugas loket KTP"

    r = act(nas, c, "route", {"to_agency": w.pemda.pk, "note": "Kewenangan pemda"})
    assert r.status_code == 302
    c = fresh(c)
    assert (c.holder_agency, c.status) == (w.pemda, Status.DIDISPOSISIKAN)

    ai = login(w, "admin_instansi")
    act(ai, c, "verify", {"category": category.pk, "privacy": Privacy.ANONIM})
    page = ai.get(reverse("complaints:officer_detail", args=[c.code])).text
    route_form = page[page.index('id="tindakan-route"') :].split("</form>")[0]
    # Admin Instansi picks among the pemda's OPDs, not another pemda's.
    assert w.dukcapil.name in route_form
    assert w.other_opd.name not in route_form
    act(ai, c, "route", {"to_agency": w.dukcapil.pk})
    c = fresh(c)
    assert (c.holder_agency, c.holder_tier) == (w.dukcapil, HolderTier.OPD)

    ph = login(w, "penghubung")
    r = act(ph, c, "accept", {"sla_class": SlaClass.TANPA_PEMERIKSAAN, "privacy": "anonim"})
    assert r.status_code == 302
    c = fresh(c)
    assert c.status == Status.DITINDAKLANJUTI
    assert c.resolution_due_at is not None

    r = act(
        ph,
        c,
        "respond",
        {"response": "KTP-el sudah dicetak dan dapat diambil.", "files": [png()]},
    )
    assert r.status_code == 302, getattr(r, "text", "")
    c = fresh(c)
    assert c.status == Status.SELESAI
    assert c.response == "KTP-el sudah dicetak dan dapat diambil."
    att = Attachment.objects.get(complaint=c, by_reporter=False)
    assert att.content_type == "image/png" and att.is_public

    actions = list(Event.objects.filter(complaint=c).values_list("action", "actor__username"))
    assert actions == [
        (EventAction.SUBMITTED, None),
        (EventAction.VERIFIED, "admin.nasional"),
        (EventAction.ROUTED, "admin.nasional"),
        # The routing note was not shared: it stays on an internal note (SPEC C4).
        (EventAction.NOTE, "admin.nasional"),
        (EventAction.VERIFIED, "admin.instansi"),
        (EventAction.ROUTED, "admin.instansi"),
        (EventAction.ACCEPTED, "penghubung.dukcapil"),
        (EventAction.RESPONDED, "penghubung.dukcapil"),
    ]
    timeline = ph.get(reverse("complaints:officer_detail", args=[c.code])).text
    assert "Penghubung Dukcapil" in timeline  # officials' names on officer pages (UX.md)


def test_penghubung_is_not_offered_and_cannot_route(world: World) -> None:
    """SPEC C6, A2: routing belongs to the admin tiers; a Penghubung sees no routing form and a
    forged POST is refused without changing the item."""
    c = at_opd(world)
    ph = login(world, "penghubung")
    page = ph.get(reverse("complaints:officer_detail", args=[c.code]))
    assert 'id="tindakan-accept"' in page.text
    assert 'id="tindakan-route"' not in page.text
    assert 'id="tindakan-verify"' not in page.text
    before = Event.objects.filter(complaint=c).count()
    r = act(ph, c, "route", {"to_agency": world.rsud.pk})
    assert r.status_code == 302
    assert any("tidak dapat dilakukan" in m for m in messages_of(r))
    c2 = fresh(c)
    assert (c2.holder_agency, c2.version) == (world.dukcapil, c.version)
    assert Event.objects.filter(complaint=c).count() == before


def test_stale_form_is_refused_with_a_message(world: World) -> None:
    """SPEC C14: of two officers acting on the same version, the second is told the item
    changed, and nothing of theirs is written."""
    c = world.submit().complaint
    seen = c.version
    services.complaint_add_note(
        complaint_id=c.pk, version=seen, user=world.users["admin_nasional"], note="lebih dulu"
    )
    client = login(world, "admin_nasional")
    r = client.post(
        reverse("complaints:officer_act", args=[c.code, "verify"]),
        {"verify-version": seen, "verify-privacy": Privacy.ANONIM},
    )
    assert r.status_code == 302
    assert any("baru saja diubah oleh petugas lain" in m for m in messages_of(r))
    assert fresh(c).status == Status.DITERIMA
    assert not Event.objects.filter(complaint=c, action=EventAction.VERIFIED).exists()


def test_stale_detected_by_the_service_under_lock(world: World, monkeypatch) -> None:
    """SPEC C14: when the change lands between the page check and the row lock, the
    service's StaleComplaint becomes the same message, never a server error."""
    c = world.submit().complaint

    def raced(*args: object, **kwargs: object) -> Complaint:
        raise services.StaleComplaint()

    monkeypatch.setitem(officer.PERFORM, Act.NOTE, officer._note_only(raced))
    r = act(login(world, "admin_nasional"), c, "note", {"note": "x"})
    assert r.status_code == 302
    assert any("baru saja diubah oleh petugas lain" in m for m in messages_of(r))


@pytest.mark.parametrize("role", ["kepala", "pimpinan", "operator"])
def test_followers_may_read_but_not_act(world: World, role: str) -> None:
    """SPEC A2: kepala, pimpinan and operator read the item (no forms shown) and get 403
    when they post an action."""
    c = at_opd(world)
    client = login(world, role)
    page = client.get(reverse("complaints:officer_detail", args=[c.code]))
    assert page.status_code == 200
    assert 'id="tindakan-' not in page.text
    r = act(client, c, "note", {"note": "Saya ikut mencatat"})
    assert r.status_code == 403
    assert fresh(c).version == c.version


def test_unknown_or_reporter_act_is_404_and_get_is_405(world: World) -> None:
    c = world.submit().complaint
    client = login(world, "admin_nasional")
    for name in ("hapus", "rate", "supply_data", "archive"):
        r = client.post(reverse("complaints:officer_act", args=[c.code, name]), {})
        assert r.status_code == 404, name
    r = client.get(reverse("complaints:officer_act", args=[c.code, "note"]))
    assert r.status_code == 405


def test_decline_requires_a_recorded_reason(world: World) -> None:
    """SPEC C12: an item is declined only for one of the reasons of 001:Pasal 11(2)."""
    c = world.submit().complaint
    client = login(world, "admin_nasional")
    for reason in ("", "bosan"):
        r = act(client, c, "decline", {"reason": reason, "note": "tanpa alasan sah"})
        assert r.status_code == 400
        assert fresh(c).status == Status.DITERIMA
    r = act(client, c, "decline", {"reason": DeclineReason.SARA, "note": "Menghasut"})
    assert r.status_code == 302
    c = fresh(c)
    assert (c.status, c.decline_reason) == (Status.DITOLAK, DeclineReason.SARA)
    assert c.closed_at is not None
    # Declined, not deleted (C12): the item is still there with its whole timeline.
    assert Event.objects.filter(complaint=c, action=EventAction.DECLINED).exists()


def test_privacy_can_be_tightened_never_loosened(world: World) -> None:
    """SPEC C3: at verification privacy may become stricter, never looser."""
    c = world.submit(privacy=Privacy.RAHASIA).complaint
    client = login(world, "admin_nasional")
    page = client.get(reverse("complaints:officer_detail", args=[c.code])).text
    assert 'value="publik"' not in page
    assert 'value="rahasia"' in page and 'value="anonim"' in page

    r = act(client, c, "verify", {"privacy": Privacy.PUBLIK})
    assert r.status_code == 400
    assert "verify-privacy" in r.text
    c = fresh(c)
    assert (c.privacy, c.status) == (Privacy.RAHASIA, Status.DITERIMA)

    r = act(client, c, "verify", {"privacy": Privacy.ANONIM})
    assert r.status_code == 302
    c = fresh(c)
    assert (c.privacy, c.status) == (Privacy.ANONIM, Status.DIVERIFIKASI)
    assert Event.objects.filter(complaint=c, action=EventAction.PRIVACY_TIGHTENED).exists()


def test_admin_instansi_hands_abuse_of_authority_to_apip(world: World) -> None:
    """SPEC C6: the APIP box routes the item to the pemda's Inspektorat."""
    c = at_instansi(world)
    client = login(world, "admin_instansi")
    act(client, c, "verify", {"privacy": Privacy.ANONIM})
    r = act(client, c, "route", {"to_apip": "on", "note": "Dugaan pungli"})
    assert r.status_code == 302
    c = fresh(c)
    assert (c.holder_agency, c.is_apip) == (world.inspektorat, True)


def test_route_without_target_is_a_form_error(world: World) -> None:
    c = at_instansi(world)
    client = login(world, "admin_instansi")
    act(client, c, "verify", {"privacy": Privacy.ANONIM})
    r = act(client, c, "route", {"note": "ke mana?"})
    assert r.status_code == 400
    assert "Pilih tujuan disposisi." in r.text
    assert fresh(c).holder_agency == world.pemda


def test_penghubung_assigns_unit_notes_copies_and_reports_obstacle(world: World) -> None:
    """SPEC C6, C9, C14: unit assignment, internal notes (not public), a copy to another
    OPD and an obstacle report, each recorded on the timeline."""
    c = at_opd(world)
    ph = login(world, "penghubung")
    act(ph, c, "accept", {"sla_class": SlaClass.NORMATIF, "privacy": Privacy.ANONIM})
    assert act(ph, c, "note", {"note": "Cek berkas di loket 2"}).status_code == 302
    note = Event.objects.get(complaint=c, action=EventAction.NOTE)
    assert note.is_public is False and note.actor == world.users["penghubung"]

    assert act(ph, c, "obstacle", {"note": ""}).status_code == 400
    assert act(ph, c, "obstacle", {"note": "Blangko habis"}).status_code == 302
    assert Event.objects.filter(complaint=c, action=EventAction.OBSTACLE, is_public=True).exists()

    assert act(ph, c, "assign_unit", {"unit": world.unit.pk}).status_code == 302
    c = fresh(c)
    assert (c.holder_agency, c.holder_tier) == (world.unit, HolderTier.UNIT)

    upp = login(world, "admin_upp")
    page = upp.get(reverse("complaints:officer_detail", args=[c.code])).text
    # SPEC C6: the unit drafts the answer; only the Penghubung answers the reporter.
    assert 'id="tindakan-draft_answer"' in page
    assert 'id="tindakan-respond"' not in page
    assert 'id="tindakan-assign_unit"' not in page


def test_admin_copies_to_another_opd(world: World) -> None:
    """SPEC C6: a tembusan to another agency, which then can follow the item."""
    c = at_instansi(world)
    ai = login(world, "admin_instansi")
    act(ai, c, "verify", {"privacy": Privacy.ANONIM})
    r = act(ai, c, "copy", {"agency": world.rsud.pk, "note": "Mohon bantuan"})
    assert r.status_code == 302
    assert Copy.objects.filter(complaint=c, agency=world.rsud).exists()
    rsud = login(world, "penghubung_rsud")
    assert rsud.get(reverse("complaints:officer_detail", args=[c.code])).status_code == 200


def test_penghubung_returns_item_and_lands_on_inbox(world: World) -> None:
    """SPEC C6: an item outside the OPD's authority goes back to Admin Instansi; a reason is
    required; the Penghubung no longer sees it and is sent to the inbox."""
    c = at_opd(world)
    ph = login(world, "penghubung")
    assert act(ph, c, "return", {"note": ""}).status_code == 400
    r = act(ph, c, "return", {"note": "Bukan kewenangan Disdukcapil"})
    assert r.status_code == 302
    assert r.url == reverse("complaints:inbox")
    c = fresh(c)
    assert (c.holder_agency, c.status) == (world.pemda, Status.DIVERIFIKASI)


def test_request_data_needs_what_is_missing(world: World) -> None:
    """SPEC C7: a data request says what is needed and starts the 10-day clock."""
    c = world.submit().complaint
    nas = login(world, "admin_nasional")
    assert act(nas, c, "request_data", {"note": "  "}).status_code == 400
    assert act(nas, c, "request_data", {"note": "Foto KTP lama"}).status_code == 302
    c = fresh(c)
    assert c.status == Status.MENUNGGU_DATA and c.data_due_at is not None


def test_admins_answer_aspirations_not_complaints(world: World) -> None:
    """SPEC C6: an admin answers an aspiration directly; a pengaduan goes on to an OPD."""
    asp = world.submit(kind=Kind.ASPIRASI, location="").complaint
    pengaduan = world.submit().complaint
    nas = login(world, "admin_nasional")
    for c in (asp, pengaduan):
        act(nas, c, "verify", {"privacy": Privacy.ANONIM})
    page = nas.get(reverse("complaints:officer_detail", args=[pengaduan.code])).text
    assert 'id="tindakan-respond"' not in page
    assert act(nas, pengaduan, "respond", {"response": "Dijawab"}).status_code == 302
    assert fresh(pengaduan).status == Status.DIVERIFIKASI
    assert (
        act(nas, asp, "respond", {"response": "Terima kasih, usulan dicatat."}).status_code == 302
    )
    assert fresh(asp).status == Status.SELESAI


# ---------------------------------------------------------------------------------------------
# Access to the desk


def test_desk_requires_login_and_an_official_role(world: World) -> None:
    c = world.submit().complaint
    anon = Client()
    for url in (
        reverse("complaints:inbox"),
        reverse("complaints:officer_detail", args=[c.code]),
        reverse("complaints:officer_intake"),
    ):
        r = anon.get(url)
        assert r.status_code == 302 and "/akun/masuk/" in r.url
    citizen = login(world, "citizen")
    r = citizen.get(reverse("complaints:inbox"))
    assert r.status_code == 403
    assert "hanya untuk petugas" in r.text
    assert citizen.get(reverse("complaints:officer_detail", args=[c.code])).status_code == 403


# ---------------------------------------------------------------------------------------------
# Manual intake (SPEC C1)


def _intake(client: Client, **data) -> object:
    import uuid

    payload = {
        "intake_token": str(uuid.uuid4()),
        "channel": Channel.SMS,
        "kind": Kind.PENGADUAN,
        "title": "Jalan rusak di depan kantor camat",
        "description": "Dilaporkan lewat SMS ke nomor pengaduan.",
        "location": "Kecamatan Pelaihari",
        "privacy": Privacy.PUBLIK,
        "reporter_name": "Pak Darto",
        "reporter_phone": "081311112222",
    }
    payload.update(data)
    return client.post(reverse("complaints:officer_intake"), payload)


def test_officer_enters_an_item_with_its_channel(world: World) -> None:
    """SPEC C1: an officer records an item that arrived by SMS, with its channel, at the
    officer's own desk, entered by them."""
    client = login(world, "admin_instansi")
    assert client.get(reverse("complaints:officer_intake")).status_code == 200
    r = _intake(client, files=[png("surat.png")])
    assert r.status_code == 200
    c = Complaint.objects.get(title="Jalan rusak di depan kantor camat")
    assert c.code in r.text
    assert (c.channel, c.holder_agency, c.reporter_name) == (Channel.SMS, world.pemda, "Pak Darto")
    assert services.complaint_check_secret(code=c.code, secret=r.context["secret"]) == c
    submitted = Event.objects.get(complaint=c, action=EventAction.SUBMITTED)
    assert submitted.actor == world.users["admin_instansi"]
    assert Attachment.objects.filter(complaint=c).count() == 1


def test_intake_refuses_portal_channel_and_missing_location(world: World) -> None:
    client = login(world, "penghubung")
    assert _intake(client, channel=Channel.PORTAL).status_code == 200
    assert _intake(client, location="").status_code == 200
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("role", ["admin_upp", "kepala", "pimpinan", "operator", "citizen"])
def test_intake_is_for_admins_and_penghubung_only(world: World, role: str) -> None:
    """SPEC C1, A2."""
    client = login(world, role)
    assert client.get(reverse("complaints:officer_intake")).status_code == 403
    assert _intake(client).status_code == 403
    assert not Complaint.objects.exists()


# ---------------------------------------------------------------------------------------------
# The Django admin (SPEC C12: nothing is ever deleted)


def test_admin_is_read_only_and_deletes_nothing(world: World, category) -> None:
    """SPEC C12: the admin offers no delete anywhere and no add or change of items."""
    c = world.submit().complaint
    root = User.objects.create_superuser(
        username="root", password="x", email="root@example.go.id", full_name="Root"
    )
    client = Client()
    client.force_login(root)
    changelist = client.get(reverse("admin:complaints_complaint_changelist"))
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.text
    for model, pk in (
        ("complaint", c.pk),
        ("event", Event.objects.filter(complaint=c).first().pk),
        ("category", category.pk),
    ):
        delete_url = reverse(f"admin:complaints_{model}_delete", args=[pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403, model
    assert client.get(reverse("admin:complaints_complaint_add")).status_code == 403
    change = client.post(
        reverse("admin:complaints_complaint_change", args=[c.pk]), {"title": "Diubah"}
    )
    assert change.status_code == 403
    assert Complaint.objects.get(pk=c.pk).title == c.title
    assert Event.objects.filter(complaint=c).exists()
    # Categories are the one table operators maintain here.
    added = client.post(
        reverse("admin:complaints_category_add"),
        {"name": "Infrastruktur", "slug": "infrastruktur", "is_active": "on"},
    )
    assert added.status_code == 302
    assert Category.objects.filter(slug="infrastruktur").exists()


def test_information_request_extend_and_refuse_through_the_desk(world, client) -> None:
    """SPEC C11: the Penghubung extends a public-information request once and refuses it with
    its exemption ground and legal basis; the item then shows both."""
    from complaints import services
    from complaints.models import Complaint, Kind

    c = world.submit(
        kind=Kind.INFORMASI,
        title="Daftar penerima bansos",
        description="Mohon datanya.",
        location="",
        privacy="publik",
    ).complaint
    for key, target in (("admin_nasional", world.pemda), ("admin_instansi", world.dukcapil)):
        c = services.complaint_verify(world.user(key), complaint_id=c.pk, version=c.version)
        c = services.complaint_route(
            complaint_id=c.pk, version=c.version, user=world.user(key), to_agency=target
        )
    client.force_login(world.user("penghubung"))
    base = f"/dasbor/pengaduan/{c.code}/"
    page = client.get(base).content.decode()
    assert 'value="informasi_publik"' in page
    response = client.post(
        base + "accept/",
        {
            "accept-version": c.version,
            "accept-sla_class": "informasi_publik",
            "accept-privacy": "publik",
        },
    )
    assert response.status_code == 302
    c = Complaint.objects.get(pk=c.pk)
    due = c.resolution_due_at
    response = client.post(
        base + "extend/", {"extend-version": c.version, "extend-note": "Arsip di kecamatan."}
    )
    assert response.status_code == 302
    c = Complaint.objects.get(pk=c.pk)
    assert c.extended_at is not None and c.resolution_due_at > due
    page = client.get(base).content.decode()
    assert 'id="tindakan-refuse"' in page
    response = client.post(
        base + "refuse/",
        {
            "refuse-version": c.version,
            "refuse-ground": "h",
            "refuse-basis": "",
            "refuse-letter": "Tidak dapat diberikan.",
        },
    )
    assert response.status_code == 400  # the legal basis is required
    response = client.post(
        base + "refuse/",
        {
            "refuse-version": c.version,
            "refuse-ground": "h",
            "refuse-basis": "UU 14/2008 Pasal 17 huruf h",
            "refuse-letter": "Data pribadi dikecualikan.",
        },
    )
    assert response.status_code == 302
    c = Complaint.objects.get(pk=c.pk)
    assert c.status == "ditolak" and c.information_refused
    page = client.get(base).content.decode()
    assert "UU 14/2008 Pasal 17 huruf h" in page and "Mengungkap rahasia pribadi" in page


def test_complaints_are_not_offered_the_information_class(world, client) -> None:
    """SPEC C8: the 10+7-day class is not offered for complaints."""
    c = world.submit().complaint
    client.force_login(world.user("admin_nasional"))
    page = client.get(f"/dasbor/pengaduan/{c.code}/").content.decode()
    assert 'value="informasi_publik"' not in page
    assert 'value="normatif"' in page
