"""The Penghubung answers for the OPD (002:Bab VI D.3.e; SPEC C6, C13, C14): a first response
to the reporter, a unit's answer that reaches the reporter only once the Penghubung approves
it, and a re-examination that arrives at the Penghubung's desk as new work."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from PIL import Image

from complaints import services
from complaints.models import Attachment, Complaint, Event, EventAction, HolderTier, Status
from complaints.selectors import inbox_page
from complaints.workflow import Act, TransitionRefused, allowed_acts
from notices.models import Notification, OutboundEmail
from standards.uploads import clean_upload
from tests.personas import MONDAY, World, accepted, fresh

pytestmark = pytest.mark.django_db

REPORTER_EMAIL = "siti.pelapor@example.net"


def login(w: World, key: str) -> Client:
    client = Client()
    client.force_login(w.users[key])
    return client


def post_act(client: Client, c: Complaint, name: str, data: dict) -> object:
    payload = {f"{name}-version": fresh(c).version}
    payload.update({f"{name}-{k}": v for k, v in data.items()})
    return client.post(reverse("complaints:officer_act", args=[c.code, name]), payload)


def reporter_mail() -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to_email=REPORTER_EMAIL).order_by("pk"))


def at_unit(w: World) -> Complaint:
    c = accepted(w)
    return services.complaint_assign_unit(
        w.user("penghubung"), complaint_id=c.pk, version=c.version, unit=w.unit
    )


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 130, 30)).save(out, format="PNG")
    return SimpleUploadedFile("jadwal.png", out.getvalue(), content_type="image/png")


def test_first_response_reaches_the_reporter_once(world: World) -> None:
    """SPEC C13, C14 (002:Bab VI D.3.e): the Penghubung's respon awal is a public step with
    its own notice to the reporter, given once; the item stays in progress."""
    c = accepted(world)
    before = len(reporter_mail())
    client = login(world, "penghubung")
    page = client.get(reverse("complaints:officer_detail", args=[c.code])).content.decode()
    assert 'id="tindakan-first_response"' in page
    assert post_act(client, c, "first_response", {"note": ""}).status_code == 400
    r = post_act(client, c, "first_response", {"note": "Sedang kami cek ke loket perekaman."})
    assert r.status_code == 302
    c = fresh(c)
    assert c.status == Status.DITINDAKLANJUTI and c.first_response_at is not None
    event = Event.objects.get(complaint=c, action=EventAction.FIRST_RESPONSE)
    assert event.is_public and event.actor == world.user("penghubung")
    mails = reporter_mail()
    assert len(mails) == before + 1
    assert "Respon awal" in mails[-1].subject
    assert "loket perekaman" in mails[-1].body_text
    assert Act.FIRST_RESPONSE not in allowed_acts(world.user("penghubung"), c)
    with pytest.raises(TransitionRefused, match="sudah diberikan"):
        services.complaint_first_response(
            world.user("penghubung"), complaint_id=c.pk, version=c.version, note="Lagi"
        )


def test_only_the_penghubung_gives_the_first_response(world: World) -> None:
    """002:Bab VI D.3.e: the first response is the Penghubung's, not the unit's."""
    c = at_unit(world)
    assert Act.FIRST_RESPONSE not in allowed_acts(world.user("admin_upp"), c)
    assert Act.FIRST_RESPONSE in allowed_acts(world.user("penghubung"), c)


def test_a_unit_answer_reaches_the_reporter_only_after_approval(world: World) -> None:
    """SPEC C6, C13 (002:Bab VI D.3.e): the Admin UPP drafts; nothing reaches the reporter
    and the draft stays internal until the Penghubung, who is told, approves it; then it is
    the final response with its files."""
    c = at_unit(world)
    upp = world.user("admin_upp")
    assert Act.RESPOND not in allowed_acts(upp, c)
    with pytest.raises(TransitionRefused):
        services.complaint_respond(
            upp, complaint_id=c.pk, version=c.version, answer=services.Answer(text="Langsung")
        )
    before = len(reporter_mail())
    files = [clean_upload(png())]
    c = services.complaint_draft_answer(
        upp,
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="KTP-el dapat diambil Senin depan.", files=files),
    )
    assert (c.status, c.response, c.responded_at) == (Status.DITINDAKLANJUTI, "", None)
    assert c.draft_response == "KTP-el dapat diambil Senin depan."
    draft = Event.objects.get(complaint=c, action=EventAction.DRAFTED)
    assert draft.is_public is False
    assert not Attachment.objects.filter(complaint=c, is_public=True).exists()
    assert len(reporter_mail()) == before
    assert Notification.objects.filter(
        user=world.user("penghubung"), title__contains="menunggu persetujuan"
    ).exists()
    assert Act.DRAFT_ANSWER not in allowed_acts(upp, c)  # one draft waits at a time

    ph = world.user("penghubung")
    assert {Act.APPROVE_ANSWER, Act.RETURN_DRAFT} <= set(allowed_acts(ph, c))
    c = services.complaint_approve_answer(ph, complaint_id=c.pk, version=c.version)
    assert c.status == Status.SELESAI
    assert c.response == "KTP-el dapat diambil Senin depan." and c.draft_response == ""
    responded = Event.objects.get(complaint=c, action=EventAction.RESPONDED)
    assert responded.is_public and responded.actor == ph
    att = Attachment.objects.get(complaint=c)
    assert att.is_public and att.event == responded
    assert len(reporter_mail()) == before + 1


def test_the_penghubung_returns_a_draft_with_a_note_and_the_unit_drafts_again(
    world: World,
) -> None:
    """SPEC C14 (002:Bab VI D.3.e): a returned draft never reaches the reporter; the unit is
    told, reads the note on the internal trail and drafts again."""
    c = at_unit(world)
    upp_client = login(world, "admin_upp")
    page = upp_client.get(reverse("complaints:officer_detail", args=[c.code])).content.decode()
    assert 'id="tindakan-draft_answer"' in page
    r = post_act(upp_client, c, "draft_answer", {"response": "Sudah beres."})
    assert r.status_code == 302
    ph_client = login(world, "penghubung")
    page = ph_client.get(reverse("complaints:officer_detail", args=[c.code])).content.decode()
    assert 'id="tindakan-approve_answer"' in page and "Sudah beres." in page
    assert post_act(ph_client, c, "return_draft", {"note": ""}).status_code == 400
    r = post_act(ph_client, c, "return_draft", {"note": "Sebutkan tanggal pengambilan."})
    assert r.status_code == 302
    c = fresh(c)
    assert (c.status, c.draft_response, c.holder_tier) == (
        Status.DITINDAKLANJUTI,
        "",
        HolderTier.UNIT,
    )
    returned = Event.objects.get(complaint=c, action=EventAction.DRAFT_RETURNED)
    assert returned.is_public is False
    assert Notification.objects.filter(
        user=world.user("admin_upp"), title__contains="dikembalikan"
    ).exists()
    assert not any("Sudah beres" in m.body_text for m in reporter_mail())
    assert Act.DRAFT_ANSWER in allowed_acts(world.user("admin_upp"), c)


def test_the_penghubung_may_still_answer_directly_over_a_draft(world: World) -> None:
    """002:Bab VI D.3.e: the Penghubung answers for the OPD; its own answer replaces a draft."""
    c = at_unit(world)
    c = services.complaint_draft_answer(
        world.user("admin_upp"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Draf"),
    )
    c = services.complaint_respond(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Jawaban Penghubung."),
    )
    assert (c.status, c.response, c.draft_response) == (
        Status.SELESAI,
        "Jawaban Penghubung.",
        "",
    )


def test_a_reexamination_is_its_own_notice_and_new_in_the_inbox(world: World) -> None:
    """SPEC C13, C14: the reporter's re-examination reaches the Penghubung as its own notice
    and counts as new until somebody at the desk acts on it."""
    c = accepted(world)
    c = services.complaint_respond(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Sudah."),
        now=MONDAY,
    )
    services.complaint_rate(complaint_id=c.pk, satisfied=False)
    ph = world.user("penghubung")
    counts = inbox_page(ph, QueryDict(), now=MONDAY).counts
    assert counts["new"] == 0
    c = services.complaint_reexamine(complaint_id=c.pk, reason="KTP belum juga jadi.")
    notice = Notification.objects.get(user=ph, title__contains="pemeriksaan ulang")
    assert c.code in notice.title
    mail = OutboundEmail.objects.filter(to_email=ph.email).order_by("pk").last()
    assert mail is not None and "pemeriksaan ulang" in mail.subject
    assert "KTP belum juga jadi" not in mail.body_text  # officials' mail carries no notes
    c = fresh(c)
    assert c.reexamination_pending is True
    assert inbox_page(ph, QueryDict(), now=MONDAY).counts["new"] == 1
    services.complaint_report_obstacle(
        ph, complaint_id=c.pk, version=c.version, note="Blangko baru datang Kamis."
    )
    assert fresh(c).reexamination_pending is False
    assert inbox_page(ph, QueryDict(), now=MONDAY).counts["new"] == 0
