"""No dead ends (SPEC C6, C12): an item never waits at a desk nobody sits at.

Routing goes only to agencies with an active receiving official, a disposition made by
mistake is recalled by its sender, APIP is the Inspektorat's own desk, an item returned to
Admin Nasional goes to another instansi or is closed with a fitting reason, and a walk over
the workflow table finds somebody who can act in every state an item can reach.
"""

from __future__ import annotations

from collections import deque

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from complaints import services
from complaints.forms_officer import AssignUnitForm, RouteForm
from complaints.models import (
    FINAL_STATUSES,
    ClosureReason,
    Complaint,
    Event,
    EventAction,
    HolderTier,
    Kind,
    Privacy,
    SlaClass,
    Status,
)
from complaints.workflow import (
    ACTOR_TIERS,
    SENDER_ACTS,
    SENDER_TIERS,
    TRANSITIONS,
    Act,
    Actor,
    Keep,
    TransitionRefused,
    allowed_acts,
    reporter_acts,
)
from notices.models import Notification, OutboundEmail
from standards.models import Agency, AgencyKind
from tests.personas import MONDAY, World, fresh, route_to_penghubung

pytestmark = pytest.mark.django_db


def login(w: World, key: str) -> Client:
    client = Client()
    client.force_login(w.users[key])
    return client


def post_act(client: Client, c: Complaint, name: str, data: dict) -> object:
    payload = {f"{name}-version": fresh(c).version}
    payload.update({f"{name}-{k}": v for k, v in data.items()})
    return client.post(reverse("complaints:officer_act", args=[c.code, name]), payload)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def verified_at_instansi(w: World) -> Complaint:
    c = w.submit(now=MONDAY).complaint
    c = services.complaint_verify(
        w.user("admin_nasional"), complaint_id=c.pk, version=c.version, now=MONDAY
    )
    c = services.complaint_route(
        w.user("admin_nasional"),
        complaint_id=c.pk,
        version=c.version,
        to_agency=w.pemda,
        now=MONDAY,
    )
    return services.complaint_verify(
        w.user("admin_instansi"), complaint_id=c.pk, version=c.version, now=MONDAY
    )


# ---------------------------------------------------------------------------------------------
# The walk


# Where each act moves the item between tiers; any act not named keeps the tier.
TIER_MOVES: dict[tuple[Act, HolderTier], HolderTier] = {
    (Act.ROUTE, HolderTier.NASIONAL): HolderTier.INSTANSI,
    (Act.ROUTE, HolderTier.INSTANSI): HolderTier.OPD,
    (Act.ASSIGN_UNIT, HolderTier.OPD): HolderTier.UNIT,
    (Act.RETURN, HolderTier.INSTANSI): HolderTier.NASIONAL,
    (Act.RETURN, HolderTier.OPD): HolderTier.INSTANSI,
    (Act.RETURN, HolderTier.UNIT): HolderTier.OPD,
    (Act.RECALL, HolderTier.INSTANSI): HolderTier.NASIONAL,
    (Act.RECALL, HolderTier.OPD): HolderTier.INSTANSI,
    (Act.REEXAMINE, HolderTier.OPD): HolderTier.OPD,
    (Act.REEXAMINE, HolderTier.UNIT): HolderTier.OPD,
}

# Rows the workflow's guards refuse at a tier the actor otherwise works at.
REFUSED_BY_GUARD = {
    (Act.RETURN, Actor.PENGHUBUNG, HolderTier.UNIT),  # back from the unit first
    (Act.ASSIGN_UNIT, Actor.PENGHUBUNG, HolderTier.UNIT),  # already at a unit
}

State = tuple[Status, HolderTier, str]  # status, tier, status before waiting for data


def _acts_at(actor: Actor, act: Act, tier: HolderTier) -> bool:
    if actor in (Actor.REPORTER, Actor.SYSTEM):
        return True
    if act in SENDER_ACTS:
        return SENDER_TIERS.get(actor) == tier
    return tier in ACTOR_TIERS[actor]


def reachable_states() -> set[State]:
    """Every (status, holder tier) an item can reach from where items arrive: the national
    desk, an instansi's or an OPD's manual intake (SPEC C1)."""
    start: list[State] = [(Status.DITERIMA, t, "") for t in list(HolderTier)[:3]]
    seen = set(start)
    todo = deque(start)
    while todo:
        status, tier, before = todo.popleft()
        for (state, act, actor), nxt in TRANSITIONS.items():
            if state != status or not _acts_at(actor, act, tier):
                continue
            if act == Act.REEXAMINE and tier not in (HolderTier.OPD, HolderTier.UNIT):
                continue  # a response that came from no OPD is not re-examined (guard)
            if (act, actor, tier) in REFUSED_BY_GUARD:
                continue
            new_tier = TIER_MOVES.get((act, tier), tier)
            if nxt == Keep.SAME:
                new: State = (status, new_tier, before)
            elif nxt == Keep.RESTORE:
                new = (Status(before), new_tier, "")
            elif nxt == Status.MENUNGGU_DATA:
                new = (Status.MENUNGGU_DATA, new_tier, status)
            else:
                new = (Status(nxt), new_tier, "")
            if new not in seen:
                seen.add(new)
                todo.append(new)
    return seen


def item_in(w: World, status: Status, tier: HolderTier, before: str) -> Complaint:
    """An item written straight into the database in this state, on a route of the world."""
    holder = {
        HolderTier.NASIONAL: w.nasional,
        HolderTier.INSTANSI: w.pemda,
        HolderTier.OPD: w.dukcapil,
        HolderTier.UNIT: w.unit,
    }[tier]
    route = {
        "nasional": w.nasional,
        "instansi": w.pemda if tier != HolderTier.NASIONAL else None,
        "opd": w.dukcapil if tier in (HolderTier.OPD, HolderTier.UNIT) else None,
        "unit": w.unit if tier == HolderTier.UNIT else None,
    }
    answered = status == Status.SELESAI
    return Complaint.objects.create(
        secret_hash="x",
        kind=Kind.PENGADUAN,
        title="Jalan rusak",
        description="Lubang besar.",
        location="Pelaihari",
        privacy=Privacy.PUBLIK,
        channel="portal",
        status=status,
        status_before_wait=before,
        holder_tier=tier,
        holder_agency=holder,
        sla_class=SlaClass.NORMATIF if tier != HolderTier.NASIONAL else "",
        received_at=MONDAY,
        responded_at=MONDAY if answered else None,
        satisfied=False if answered else None,
        opd=w.dukcapil if answered else route["opd"],
        nasional=route["nasional"],
        instansi=route["instansi"],
        unit=route["unit"],
    )


def test_no_reachable_state_leaves_an_item_with_nobody_to_act(world: World) -> None:
    """SPEC C6, C12: for every (status, holder tier) an item can reach, somebody real can
    move it on: an official of the test world with an allowed act other than a note, or the
    reporter or the scheduled jobs where the next step is theirs."""
    states = reachable_states()
    # The walk reaches every tier and the statuses the table names.
    assert {tier for _s, tier, _b in states} == set(HolderTier)
    assert {s for s, _t, _b in states} == set(Status)
    officials = [u for u in world.users.values() if u.memberships.exists()]
    for status, tier, before in sorted(states):
        if status in FINAL_STATUSES - {Status.SELESAI}:
            continue  # ended for good (SPEC C12)
        c = item_in(world, status, tier, before)
        movers = {
            (user.username, act)
            for user in officials
            for act in allowed_acts(user, c)
            if act != Act.NOTE
        }
        others = set(reporter_acts(c)) | {
            act for (s, act, actor) in TRANSITIONS if s == status and actor == Actor.SYSTEM
        }
        assert movers or others, f"nobody can act on {status} at {tier}"
        if status in (Status.DITERIMA, Status.DIVERIFIKASI, Status.DIDISPOSISIKAN):
            # Arrivals and verified items wait for an official, never for the reporter.
            assert movers, f"no official can act on {status} at {tier}"
        c.delete()


# ---------------------------------------------------------------------------------------------
# Only to a desk with a receiver


def test_an_opd_without_a_penghubung_is_marked_and_refused(world: World) -> None:
    """SPEC C6, C12: the routing choices mark an OPD nobody receives at, the form refuses it
    with a translated error and so does the service."""
    empty = Agency.objects.create(
        kind=AgencyKind.DINAS, name="Dinas Tanpa Petugas", slug="kosong", parent=world.pemda
    )
    c = verified_at_instansi(world)
    form = RouteForm(complaint=c, actor=Actor.ADMIN_INSTANSI)
    labels = {
        a.pk: form.fields["to_agency"].label_from_instance(a)
        for a in form.fields["to_agency"].queryset
    }
    assert "belum ada petugas penerima" in labels[empty.pk]
    assert "belum ada petugas penerima" not in labels[world.dukcapil.pk]

    client = login(world, "admin_instansi")
    r = post_act(client, c, "route", {"to_agency": empty.pk})
    assert r.status_code == 400
    assert "Dinas Tanpa Petugas belum punya petugas aktif" in r.content.decode()
    with pytest.raises(TransitionRefused, match="belum punya petugas aktif"):
        services.complaint_route(
            world.user("admin_instansi"), complaint_id=c.pk, version=c.version, to_agency=empty
        )
    assert fresh(c).holder_agency == world.pemda


def test_an_inactive_penghubung_does_not_count_as_a_receiver(world: World) -> None:
    """SPEC C6: a membership taken away, or a user switched off, receives nothing."""
    c = verified_at_instansi(world)
    Membership.objects.filter(user=world.user("penghubung_rsud")).update(is_active=False)
    with pytest.raises(TransitionRefused):
        services.complaint_route(
            world.user("admin_instansi"), complaint_id=c.pk, version=c.version, to_agency=world.rsud
        )
    world.user("penghubung").is_active = False
    world.user("penghubung").save()
    with pytest.raises(TransitionRefused):
        services.complaint_route(
            world.user("admin_instansi"),
            complaint_id=c.pk,
            version=c.version,
            to_agency=world.dukcapil,
        )


def test_admin_nasional_cannot_route_to_a_pemda_without_admin_instansi(world: World) -> None:
    """SPEC C6: Admin Nasional disposes only to an instansi with a Sekretariat Pengaduan."""
    lonely = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Tanpa Admin", slug="sepi")
    c = world.submit(now=MONDAY).complaint
    c = services.complaint_verify(world.user("admin_nasional"), complaint_id=c.pk, version=1)
    form = RouteForm(complaint=c, actor=Actor.ADMIN_NASIONAL)
    label = form.fields["to_agency"].label_from_instance(
        form.fields["to_agency"].queryset.get(pk=lonely.pk)
    )
    assert "belum ada petugas penerima" in label
    with pytest.raises(TransitionRefused):
        services.complaint_route(
            world.user("admin_nasional"), complaint_id=c.pk, version=c.version, to_agency=lonely
        )


def test_a_unit_without_admin_upp_cannot_be_assigned(world: World) -> None:
    """SPEC C6: the Penghubung involves only a unit whose Admin UPP can receive it."""
    bare = Agency.objects.create(
        kind=AgencyKind.UNIT, name="Seksi Tanpa Admin", slug="seksi-kosong", parent=world.dukcapil
    )
    c = route_to_penghubung(world, world.submit(now=MONDAY).complaint)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF),
    )
    form = AssignUnitForm(
        {"assign_unit-version": c.version, "assign_unit-unit": bare.pk},
        complaint=c,
        actor=Actor.PENGHUBUNG,
    )
    assert not form.is_valid()
    assert "belum punya petugas aktif" in str(form.errors["unit"])
    with pytest.raises(TransitionRefused):
        services.complaint_assign_unit(
            world.user("penghubung"), complaint_id=c.pk, version=c.version, unit=bare
        )


# ---------------------------------------------------------------------------------------------
# APIP


def test_hand_to_apip_reaches_the_inspektorats_own_desk(world: World) -> None:
    """SPEC C6 (B.1.b.13): APIP is the Inspektorat, an agency with its own Penghubung, who
    is told, sees it waiting in the inbox and takes it on."""
    c = verified_at_instansi(world)
    r = post_act(login(world, "admin_instansi"), c, "route", {"to_apip": "on", "note": "Pungli"})
    assert r.status_code == 302
    c = fresh(c)
    assert (c.holder_agency, c.is_apip, c.status) == (
        world.inspektorat,
        True,
        Status.DIDISPOSISIKAN,
    )
    apip = world.user("penghubung_inspektorat")
    assert Notification.objects.filter(user=apip, title__contains=c.code).exists()
    inbox = login(world, "penghubung_inspektorat").get(reverse("complaints:inbox"))
    assert c.code in inbox.content.decode()
    assert Act.ACCEPT in allowed_acts(apip, c)


def test_apip_without_a_penghubung_is_refused_before_sending(world: World) -> None:
    """SPEC C6, C12: the form says the Inspektorat cannot receive yet, and refuses."""
    Membership.objects.filter(agency=world.inspektorat).update(is_active=False)
    c = verified_at_instansi(world)
    client = login(world, "admin_instansi")
    page = client.get(reverse("complaints:officer_detail", args=[c.code])).content.decode()
    assert "Inspektorat belum punya Pejabat Penghubung aktif" in page
    r = post_act(client, c, "route", {"to_apip": "on"})
    assert r.status_code == 400
    assert fresh(c).holder_agency == world.pemda


# ---------------------------------------------------------------------------------------------
# Recall


def test_admin_instansi_recalls_a_disposition_before_the_penghubung_acts(world: World) -> None:
    """SPEC C6, C12, C14: an item routed by mistake comes back to the sender's desk with the
    verification clock of that tier, on the timeline, and the OPD is told."""
    c = route_to_penghubung(world, world.submit(now=MONDAY).complaint)
    ai = login(world, "admin_instansi")
    page = ai.get(reverse("complaints:officer_detail", args=[c.code])).content.decode()
    assert 'id="tindakan-recall"' in page
    assert post_act(ai, c, "recall", {"note": ""}).status_code == 400
    r = post_act(ai, c, "recall", {"note": "Salah OPD, seharusnya RSUD."})
    assert r.status_code == 302
    c = fresh(c)
    assert (c.holder_agency, c.holder_tier, c.status) == (
        world.pemda,
        HolderTier.INSTANSI,
        Status.DIVERIFIKASI,
    )
    assert c.opd is None and c.penghubung_received_at is None
    assert c.verification_due_at is not None and c.resolution_due_at is None
    event = Event.objects.get(complaint=c, action=EventAction.RECALLED)
    assert event.actor == world.user("admin_instansi") and event.target_agency == world.dukcapil
    assert Notification.objects.filter(
        user=world.user("penghubung"), title__contains="ditarik kembali"
    ).exists()
    # Now the right OPD.
    c = services.complaint_route(
        world.user("admin_instansi"), complaint_id=c.pk, version=c.version, to_agency=world.rsud
    )
    assert c.holder_agency == world.rsud


def test_no_recall_once_the_receiver_has_acted(world: World) -> None:
    """SPEC C6: after the Penghubung accepted, the item is the OPD's; only a return moves it."""
    c = route_to_penghubung(world, world.submit(now=MONDAY).complaint)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF),
    )
    assert Act.RECALL not in allowed_acts(world.user("admin_instansi"), c)
    with pytest.raises(TransitionRefused):
        services.complaint_recall(
            world.user("admin_instansi"), complaint_id=c.pk, version=c.version, note="Ups"
        )
    r = post_act(login(world, "admin_instansi"), c, "recall", {"note": "Ups"})
    assert r.status_code == 302
    assert fresh(c).holder_agency == world.dukcapil


def test_admin_nasional_recalls_from_an_instansi_but_others_cannot(world: World) -> None:
    """SPEC C6, A2: only the sender recalls; another pemda's admin or the OPD cannot."""
    c = world.submit(now=MONDAY).complaint
    c = services.complaint_verify(world.user("admin_nasional"), complaint_id=c.pk, version=1)
    c = services.complaint_route(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version, to_agency=world.pemda
    )
    for key in ("admin_instansi", "admin_instansi_other", "penghubung"):
        assert Act.RECALL not in allowed_acts(world.user(key), c), key
    c = services.complaint_recall(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version, note="Salah pemda"
    )
    assert (c.holder_agency, c.status, c.instansi) == (world.nasional, Status.DIVERIFIKASI, None)


# ---------------------------------------------------------------------------------------------
# Returned to Admin Nasional


def returned_to_nasional(w: World) -> Complaint:
    c = verified_at_instansi(w)
    return services.complaint_return(
        w.user("admin_instansi"),
        complaint_id=c.pk,
        version=c.version,
        note="Kewenangan pemerintah pusat (BPJS).",
    )


def test_an_item_returned_to_admin_nasional_goes_to_another_instansi(world: World) -> None:
    """SPEC C6 (B.1.b.12): what one pemda returns, Admin Nasional sends to another."""
    c = returned_to_nasional(world)
    assert (c.holder_agency, c.status) == (world.nasional, Status.DIVERIFIKASI)
    assert Act.ROUTE in allowed_acts(world.user("admin_nasional"), c)
    c = services.complaint_route(
        world.user("admin_nasional"),
        complaint_id=c.pk,
        version=c.version,
        to_agency=world.other_pemda,
    )
    assert c.holder_agency == world.other_pemda
    assert Act.VERIFY in allowed_acts(world.user("admin_instansi_other"), c)


def test_admin_nasional_closes_a_returned_item_with_a_fitting_reason(world: World) -> None:
    """SPEC C6, C12, C13: not the pemda's authority: closed with that reason, the reporter
    reads the explanation and may rate it; nothing is deleted."""
    c = returned_to_nasional(world)
    client = login(world, "admin_nasional")
    page = client.get(reverse("complaints:officer_detail", args=[c.code])).content.decode()
    assert 'id="tindakan-conclude"' in page
    assert "Bukan kewenangan pemerintah daerah" in page
    r = post_act(client, c, "conclude", {"reason": "", "explanation": "x"})
    assert r.status_code == 400
    r = post_act(
        client,
        c,
        "conclude",
        {
            "reason": ClosureReason.BUKAN_KEWENANGAN,
            "explanation": "Silakan sampaikan ke BPJS Kesehatan Cabang Banjarmasin.",
        },
    )
    assert r.status_code == 302, messages_of(r)
    c = fresh(c)
    assert (c.status, c.closure_reason) == (Status.SELESAI, ClosureReason.BUKAN_KEWENANGAN)
    assert c.response.startswith("Silakan sampaikan") and c.responded_at is not None
    event = Event.objects.get(complaint=c, action=EventAction.CONCLUDED)
    assert event.is_public and "Bukan kewenangan" in event.note
    mail = OutboundEmail.objects.filter(to_email="siti.pelapor@example.net").order_by("pk").last()
    assert mail is not None and "BPJS Kesehatan" in mail.body_text
    assert services.complaint_rate(complaint_id=c.pk, satisfied=True).satisfied is True


def test_only_admin_nasional_closes_and_only_at_its_desk(world: World) -> None:
    """SPEC C12: no other official stops an item; Admin Instansi can only send it on, back
    or decline it for a recorded reason."""
    c = verified_at_instansi(world)
    assert Act.CONCLUDE not in allowed_acts(world.user("admin_instansi"), c)
    with pytest.raises(TransitionRefused):
        services.complaint_conclude(
            world.user("admin_instansi"),
            complaint_id=c.pk,
            version=c.version,
            reason=ClosureReason.DUPLIKAT,
            explanation="Sama dengan laporan lain.",
        )
    c = returned_to_nasional(world)
    with pytest.raises(TransitionRefused, match="alasan"):
        services.complaint_conclude(
            world.user("admin_nasional"),
            complaint_id=c.pk,
            version=c.version,
            reason="bosan",
            explanation="x",
        )
    c = services.complaint_conclude(
        world.user("admin_nasional"),
        complaint_id=c.pk,
        version=c.version,
        reason=ClosureReason.DUPLIKAT,
        explanation="Sama dengan laporan LP-ABCD-EFGH.",
    )
    assert c.closure_reason == ClosureReason.DUPLIKAT
