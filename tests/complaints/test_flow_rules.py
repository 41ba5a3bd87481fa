"""Complaints as people use them: nothing public before verification, what officers write is
internal unless they share it, and a clock that always runs (SPEC C3, C4, C5, C8, C11)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse

from complaints import selectors, services, sla
from complaints.calendar import deadline_at
from complaints.deadlines import VERIFICATION_DAYS
from complaints.forms_officer import NoteForm, RespondForm, RouteForm
from complaints.models import (
    FINAL_STATUSES,
    Complaint,
    DeliveryFormat,
    Event,
    EventAction,
    HolderTier,
    Kind,
    Privacy,
    SlaClass,
    Status,
)
from complaints.permissions import See, complaint_can
from complaints.selectors import Audience
from complaints.workflow import TRANSITIONS, Act, Actor, Keep
from tests.personas import MONDAY, World, accepted, fresh, route_to_penghubung

ROUTING_NOTE = "Mohon Kecamatan Pelaihari membantu verifikasi lapangan"


def _public_item(w: World, **extra: Any) -> Complaint:
    return w.submit(privacy=Privacy.PUBLIK, reporter=w.user("citizen"), **extra).complaint


def _verify(w: World, c: Complaint, **extra: Any) -> Complaint:
    return services.complaint_verify(
        w.user("admin_nasional"),
        complaint_id=c.pk,
        version=fresh(c).version,
        verification=services.Verification(**extra),
    )


# ---------------------------------------------------------------------------------------------
# Nothing public before verification


def test_a_new_public_item_is_off_every_public_page_until_an_admin_verifies_it(
    world: World,
) -> None:
    """SPEC C3 (002:Bab VI B.1.a.5): a citizen's new public item is neither on the public list
    nor on its public page; the reporter still sees it; verification publishes it."""
    c = _public_item(world, title="Lampu jalan padam di Angsau")
    assert c.published_at is None
    assert not selectors.public_list().filter(pk=c.pk).exists()
    assert Client().get(reverse("complaints:list")).text.count(c.title) == 0
    assert Client().get(c.get_absolute_url()).status_code == 404
    assert not complaint_can(None, See.PUBLIC, c)
    assert complaint_can(world.user("citizen"), See.ITEM, c)
    reporter = Client()
    reporter.force_login(world.user("citizen"))
    assert reporter.get(c.get_absolute_url()).status_code == 200

    c = _verify(world, c)
    assert c.published_at is not None
    assert selectors.public_list().filter(pk=c.pk).exists()
    assert c.title in Client().get(reverse("complaints:list")).text
    assert Client().get(c.get_absolute_url()).status_code == 200


def test_an_official_opening_an_unpublished_item_is_sent_to_the_officer_page(
    world: World,
) -> None:
    """SPEC C3: before verification the public page is the reporter's alone; an official who
    sees the item is taken to the officer page, one who does not gets 404."""
    c = _public_item(world)
    admin = Client()
    admin.force_login(world.user("admin_nasional"))
    response = admin.get(c.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:officer_detail", args=[c.code])
    stranger = Client()
    stranger.force_login(world.user("penghubung_other"))
    assert stranger.get(c.get_absolute_url()).status_code == 404


def test_acceptance_by_the_penghubung_publishes_too_and_only_once(world: World) -> None:
    """SPEC C3: the Penghubung's acceptance is a verification (002:Bab VI B.1.c.2); the first
    verification's moment stays the publication time."""
    c = accepted(world)
    first = c.published_at
    assert first is not None
    assert fresh(c).published_at == first


def test_a_declined_item_never_appears_whether_or_not_it_was_verified(world: World) -> None:
    """SPEC C3, C12: declined items are never public."""
    early = _public_item(world, title="Kata kasar")
    late = _verify(world, _public_item(world, title="Ujaran kebencian"))
    for c in (early, late):
        services.complaint_decline(
            world.user("admin_nasional"),
            complaint_id=c.pk,
            version=fresh(c).version,
            reason="sara",
        )
    assert not Complaint.objects.public().filter(pk__in=[early.pk, late.pk]).exists()
    assert Client().get(late.get_absolute_url()).status_code == 404


def test_a_rahasia_item_stays_off_the_public_pages_after_verification(world: World) -> None:
    """SPEC C3: verification publishes public items only."""
    c = _verify(world, world.submit(privacy=Privacy.RAHASIA).complaint)
    assert c.published_at is not None
    assert not Complaint.objects.public().filter(pk=c.pk).exists()


# ---------------------------------------------------------------------------------------------
# Notes are internal unless shared; the public text is marked


def test_a_routing_note_is_internal_unless_the_officer_shares_it(world: World) -> None:
    """SPEC C4, C14: the routing step is on the reporter's timeline, the officer's note on it
    only when ticked; unticked it is an internal note that officials alone read."""
    c = _verify(world, _public_item(world))
    c = services.complaint_route(
        world.user("admin_nasional"),
        complaint_id=c.pk,
        version=c.version,
        to_agency=world.pemda,
        note=services.Note(ROUTING_NOTE),
    )
    public = selectors.timeline(c, audience=Audience.PUBLIC)
    reporter = selectors.timeline(c, audience=Audience.REPORTER)
    official = selectors.timeline(c, audience=Audience.OFFICIAL)
    for events in (public, reporter):
        assert EventAction.ROUTED in [e.action for e in events]
        assert all(ROUTING_NOTE not in e.note for e in events)
    note = [e for e in official if ROUTING_NOTE in e.note]
    assert [(e.action, e.is_public) for e in note] == [(EventAction.NOTE, False)]
    assert ROUTING_NOTE not in Client().get(c.get_absolute_url()).text

    c = services.complaint_verify(
        world.user("admin_instansi"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(note="Identitas dan bukti lengkap.", note_public=True),
    )
    shared = Event.objects.get(
        complaint=c, action=EventAction.VERIFIED, actor_role="admin_instansi"
    )
    assert (shared.note, shared.is_public) == ("Identitas dan bukti lengkap.", True)
    assert "Identitas dan bukti lengkap." in Client().get(c.get_absolute_url()).text


def test_a_decline_tells_its_reason_and_keeps_the_explanation_internal(world: World) -> None:
    """SPEC C12, C4: the legal reason is told; the officer's explanation is internal unless
    shared."""
    c = world.submit().complaint
    services.complaint_decline(
        world.user("admin_nasional"),
        complaint_id=c.pk,
        version=c.version,
        reason="tidak_etis",
        note=services.Note("Pelapor mengirim pesan yang sama 40 kali."),
    )
    declined = Event.objects.get(complaint=c, action=EventAction.DECLINED)
    assert declined.is_public and declined.note == "Tidak beretika."
    internal = Event.objects.get(complaint=c, action=EventAction.NOTE)
    assert not internal.is_public and "40 kali" in internal.note


def test_officer_forms_mark_the_public_text_and_default_notes_to_internal(world: World) -> None:
    """SPEC C3, C4: the answer is marked as read by the reporter and the public (for a public
    item) or by the reporter (otherwise); a routing note's share box starts unticked."""
    public = _verify(world, _public_item(world))
    route = RouteForm(complaint=public, actor=Actor.ADMIN_NASIONAL)
    assert route.fields["share_note"].initial is False
    assert not route.shows_public_text
    assert "Catatan internal" in str(route.fields["note"].help_text)
    assert "publik" in str(route.fields["share_note"].label)
    answer = RespondForm(complaint=public, actor=Actor.PENGHUBUNG)
    assert answer.shows_public_text
    assert str(answer.audience_badge) == "Terlihat oleh publik"
    assert "terlihat oleh pelapor dan publik" in str(answer.fields["response"].label)
    secret = world.submit(privacy=Privacy.RAHASIA).complaint
    answer = RespondForm(complaint=secret, actor=Actor.PENGHUBUNG)
    assert str(answer.audience_badge) == "Terlihat oleh pelapor"
    assert "publik" not in str(answer.fields["response"].label)
    assert NoteForm(complaint=secret, actor=Actor.ADMIN_NASIONAL).is_internal

    admin = Client()
    admin.force_login(world.user("admin_nasional"))
    page = admin.get(reverse("complaints:officer_detail", args=[public.code])).text
    route_card = page[page.index('id="tindakan-route"') :].split("</form>")[0]
    assert 'name="route-share_note"' in route_card
    assert 'name="route-share_note" checked' not in route_card


def test_an_unticked_routing_note_posted_by_the_officer_stays_internal(world: World) -> None:
    """SPEC C4: the page's default (box unticked) keeps the note from the public."""
    c = _verify(world, _public_item(world))
    admin = Client()
    admin.force_login(world.user("admin_nasional"))
    response = admin.post(
        reverse("complaints:officer_act", args=[c.code, "route"]),
        {"route-version": fresh(c).version, "route-to_agency": world.pemda.pk,
         "route-note": ROUTING_NOTE},
    )  # fmt: skip
    assert response.status_code == 302
    assert fresh(c).holder_agency == world.pemda
    assert ROUTING_NOTE not in Client().get(c.get_absolute_url()).text
    assert Event.objects.get(complaint=c, note=ROUTING_NOTE).is_public is False


# ---------------------------------------------------------------------------------------------
# A clock always runs


def test_a_verified_item_keeps_its_tiers_three_day_clock_until_it_is_routed(world: World) -> None:
    """SPEC C5: "Simpan verifikasi" does not stop the clock; the sweep can find it late."""
    c = world.submit(now=MONDAY).complaint
    due = c.verification_due_at
    c = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version, now=MONDAY
    )
    assert c.status == Status.DIVERIFIKASI
    assert c.verification_due_at == due == deadline_at(MONDAY, 3, agency=world.nasional)
    result = sla.sweep(now=due + timedelta(days=1))
    assert result.verification_breaches == 1
    assert Complaint.objects.late(due + timedelta(days=1)).filter(pk=c.pk).exists()


def test_an_information_request_counts_ten_days_from_the_complete_request(world: World) -> None:
    """SPEC C11 (003:Pasal 40(10)): from receipt of the complete request, not from the
    Penghubung's acceptance; when the requester completes data, from that day."""
    c = world.submit(kind=Kind.INFORMASI, location="", now=MONDAY).complaint
    services.complaint_request_data(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version, note="Sebutkan NIK."
    )
    completed = MONDAY + timedelta(days=2)
    c = services.complaint_supply_data(complaint_id=c.pk, note="NIK 6301...", now=completed)
    assert c.completed_at == completed
    later = MONDAY + timedelta(days=7)
    c = route_to_penghubung(world, c, now=later)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.INFORMASI_PUBLIK),
        now=MONDAY + timedelta(days=8),
    )
    assert c.resolution_due_at == deadline_at(completed, 10, agency=world.dukcapil)


# The walk: every act of the workflow table that leaves an item open, taken by the actor it
# belongs to, must leave a deadline running for whoever holds the item then.

ACTOR_USER = {
    Actor.ADMIN_NASIONAL: "admin_nasional",
    Actor.ADMIN_INSTANSI: "admin_instansi",
    Actor.PENGHUBUNG: "penghubung",
    Actor.ADMIN_UPP: "admin_upp",
}


def _official(
    service: Callable[..., Complaint], **fixed: Any
) -> Callable[[World, Complaint, Any], Complaint]:
    def run(w: World, c: Complaint, user: Any) -> Complaint:
        values = {k: (v(w, c) if callable(v) else v) for k, v in fixed.items()}
        return service(user, complaint_id=c.pk, version=fresh(c).version, **values)

    return run


def _class_for(w: World, c: Complaint) -> services.Verification:
    if c.kind == Kind.INFORMASI:
        return services.Verification(sla_class=SlaClass.INFORMASI_PUBLIK)
    return services.Verification(sla_class=SlaClass.NORMATIF)


def _route_target(w: World, c: Complaint) -> Any:
    return w.pemda if c.holder_tier == HolderTier.NASIONAL else w.dukcapil


def _copy_target(w: World, c: Complaint) -> Any:
    return w.other_pemda if c.holder_tier == HolderTier.NASIONAL else w.rsud


def _answer(c: Complaint) -> services.Answer:
    """An answer; to a request for information it records what was handed over (SPEC C11)."""
    if c.kind == Kind.INFORMASI:
        delivery = services.Delivery(material="Jadwal layanan 2026", format=DeliveryFormat.SOFTCOPY)
        return services.Answer(text="Informasi terlampir.", delivery=delivery)
    return services.Answer(text="Sudah ditangani.")


DRIVERS: dict[Act, Callable[[World, Complaint, Any], Complaint]] = {
    Act.VERIFY: _official(services.complaint_verify),
    Act.ROUTE: _official(services.complaint_route, to_agency=_route_target),
    Act.ACCEPT: _official(services.complaint_accept, verification=_class_for),
    Act.ASSIGN_UNIT: _official(services.complaint_assign_unit, unit=lambda w, c: w.unit),
    Act.RETURN: _official(services.complaint_return, note="Bukan kewenangan kami."),
    Act.COPY: _official(services.complaint_copy, agency=_copy_target),
    Act.REQUEST_DATA: _official(services.complaint_request_data, note="Lampirkan foto."),
    Act.OBSTACLE: _official(services.complaint_report_obstacle, note="Menunggu vendor."),
    Act.NOTE: _official(services.complaint_add_note, note="Cek arsip."),
    Act.EXTEND: _official(services.complaint_extend, reason="Dokumen di arsip daerah."),
    Act.RESPOND: _official(services.complaint_respond, answer=lambda w, c: _answer(c)),
    Act.RECALL: _official(services.complaint_recall, note="Salah tujuan."),
    Act.FIRST_RESPONSE: _official(services.complaint_first_response, note="Kami pelajari."),
    Act.DRAFT_ANSWER: _official(
        services.complaint_draft_answer, answer=services.Answer(text="Draf jawaban unit.")
    ),
    Act.RETURN_DRAFT: _official(services.complaint_return_draft, note="Lengkapi jadwalnya."),
    Act.APPROVE_ANSWER: _official(services.complaint_approve_answer),
    Act.SUPPLY_DATA: lambda w, c, user: services.complaint_supply_data(
        complaint_id=c.pk, note="Foto terlampir."
    ),
    Act.RATE: lambda w, c, user: services.complaint_rate(complaint_id=c.pk, satisfied=False),
    Act.REEXAMINE: lambda w, c, user: services.complaint_reexamine(
        complaint_id=c.pk, reason="Belum selesai."
    ),
}

AN, AI, PH, UPP, R = (
    Actor.ADMIN_NASIONAL,
    Actor.ADMIN_INSTANSI,
    Actor.PENGHUBUNG,
    Actor.ADMIN_UPP,
    Actor.REPORTER,
)
A = Act
# (who files it, steps): None files through the portal (national desk), an official key
# enters it at their own desk (SPEC C1).
PATHS: list[tuple[str | None, str, list[tuple[Actor, Act]]]] = [
    (None, Kind.INFORMASI, [
        (AN, A.NOTE), (AN, A.REQUEST_DATA), (AN, A.NOTE), (R, A.SUPPLY_DATA), (AN, A.VERIFY),
        (AN, A.NOTE), (AN, A.REQUEST_DATA), (R, A.SUPPLY_DATA), (AN, A.COPY), (AN, A.ROUTE),
        (AI, A.NOTE), (AI, A.REQUEST_DATA), (AI, A.NOTE), (R, A.SUPPLY_DATA), (AI, A.RETURN),
        (AN, A.ROUTE), (AI, A.VERIFY), (AI, A.NOTE), (AI, A.REQUEST_DATA), (R, A.SUPPLY_DATA),
        (AI, A.COPY), (AI, A.RETURN), (AN, A.ROUTE), (AI, A.VERIFY), (AI, A.ROUTE),
        (PH, A.NOTE), (PH, A.REQUEST_DATA), (PH, A.NOTE), (R, A.SUPPLY_DATA), (PH, A.RETURN),
        (AI, A.ROUTE), (PH, A.ACCEPT), (PH, A.NOTE), (PH, A.EXTEND), (PH, A.OBSTACLE),
        (PH, A.REQUEST_DATA), (R, A.SUPPLY_DATA), (PH, A.ASSIGN_UNIT), (UPP, A.NOTE),
        (UPP, A.OBSTACLE), (UPP, A.REQUEST_DATA), (UPP, A.NOTE), (R, A.SUPPLY_DATA),
        (UPP, A.RETURN), (PH, A.RETURN),
    ]),
    (None, Kind.INFORMASI, [
        (AN, A.VERIFY), (AN, A.ROUTE), (AI, A.VERIFY), (AI, A.ROUTE), (PH, A.ACCEPT),
        (PH, A.ASSIGN_UNIT), (UPP, A.EXTEND), (UPP, A.RETURN), (PH, A.RESPOND), (R, A.RATE),
        (R, A.REEXAMINE),
    ]),
    # Recalls at both admin tiers, the Penghubung's first response, and a unit's draft
    # returned once and then approved by the Penghubung (002:Bab VI D.3.e; SPEC C6, C12).
    (None, Kind.PENGADUAN, [
        (AN, A.VERIFY), (AN, A.ROUTE), (AN, A.RECALL), (AN, A.ROUTE), (AI, A.VERIFY),
        (AI, A.ROUTE), (AI, A.RECALL), (AI, A.ROUTE), (PH, A.ACCEPT), (PH, A.FIRST_RESPONSE),
        (PH, A.ASSIGN_UNIT), (UPP, A.DRAFT_ANSWER), (PH, A.RETURN_DRAFT), (UPP, A.DRAFT_ANSWER),
        (PH, A.APPROVE_ANSWER), (R, A.RATE), (R, A.REEXAMINE),
    ]),
    ("admin_instansi", Kind.PENGADUAN, [
        (AI, A.NOTE), (AI, A.REQUEST_DATA), (R, A.SUPPLY_DATA), (AI, A.VERIFY),
    ]),
    ("penghubung", Kind.PENGADUAN, [
        (PH, A.NOTE), (PH, A.REQUEST_DATA), (R, A.SUPPLY_DATA), (PH, A.RETURN),
    ]),
    ("penghubung", Kind.PENGADUAN, [(PH, A.ACCEPT)]),
]  # fmt: skip


def assert_clock_runs_for_the_holder(c: Complaint, after: str) -> None:
    """An open item has a current deadline, and it is the holder's: the data deadline while
    waiting for the reporter; at an admin tier (and at the OPD before acceptance) the 3
    working days from the item's arrival there; at the OPD after acceptance and at a unit,
    the resolution deadline."""
    found = c.current_deadline()
    assert found is not None, f"no deadline after {after}"
    kind, due = found
    if c.status == Status.MENUNGGU_DATA:
        assert kind == "data", after
        return
    if c.holder_tier == HolderTier.UNIT or c.status == Status.DITINDAKLANJUTI:
        assert (kind, c.holder_tier in (HolderTier.OPD, HolderTier.UNIT)) == ("resolution", True)
        return
    arrival = deadline_at(c.holder_since, VERIFICATION_DAYS, agency=c.holder_agency)
    assert (kind, due) == ("verification", arrival), after


def test_after_every_act_on_an_open_item_a_deadline_runs_for_its_holder(world: World) -> None:
    """SPEC C5, C7, C8, C11: walking the workflow table, after every act that leaves an item
    open there is a live deadline, and it belongs to the current holder."""
    taken: set[tuple[Act, Actor]] = set()
    visited: set[Status] = set()
    for filed_by, kind, steps in PATHS:
        extra: dict[str, Any] = {"privacy": Privacy.PUBLIK, "kind": kind}
        if kind == Kind.INFORMASI:
            extra["location"] = ""
        if filed_by:
            extra.update(entered_by=world.user(filed_by), channel="surat")
        c = world.submit(**extra).complaint
        assert_clock_runs_for_the_holder(c, "receipt")
        for actor, act in steps:
            c = fresh(c)
            visited.add(Status(c.status))
            user = world.user(ACTOR_USER[actor]) if actor in ACTOR_USER else None
            c = DRIVERS[act](world, c, user)
            taken.add((act, actor))
            c = fresh(c)
            if c.status not in FINAL_STATUSES:
                assert_clock_runs_for_the_holder(c, f"{actor} {act}")
    leaves_open = {
        (act, actor)
        for (state, act, actor), nxt in TRANSITIONS.items()
        if actor != Actor.SYSTEM
        and (isinstance(nxt, Keep) or nxt not in FINAL_STATUSES)
        and (state not in FINAL_STATUSES or act == Act.REEXAMINE)
    }
    assert leaves_open - taken == set(), "every act that leaves an item open is walked"
    open_states = {s for s in Status if s not in FINAL_STATUSES}
    assert open_states - visited == set()
