"""The complaint services: intake, the route through the tiers, privacy, and concurrency."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from complaints import services
from complaints.calendar import deadline_at
from complaints.models import (
    Channel,
    Complaint,
    DeclineReason,
    Event,
    EventAction,
    ExemptionGround,
    HolderTier,
    Kind,
    Privacy,
    SlaClass,
    Status,
)
from complaints.workflow import TransitionRefused
from tests.personas import World, fresh, route_to_penghubung

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=WIB)
# Items acted on at MONDAY were received before it: no step precedes the receipt.
FRIDAY = MONDAY - timedelta(days=3)


def test_portal_item_lands_at_the_national_desk_with_a_verification_deadline(world: World) -> None:
    """SPEC C5, C6: a portal item starts at Admin Nasional with 3 working days to verify."""
    receipt = world.submit(now=MONDAY)
    c = receipt.complaint
    assert receipt.created and len(receipt.secret) == 8
    assert (c.status, c.holder_tier, c.holder_agency) == (
        Status.DITERIMA,
        HolderTier.NASIONAL,
        world.nasional,
    )
    assert c.verification_due_at == deadline_at(MONDAY, 3, agency=world.nasional)
    assert c.events.get().action == EventAction.SUBMITTED
    assert services.complaint_check_secret(code=c.code, secret=receipt.secret) == c
    assert services.complaint_check_secret(code=c.code, secret="WRONG123") is None


def test_same_intake_token_never_creates_two_items(world: World) -> None:
    """A double click or a resubmitted form finds the item it already created."""
    token = uuid.uuid4()
    first = world.submit(intake_token=token)
    second = world.submit(intake_token=token)
    assert first.created and not second.created
    assert second.complaint.pk == first.complaint.pk
    assert Complaint.objects.count() == 1


def test_markup_is_stored_as_plain_text(world: World) -> None:
    c = world.submit(
        title="<script>alert(1)</script>KTP", description="<b>tebal</b> & biasa, 5 < 6"
    ).complaint
    assert c.title == "KTP"  # script elements are dropped with their content
    assert c.description == "tebal & biasa, 5 < 6"


def test_pengaduan_needs_a_location(world: World) -> None:
    """SPEC C2: a report carries a location (001:Pasal 7(2))."""
    with pytest.raises(ValueError):
        world.submit(now=FRIDAY, location="  ")
    assert world.submit(now=FRIDAY, kind=Kind.ASPIRASI, location="").complaint.pk


def test_full_route_to_response(world: World) -> None:
    """SPEC C6, C8: nasional → instansi → OPD; the Penghubung's acceptance starts the 14-day
    clock of a complaint without field inspection; the response ends the item."""
    c = route_to_penghubung(world, world.submit(now=MONDAY).complaint)
    assert (c.holder_tier, c.opd, c.instansi, c.nasional) == (
        HolderTier.OPD,
        world.dukcapil,
        world.pemda,
        world.nasional,
    )
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.TANPA_PEMERIKSAAN),
        now=MONDAY,
    )
    assert c.status == Status.DITINDAKLANJUTI
    assert c.resolution_due_at == deadline_at(MONDAY, 14, agency=world.dukcapil)
    c = services.complaint_respond(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="KTP-el Anda sudah dicetak."),
        now=MONDAY,
    )
    assert c.status == Status.SELESAI and c.response == "KTP-el Anda sudah dicetak."
    assert c.closure_due_at == deadline_at(MONDAY, 10, agency=world.dukcapil)
    actions = list(c.events.values_list("action", flat=True))
    assert actions == [
        "submitted",
        "verified",
        "routed",
        "verified",
        "routed",
        "accepted",
        "responded",
    ]


@pytest.mark.parametrize(
    ("sla", "days"),
    [(SlaClass.NORMATIF, 5), (SlaClass.TANPA_PEMERIKSAAN, 14), (SlaClass.PEMERIKSAAN_LAPANGAN, 60)],
)
def test_resolution_deadline_by_class(world: World, sla: str, days: int) -> None:
    """SPEC C8: 5 / 14 / 60 working days from receipt by the Penghubung."""
    c = route_to_penghubung(world, world.submit(now=FRIDAY).complaint)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=sla),
        now=MONDAY,
    )
    assert c.resolution_due_at == deadline_at(MONDAY, days, agency=world.dukcapil)


def test_wrong_tier_cannot_act(world: World) -> None:
    """SPEC A2: an official acts only at the tier and agency holding the item."""
    c = world.submit(now=FRIDAY).complaint
    for key in ("admin_instansi", "penghubung", "admin_upp", "kepala", "pimpinan", "operator"):
        with pytest.raises(services.NotPermitted):
            services.complaint_verify(world.user(key), complaint_id=c.pk, version=c.version)
    c = route_to_penghubung(world, c)
    for key in ("penghubung_rsud", "penghubung_other", "admin_instansi_other"):
        with pytest.raises(services.NotPermitted):
            services.complaint_accept(
                world.user(key),
                complaint_id=c.pk,
                version=c.version,
                verification=services.Verification(sla_class="normatif"),
            )


def test_admins_route_only_down_their_own_tree(world: World) -> None:
    c = world.submit(now=FRIDAY).complaint
    c = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version
    )
    with pytest.raises(TransitionRefused):
        services.complaint_route(
            complaint_id=c.pk,
            version=c.version,
            user=world.user("admin_nasional"),
            to_agency=world.dukcapil,
        )
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        to_agency=world.pemda,
    )
    c = services.complaint_verify(
        world.user("admin_instansi"), complaint_id=c.pk, version=c.version
    )
    with pytest.raises(TransitionRefused):
        services.complaint_route(
            complaint_id=c.pk,
            version=c.version,
            user=world.user("admin_instansi"),
            to_agency=world.other_opd,
        )


def test_abuse_of_authority_goes_to_apip(world: World) -> None:
    """SPEC C6: abuse of authority by officials goes to APIP (the Inspektorat, B.1.b.13)."""
    c = world.submit(now=FRIDAY).complaint
    c = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version
    )
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        to_agency=world.pemda,
    )
    c = services.complaint_verify(
        world.user("admin_instansi"), complaint_id=c.pk, version=c.version
    )
    with pytest.raises(TransitionRefused):
        services.complaint_route(
            complaint_id=c.pk,
            version=c.version,
            user=world.user("admin_instansi"),
            to_agency=world.rsud,
            to_apip=True,
        )
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_instansi"),
        to_agency=world.inspektorat,
        to_apip=True,
    )
    assert c.is_apip and c.holder_agency == world.inspektorat


def test_copies_and_returns(world: World) -> None:
    """SPEC C6: copies (tembusan) to other agencies; out-of-authority items go back up."""
    c = world.submit(now=FRIDAY).complaint
    c = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version
    )
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        to_agency=world.pemda,
    )
    c = services.complaint_verify(
        world.user("admin_instansi"), complaint_id=c.pk, version=c.version
    )
    c = services.complaint_copy(
        complaint_id=c.pk, version=c.version, user=world.user("admin_instansi"), agency=world.rsud
    )
    assert list(c.copies.values_list("agency", flat=True)) == [world.rsud.pk]
    for outside in (world.other_opd, world.other_pemda):
        # SPEC A2: an Admin Instansi cannot open an item to another pemda through a copy.
        with pytest.raises(TransitionRefused):
            services.complaint_copy(
                complaint_id=c.pk,
                version=c.version,
                user=world.user("admin_instansi"),
                agency=outside,
            )
    with pytest.raises(TransitionRefused):
        services.complaint_copy(
            complaint_id=c.pk,
            version=c.version,
            user=world.user("admin_instansi"),
            agency=world.rsud,
        )
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_instansi"),
        to_agency=world.dukcapil,
    )
    with pytest.raises(TransitionRefused):
        services.complaint_return(
            complaint_id=c.pk, version=c.version, user=world.user("penghubung"), note=" "
        )
    c = services.complaint_return(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("penghubung"),
        note="Bukan kewenangan Disdukcapil.",
    )
    assert (c.holder_tier, c.holder_agency, c.status, c.opd) == (
        HolderTier.INSTANSI,
        world.pemda,
        Status.DIVERIFIKASI,
        None,
    )
    c = services.complaint_return(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_instansi"),
        note="Bukan kewenangan pemda.",
    )
    assert (c.holder_tier, c.holder_agency) == (HolderTier.NASIONAL, world.nasional)


def test_unit_handles_and_returns(world: World) -> None:
    c = route_to_penghubung(world, world.submit(now=FRIDAY).complaint)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class="normatif"),
    )
    c = services.complaint_assign_unit(
        complaint_id=c.pk, version=c.version, user=world.user("penghubung"), unit=world.unit
    )
    assert (c.holder_tier, c.unit) == (HolderTier.UNIT, world.unit)
    c = services.complaint_report_obstacle(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_upp"),
        note="Blanko KTP-el sedang kosong; sudah diminta ke pusat.",
    )
    c = services.complaint_return(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_upp"),
        note="Perlu keputusan kepala.",
    )
    assert (c.holder_tier, c.holder_agency, c.status) == (
        HolderTier.OPD,
        world.dukcapil,
        Status.DITINDAKLANJUTI,
    )
    assert c.events.filter(action=EventAction.OBSTACLE, is_public=True).exists()


def test_aspirations_may_be_answered_by_admins_but_complaints_may_not(world: World) -> None:
    """SPEC C6: aspirations may be answered directly by an admin (B.1.a.8, B.1.b.8)."""
    c = world.submit(now=FRIDAY).complaint
    c = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version
    )
    with pytest.raises(TransitionRefused):
        services.complaint_respond(
            world.user("admin_nasional"),
            complaint_id=c.pk,
            version=c.version,
            answer=services.Answer(text="x"),
        )
    a = world.submit(now=FRIDAY, kind=Kind.ASPIRASI).complaint
    a = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=a.pk, version=a.version
    )
    a = services.complaint_respond(
        world.user("admin_nasional"),
        complaint_id=a.pk,
        version=a.version,
        answer=services.Answer(text="Terima kasih, usulan diteruskan ke Bappeda."),
    )
    assert a.status == Status.SELESAI


def test_decline_needs_a_listed_reason(world: World) -> None:
    """SPEC C12: items are declined only with a recorded reason of 001:Pasal 11(2)."""
    c = world.submit(now=FRIDAY).complaint
    with pytest.raises(ValueError):
        services.complaint_decline(
            complaint_id=c.pk, version=c.version, user=world.user("admin_nasional"), reason="bosan"
        )
    c = services.complaint_decline(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        reason=DeclineReason.SARA,
    )
    assert (c.status, c.decline_reason) == (Status.DITOLAK, "sara")
    assert "SARA" in c.events.get(action=EventAction.DECLINED).note


def test_privacy_can_be_tightened_never_loosened(world: World) -> None:
    """SPEC C3: anonymity and confidentiality are decided again at each verification and may be
    tightened, never loosened."""
    c = world.submit(now=FRIDAY, privacy=Privacy.PUBLIK).complaint
    c = services.complaint_verify(
        world.user("admin_nasional"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(privacy="rahasia"),
    )
    assert c.privacy == Privacy.RAHASIA
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        to_agency=world.pemda,
    )
    with pytest.raises(TransitionRefused):
        services.complaint_verify(
            world.user("admin_instansi"),
            complaint_id=c.pk,
            version=c.version,
            verification=services.Verification(privacy="publik"),
        )
    assert fresh(c).privacy == Privacy.RAHASIA
    c = services.complaint_verify(
        world.user("admin_instansi"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(privacy="anonim"),
    )
    assert c.privacy == Privacy.ANONIM


def test_anonymous_identity_is_hidden_from_every_official(world: World) -> None:
    """SPEC C3, C4: the reporter of an anonim item is known to no official."""
    c = world.submit(now=FRIDAY, privacy=Privacy.ANONIM, reporter=world.user("citizen")).complaint
    for key, user in world.users.items():
        identity = c.reporter_identity_for(user)
        if key == "citizen":
            assert identity and identity["name"] == "Siti Rahmawati Pelapor"
        else:
            assert identity is None
    public = world.submit(now=FRIDAY, privacy=Privacy.PUBLIK).complaint
    assert public.reporter_identity_for(world.user("admin_nasional"))["name"] == (
        "Siti Rahmawati Pelapor"
    )


def test_data_request_supply_restores_state_and_restarts_clock(world: World) -> None:
    """SPEC C7: an incomplete item gets a request for data with 10 working days."""
    c = route_to_penghubung(world, world.submit(now=FRIDAY).complaint)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class="normatif"),
        now=MONDAY,
    )
    c = services.complaint_request_data(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("penghubung"),
        note="Mohon kirim foto resi pengambilan KTP-el.",
        now=MONDAY,
    )
    assert c.status == Status.MENUNGGU_DATA
    assert c.data_due_at == deadline_at(MONDAY, 10, agency=world.dukcapil)
    later = datetime(2026, 11, 9, 10, 0, tzinfo=WIB)
    c = services.complaint_supply_data(complaint_id=c.pk, note="Nomor resi 1234.", now=later)
    assert c.status == Status.DITINDAKLANJUTI and c.data_due_at is None
    assert c.resolution_due_at == deadline_at(later, 5, agency=world.dukcapil)


def test_archive_only_from_waiting(world: World) -> None:
    """SPEC C7: no completion within 10 working days archives the item."""
    c = world.submit(now=FRIDAY).complaint
    with pytest.raises(TransitionRefused):
        services.complaint_archive(complaint_id=c.pk)
    c = services.complaint_request_data(
        complaint_id=c.pk, version=c.version, user=world.user("admin_nasional"), note="Lokasi?"
    )
    c = services.complaint_archive(complaint_id=c.pk)
    assert c.status == Status.DIARSIPKAN and c.closed_at is not None


def test_reporter_rates_and_may_ask_once_for_reexamination(world: World) -> None:
    """SPEC C13: the reporter knows the result, rates it, and may ask once to re-examine."""
    c = route_to_penghubung(world, world.submit(now=FRIDAY).complaint)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class="normatif"),
    )
    c = services.complaint_respond(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Sudah."),
    )
    c = services.complaint_rate(complaint_id=c.pk, satisfied=False)
    c = services.complaint_reexamine(complaint_id=c.pk, reason="Belum saya terima.")
    assert (c.status, c.holder_agency, c.satisfied) == (
        Status.DITINDAKLANJUTI,
        world.dukcapil,
        None,
    )
    c = services.complaint_respond(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Sudah dikirim."),
    )
    with pytest.raises(TransitionRefused):
        services.complaint_reexamine(complaint_id=c.pk, reason="Lagi.")
    c = services.complaint_rate(complaint_id=c.pk, satisfied=True, comment="Terima kasih.")
    assert c.satisfied is True
    with pytest.raises(TransitionRefused):
        services.complaint_rate(complaint_id=c.pk, satisfied=False)  # rated once per response


def test_internal_notes_are_not_public(world: World) -> None:
    """SPEC C14: the reporter sees the public part of the timeline only."""
    c = world.submit(now=FRIDAY).complaint
    services.complaint_add_note(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("admin_nasional"),
        note="Cek duplikat.",
    )
    note = Event.objects.get(action=EventAction.NOTE)
    assert not note.is_public and note.actor == world.user("admin_nasional")
    assert note.actor_role == "admin_nasional" and note.actor_agency == world.nasional


def test_stale_version_is_refused(world: World) -> None:
    c = world.submit(now=FRIDAY).complaint
    services.complaint_verify(world.user("admin_nasional"), complaint_id=c.pk, version=c.version)
    with pytest.raises(services.StaleComplaint):
        services.complaint_verify(
            world.user("admin_nasional"), complaint_id=c.pk, version=c.version
        )


def test_officer_intake_records_the_channel_and_lands_at_their_tier(world: World) -> None:
    """SPEC C1: officers enter manual items with their channel."""
    c = services.complaint_submit(
        world.user("admin_instansi"),
        channel=Channel.SURAT,
        content=services.ComplaintContent(
            kind=Kind.PENGADUAN,
            title="Surat warga",
            description="Lewat surat.",
            privacy=Privacy.PUBLIK,
            location="Kantor",
        ),
    ).complaint
    assert (c.channel, c.holder_agency, c.holder_tier) == (
        "surat",
        world.pemda,
        HolderTier.INSTANSI,
    )
    assert c.events.get().actor == world.user("admin_instansi")
    with pytest.raises(services.NotPermitted):
        services.complaint_submit(
            world.user("kepala"),
            channel="sms",
            content=services.ComplaintContent(
                kind=Kind.ASPIRASI, title="x", description="y", privacy="publik"
            ),
        )


@pytest.mark.django_db(transaction=True)
def test_two_officers_at_the_same_moment_one_wins() -> None:
    """Two officers act on the same item at once: one succeeds, the other is told it changed."""
    from tests.personas import build_world

    w = build_world()
    c = w.submit().complaint
    start_version = c.version
    from accounts.models import Membership, Role

    second = w.user("operator")
    Membership.objects.create(user=second, agency=w.nasional, role=Role.ADMIN_NASIONAL)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(user_key: str) -> None:
        from accounts.models import User

        user = User.objects.get(pk=w.user(user_key).pk)
        barrier.wait()
        try:
            services.complaint_verify(user, complaint_id=c.pk, version=start_version)
            outcomes.append("ok")
        except services.StaleComplaint:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(k,)) for k in ("admin_nasional", "operator")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "stale"]
    assert fresh(c).version == start_version + 1
    assert Event.objects.filter(complaint=c, action=EventAction.VERIFIED).count() == 1


def _information_request_at_opd(world: World) -> Complaint:
    c = world.submit(
        now=FRIDAY,
        kind=Kind.INFORMASI,
        title="Data penerima bantuan sosial 2026",
        description="Mohon salinan daftar penerima.",
        location="",
    ).complaint
    return route_to_penghubung(world, c)


def test_public_information_request_takes_10_days_and_extends_once_by_7(world: World) -> None:
    """SPEC C11: information requests under 003:Pasal 40(10): 10 working days, extendable
    once by 7, with the reason told to the requester."""
    c = _information_request_at_opd(world)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.INFORMASI_PUBLIK),
        now=MONDAY,
    )
    # Counted from receipt of the complete request (003:Pasal 40(10)), not from the
    # Penghubung's acceptance.
    first_deadline = deadline_at(FRIDAY, 10, agency=world.dukcapil)
    assert c.resolution_due_at == first_deadline
    with pytest.raises(TransitionRefused):
        services.complaint_extend(
            complaint_id=c.pk, version=c.version, user=world.user("penghubung"), reason=" "
        )
    c = services.complaint_extend(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("penghubung"),
        reason="Dokumen berada di arsip kecamatan.",
        now=MONDAY,
    )
    assert c.resolution_due_at == deadline_at(first_deadline, 7, agency=world.dukcapil)
    extended = c.events.get(action=EventAction.EXTENDED)
    assert extended.is_public and "arsip kecamatan" in extended.note
    with pytest.raises(TransitionRefused):
        services.complaint_extend(
            complaint_id=c.pk,
            version=c.version,
            user=world.user("penghubung"),
            reason="Lagi.",
            now=MONDAY,
        )


def test_only_public_information_requests_extend(world: World) -> None:
    """SPEC C11, C8: complaints keep their 5/14/60-day classes; the 10+7 class is for
    information requests alone."""
    c = route_to_penghubung(world, world.submit(now=FRIDAY).complaint)
    with pytest.raises(TransitionRefused):
        services.complaint_accept(
            world.user("penghubung"),
            complaint_id=c.pk,
            version=c.version,
            verification=services.Verification(sla_class=SlaClass.INFORMASI_PUBLIK),
        )
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class="normatif"),
    )
    with pytest.raises(TransitionRefused):
        services.complaint_extend(
            complaint_id=c.pk, version=c.version, user=world.user("penghubung"), reason="x"
        )


def test_refusing_information_states_its_legal_basis_and_ends_as_ditolak(world: World) -> None:
    """SPEC C11: a refusal states its legal reason (003:Pasal 40(12)) and is its own final
    status, "Ditolak", not "Selesai"."""
    c = _information_request_at_opd(world)
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.INFORMASI_PUBLIK),
    )
    with pytest.raises(TransitionRefused):
        services.complaint_refuse_information(
            world.user("penghubung"),
            complaint_id=c.pk,
            version=c.version,
            refusal=services.Refusal(
                ground=ExemptionGround.RAHASIA_PRIBADI,
                basis="",
                letter="Tidak dapat diberikan.",
            ),
        )
    c = services.complaint_refuse_information(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        refusal=services.Refusal(
            ground=ExemptionGround.RAHASIA_PRIBADI,
            basis="UU 14/2008 Pasal 17 huruf h",
            letter="Data pribadi penerima tidak dapat diberikan.",
        ),
    )
    assert (c.status, c.information_refused, c.refusal_basis, c.is_final) == (
        Status.DITOLAK,
        True,
        "UU 14/2008 Pasal 17 huruf h",
        True,
    )
    assert c.closed_at is not None and c.resolution_due_at is None
    assert c.information.refusal_ground == ExemptionGround.RAHASIA_PRIBADI
    event = c.events.get(action=EventAction.INFO_REFUSED)
    assert event.is_public and "Pasal 17" in event.note and event.to_status == Status.DITOLAK
    other = route_to_penghubung(world, world.submit(now=FRIDAY).complaint)
    other = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=other.pk,
        version=other.version,
        verification=services.Verification(sla_class="normatif"),
    )
    with pytest.raises(TransitionRefused):
        services.complaint_refuse_information(
            world.user("penghubung"),
            complaint_id=other.pk,
            version=other.version,
            refusal=services.Refusal(
                ground=ExemptionGround.RAHASIA_PRIBADI,
                basis="x",
                letter="Ditolak.",
            ),
        )


def test_resolution_counts_from_receipt_by_the_penghubung(world: World) -> None:
    """SPEC C8: the period runs from receipt by the Pejabat Penghubung, not from the day the
    Penghubung gets round to accepting it; supplied data restarts it without rewriting the
    receipt."""
    routed_on = MONDAY
    c = route_to_penghubung(world, world.submit(now=routed_on).complaint, now=routed_on)
    assert c.penghubung_received_at == routed_on
    accepted_on = datetime(2026, 11, 4, 15, 0, tzinfo=WIB)  # Wednesday
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF),
        now=accepted_on,
    )
    assert c.resolution_due_at == deadline_at(routed_on, 5, agency=world.dukcapil)
    # SPEC C15: received Monday, followed up Wednesday: 2 working days, fixed once.
    assert (c.first_followup_at, c.followup_working_days) == (accepted_on, 2)
    c = services.complaint_request_data(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("penghubung"),
        note="Nomor resi?",
        now=accepted_on,
    )
    supplied_on = datetime(2026, 11, 6, 9, 0, tzinfo=WIB)
    c = services.complaint_supply_data(complaint_id=c.pk, note="Resi 42.", now=supplied_on)
    assert c.penghubung_received_at == routed_on
    assert c.resolution_due_at == deadline_at(supplied_on, 5, agency=world.dukcapil)


def test_public_timeline_leaves_out_what_the_reporter_wrote(world: World) -> None:
    """SPEC C3, C14: data the reporter supplies later (often identity data) is on their own
    timeline and the officials', never on the public page of a public item."""
    from complaints.selectors import timeline

    c = world.submit(now=FRIDAY, privacy=Privacy.PUBLIK).complaint
    c = services.complaint_request_data(
        complaint_id=c.pk, version=c.version, user=world.user("admin_nasional"), note="NIK?"
    )
    services.complaint_supply_data(complaint_id=c.pk, note="NIK saya 6301234567890001")
    notes = {a: [e.note for e in timeline(c, audience=a)] for a in ("public", "reporter")}
    assert "NIK saya 6301234567890001" in notes["reporter"]
    assert "NIK saya 6301234567890001" not in notes["public"]
    assert "NIK?" in notes["public"]  # the officials' public steps stay public


def _accepted_information_request(world: World, now: datetime) -> Complaint:
    c = _information_request_at_opd(world)
    return services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.INFORMASI_PUBLIK),
        now=now,
    )


def test_no_extension_once_the_deadline_has_passed(world: World) -> None:
    """SPEC C11: the extension is decided within the 10 working days, not to undo a breach."""
    c = _accepted_information_request(world, MONDAY)
    late = c.resolution_due_at + timedelta(seconds=1)
    with pytest.raises(TransitionRefused):
        services.complaint_extend(
            complaint_id=c.pk,
            version=c.version,
            user=world.user("penghubung"),
            reason="Terlambat.",
            now=late,
        )
    assert fresh(c).extended_at is None


def test_an_extension_stays_when_the_clock_restarts(world: World) -> None:
    """SPEC C11, C7: after an extension, supplied data restarts a 10 + 7 day period."""
    c = _accepted_information_request(world, MONDAY)
    c = services.complaint_extend(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("penghubung"),
        reason="Arsip di kecamatan.",
        now=MONDAY,
    )
    c = services.complaint_request_data(
        complaint_id=c.pk, version=c.version, user=world.user("penghubung"), note="KTP?", now=MONDAY
    )
    supplied = datetime(2026, 11, 4, 9, 0, tzinfo=WIB)
    c = services.complaint_supply_data(complaint_id=c.pk, note="Terlampir.", now=supplied)
    assert c.resolution_due_at == deadline_at(supplied, 17, agency=world.dukcapil)


def test_data_supplied_before_acceptance_restarts_the_receipt(world: World) -> None:
    """SPEC C8, C7: data asked for before acceptance: the item counts as received complete by
    the Penghubung on the day it arrives, and the period runs from then."""
    c = route_to_penghubung(world, world.submit(now=MONDAY).complaint, now=MONDAY)
    c = services.complaint_request_data(
        complaint_id=c.pk,
        version=c.version,
        user=world.user("penghubung"),
        note="Lokasi?",
        now=MONDAY,
    )
    supplied = datetime(2026, 11, 13, 9, 0, tzinfo=WIB)  # Friday, 9 working days later
    c = services.complaint_supply_data(complaint_id=c.pk, note="Jl. A. Yani 1.", now=supplied)
    assert c.penghubung_received_at == supplied
    c = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF),
        now=supplied,
    )
    assert c.resolution_due_at == deadline_at(supplied, 5, agency=world.dukcapil)


def test_markup_only_notes_are_refused_like_empty_ones(world: World) -> None:
    """Text is judged after markup is removed, once: "<b></b>" is no reason, while text
    typed as entities ("&lt;b&gt;") is kept as the literal characters, never re-parsed."""
    c = _accepted_information_request(world, MONDAY)
    for junk in ("<b></b>", "<script>x</script>", "  "):
        with pytest.raises(TransitionRefused):
            services.complaint_extend(
                complaint_id=c.pk,
                version=c.version,
                user=world.user("penghubung"),
                reason=junk,
                now=MONDAY,
            )
    c = services.complaint_add_note(
        complaint_id=c.pk, version=c.version, user=world.user("penghubung"), note="&lt;b&gt;"
    )
    assert c.events.get(action=EventAction.NOTE).note == "<b>"
