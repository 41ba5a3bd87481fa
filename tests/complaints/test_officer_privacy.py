"""Who sees what on the officials' desk (SPEC A2, C3, C4): every role, own agency against
another agency, every privacy, every officer page (inbox, item page, Django admin)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Role, User
from complaints import services
from complaints.models import Complaint, HolderTier, Privacy, SlaClass
from complaints.permissions import See, complaint_can
from complaints.workflow import official_actors
from standards.models import Agency, AgencyKind
from tests.personas import World, build_world

NAME = "Siti Rahmawati Pelapor"
EMAIL = "siti.pelapor@example.net"
PHONE = "081299887766"
IDENTITY = (NAME, EMAIL, PHONE)

# Officials of the agencies the item went through (its route ends at a unit of Disdukcapil).
OWN = ["admin_nasional", "admin_instansi", "penghubung", "admin_upp", "kepala", "pimpinan",
       "operator"]  # fmt: skip
# The same roles at another national desk, another pemda, or a sibling OPD of Disdukcapil.
OTHER = [
    "admin_nasional_other",
    "admin_instansi_other",
    "penghubung_rsud",
    "penghubung_other",
    "admin_upp_other",
    "kepala_other",
    "pimpinan_other",
    "operator_other",
]


@dataclass
class Scene:
    world: World
    complaint: Complaint


def _member(username: str, agency: Agency, role: str) -> User:
    user = User.objects.create_user(
        username=username, password="x", full_name=username, email=f"{username}@example.go.id"
    )
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def _add_other_officials(w: World) -> None:
    nasional_2 = Agency.objects.create(kind=AgencyKind.NASIONAL, name="Desk Lain", slug="nas-2")
    rsud_unit = Agency.objects.create(
        kind=AgencyKind.UNIT, name="Instalasi Rawat Jalan", slug="irj", parent=w.rsud
    )
    w.users["admin_nasional_other"] = _member("nas.lain", nasional_2, Role.ADMIN_NASIONAL)
    w.users["admin_upp_other"] = _member("upp.rsud", rsud_unit, Role.ADMIN_UPP)
    w.users["kepala_other"] = _member("kepala.rsud", w.rsud, Role.KEPALA)
    w.users["pimpinan_other"] = _member("sekda.banjar", w.other_pemda, Role.PIMPINAN)
    w.users["operator_other"] = _member("operator.banjar", w.other_pemda, Role.OPERATOR)


def route_to_unit(w: World, privacy: str) -> Complaint:
    """File an item and take it down the whole route: nasional → pemda → Disdukcapil → unit."""
    c = w.submit(privacy=privacy).complaint
    u = w.users
    services.complaint_verify(u["admin_nasional"], complaint_id=c.pk, version=c.version)
    c.refresh_from_db()
    services.complaint_route(
        complaint_id=c.pk, version=c.version, user=u["admin_nasional"], to_agency=w.pemda
    )
    c.refresh_from_db()
    services.complaint_verify(u["admin_instansi"], complaint_id=c.pk, version=c.version)
    c.refresh_from_db()
    services.complaint_route(
        complaint_id=c.pk, version=c.version, user=u["admin_instansi"], to_agency=w.dukcapil
    )
    c.refresh_from_db()
    services.complaint_accept(
        u["penghubung"],
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF),
    )
    c.refresh_from_db()
    services.complaint_assign_unit(
        complaint_id=c.pk, version=c.version, user=u["penghubung"], unit=w.unit
    )
    c.refresh_from_db()
    assert c.holder_tier == HolderTier.UNIT
    return c


def _scene(privacy: str) -> Scene:
    w = build_world()
    _add_other_officials(w)
    return Scene(w, route_to_unit(w, privacy))


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _assert_no_identity(body: str, where: str) -> None:
    for value in IDENTITY:
        assert value not in body, f"{value!r} shown on {where}"


@pytest.mark.django_db
@pytest.mark.parametrize("privacy", [Privacy.PUBLIK, Privacy.RAHASIA, Privacy.ANONIM])
@pytest.mark.parametrize("role", OWN)
def test_officials_of_the_route_see_the_item(privacy: str, role: str) -> None:
    """SPEC A2, C3, C4: every official of an agency on the item's route sees it in the inbox
    and on its page; the reporter's identity shows on the page only to the officials who hold
    the item (need to know) and never when it is anonim; never in the inbox."""
    scene = _scene(privacy)
    user = scene.world.users[role]
    client = _login(user)
    code = scene.complaint.code

    everything = client.get(reverse("complaints:inbox"), {"tab": "semua"})
    assert everything.status_code == 200
    assert code in everything.text
    waiting = client.get(reverse("complaints:inbox"))
    assert waiting.status_code == 200
    # The default tab lists exactly the items the user may act on now (workflow rule).
    assert (code in waiting.text) == bool(official_actors(user, scene.complaint))
    for body, where in ((everything.text, "inbox (all)"), (waiting.text, "inbox")):
        _assert_no_identity(body, where)

    page = client.get(reverse("complaints:officer_detail", args=[code]))
    assert page.status_code == 200
    assert scene.complaint.title in page.text
    if privacy == Privacy.ANONIM:
        _assert_no_identity(page.text, "item page")
        assert "Anonim — identitas pelapor dirahasiakan" in page.text
    elif not official_actors(user, scene.complaint):
        _assert_no_identity(page.text, "item page of a follower")
        assert "hanya terlihat oleh petugas yang sedang menangani" in page.text
    else:
        assert NAME in page.text
        assert EMAIL in page.text
        assert PHONE in page.text


@pytest.mark.django_db
@pytest.mark.parametrize("privacy", [Privacy.PUBLIK, Privacy.RAHASIA, Privacy.ANONIM])
@pytest.mark.parametrize("role", OTHER)
def test_officials_of_other_agencies_see_nothing(privacy: str, role: str) -> None:
    """SPEC A2, C4: officials of another national desk, another pemda or a sibling OPD get
    404 on the item and do not find it in either inbox tab."""
    scene = _scene(privacy)
    client = _login(scene.world.users[role])
    code = scene.complaint.code
    for tab in ("menunggu", "semua"):
        response = client.get(reverse("complaints:inbox"), {"tab": tab})
        assert response.status_code == 200
        assert code not in response.text
        _assert_no_identity(response.text, f"inbox {tab}")
    page = client.get(reverse("complaints:officer_detail", args=[code]))
    assert page.status_code == 404
    _assert_no_identity(page.text, "404 page")
    act = client.post(
        reverse("complaints:officer_act", args=[code, "note"]),
        {"note-version": scene.complaint.version, "note-note": "x"},
    )
    assert act.status_code == 404


def _staff(user: User) -> User:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="complaints", codename__startswith="view_"
        )
    )
    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("privacy", [Privacy.PUBLIK, Privacy.RAHASIA, Privacy.ANONIM])
def test_admin_pages_never_show_the_reporter(privacy: str) -> None:
    """SPEC C3, C4, A2: the Django admin shows no reporter identity for any item; an operator
    sees the items of their own pemda, not another pemda's."""
    scene = _scene(privacy)
    c = scene.complaint
    superuser = User.objects.create_superuser(
        username="root", password="x", email="root@example.go.id", full_name="Root"
    )
    change = reverse("admin:complaints_complaint_change", args=[c.pk])
    changelist = reverse("admin:complaints_complaint_changelist")
    event_list = reverse("admin:complaints_event_changelist")
    own = _login(_staff(scene.world.users["operator"]))
    other = _login(_staff(scene.world.users["operator_other"]))
    for who, client in (("superuser", _login(superuser)), ("operator", own)):
        for url in (change, changelist, event_list):
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            assert c.code in response.text
            _assert_no_identity(response.text, f"admin {url} as {who}")
    refused = other.get(change)
    assert refused.status_code == 302  # the admin's "no such object" redirect
    listed = other.get(changelist)
    assert listed.status_code == 200
    assert c.code not in listed.text


@pytest.mark.django_db
def test_followers_do_not_read_what_the_reporter_wrote_or_attached() -> None:
    """SPEC C4 (need to know): officials who only follow an item (Kepala, Pimpinan) see the
    officials' steps but not the reporter's later words or files; the holder sees both."""
    from complaints import services
    from complaints.models import Attachment

    scene = _scene(Privacy.PUBLIK)
    w, c = scene.world, scene.complaint
    c.refresh_from_db()
    holders = [u for u in w.users.values() if official_actors(u, c)]
    assert holders
    holder = holders[0]
    c = services.complaint_request_data(
        complaint_id=c.pk, version=c.version, user=holder, note="Mohon NIK."
    )
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from complaints.uploads import clean_upload

    png = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(png, format="PNG")
    photo = clean_upload(SimpleUploadedFile("ktp.png", png.getvalue(), "image/png"))
    services.complaint_supply_data(
        complaint_id=c.pk, note="NIK saya 6301234567890001", files=[photo]
    )
    own = Attachment.objects.get(complaint=c, by_reporter=True, original_name="ktp.png")
    for key in ("kepala", "pimpinan"):
        client = _login(w.users[key])
        page = client.get(reverse("complaints:officer_detail", args=[c.code]))
        assert page.status_code == 200
        assert "Mohon NIK." in page.text and "6301234567890001" not in page.text
        assert client.get(reverse("complaints:attachment", args=[own.pk])).status_code == 404
    holder_client = _login(holder)
    page = holder_client.get(reverse("complaints:officer_detail", args=[c.code]))
    assert "6301234567890001" in page.text
    assert holder_client.get(reverse("complaints:attachment", args=[own.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("privacy", [Privacy.PUBLIK, Privacy.RAHASIA])
def test_one_need_to_know_rule_for_the_reporter_down_the_chain(privacy: str) -> None:
    """SPEC C3, C4 (002:Bab IV A.1.e, A.2.b): handed by the Penghubung to a unit, the item's
    reporter is seen by exactly the officials who handle it now, the unit's Admin UPP and the
    OPD's Pejabat Penghubung (who still answers for it and acts on it); the page names them,
    to them and to every follower alike, and says the same thing the door answers."""
    scene = _scene(privacy)
    handlers = {"penghubung", "admin_upp"}
    named = ["Admin UPP Bidang Pelayanan Pendaftaran Penduduk", "Pejabat Penghubung Disdukcapil"]
    for role in OWN + OTHER:
        user = scene.world.users[role]
        sees = complaint_can(user, See.REPORTER, scene.complaint)
        assert sees == (role in handlers), role
        assert complaint_can(user, See.HOLDS, scene.complaint) == (role in handlers), role
        if role not in OWN:
            continue
        page = _login(user).get(reverse("complaints:officer_detail", args=[scene.complaint.code]))
        assert all(seat in page.text for seat in named), role
        assert (NAME in page.text) == (role in handlers), role
        if role in handlers:
            # The Penghubung answers; the unit drafts an answer for the Penghubung to approve
            # (002:Bab VI D.3.e).
            answer = "respond" if role == "penghubung" else "draft_answer"
            assert f'id="tindakan-{answer}"' in page.text, role
            assert "Terlihat hanya oleh petugas yang sedang menanganinya" in page.text
