"""Who hears about which timeline event (complaints.notify), and what they never hear.

SPEC C13 (the reporter's right to a response and to know the result), C14 (every step),
C9 (reminders before the deadline), C3/C4 (officials never learn an anonymous reporter's
identity; no official-facing message carries identity at all).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.models import User
from complaints import notify, services
from complaints.models import Complaint, DeclineReason, EventAction, Privacy, SlaClass
from notices.models import Notification, NotificationKind, OutboundEmail
from tests.personas import World, fresh, route_to_penghubung

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=WIB)
REPORTER_EMAIL = "siti.pelapor@example.net"
IDENTITY = ("Siti Rahmawati Pelapor", REPORTER_EMAIL, "081299887766")


def notified(kind: str | None = None) -> set[str]:
    """Usernames holding a notification (of this kind)."""
    qs = Notification.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    return set(qs.values_list("user__username", flat=True))


def mailed() -> list[str]:
    return list(OutboundEmail.objects.order_by("pk").values_list("to_email", flat=True))


def marks() -> tuple[int, int]:
    n = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    o = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return n, o


def new_rows(mark: tuple[int, int]) -> tuple[set[str], set[str]]:
    users = set(
        Notification.objects.filter(pk__gt=mark[0]).values_list("user__username", flat=True)
    )
    addresses = set(OutboundEmail.objects.filter(pk__gt=mark[1]).values_list("to_email", flat=True))
    return users, addresses


def accepted(w: World, c: Complaint) -> Complaint:
    c = route_to_penghubung(w, c)
    return services.complaint_accept(
        w.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.TANPA_PEMERIKSAAN),
        now=MONDAY,
    )


def test_submission_tells_the_reporter_and_the_national_desk(world: World) -> None:
    """C13, C14: receipt is confirmed to the reporter; the holder's officials are told."""
    receipt = world.submit(now=MONDAY)
    c = receipt.complaint
    assert notified() == {"admin.nasional"}
    n = Notification.objects.get()
    assert n.kind == NotificationKind.FORWARDED
    assert n.url == f"/dasbor/pengaduan/{c.code}/"
    assert sorted(mailed()) == ["admin.nasional@example.go.id", REPORTER_EMAIL]
    to_reporter = OutboundEmail.objects.get(to_email=REPORTER_EMAIL)
    assert c.code in to_reporter.subject
    assert c.code in to_reporter.body_text and c.code in to_reporter.body_html
    # SPEC A1, C13: no account, yet the mail opens the item (a signed link, not the form).
    assert "/pengaduan/akses/" in to_reporter.body_text
    assert "Diterima" in to_reporter.body_text


def test_links_in_mail_are_absolute_on_the_configured_site(world: World, settings) -> None:
    settings.SITE_URL = "https://lapor.tanahlaut.go.id"
    c = world.submit(now=MONDAY).complaint
    official = OutboundEmail.objects.get(to_email="admin.nasional@example.go.id")
    link = f"https://lapor.tanahlaut.go.id/dasbor/pengaduan/{c.code}/"
    assert link in official.body_text
    assert f'href="{link}"' in official.body_html


def test_each_move_tells_only_the_officials_of_the_new_holder(world: World) -> None:
    """C6, C14: routing, unit assignment, returns and re-examination reach the new holder."""
    w = world
    c = w.submit(now=MONDAY).complaint
    c = services.complaint_verify(
        w.user("admin_nasional"), complaint_id=c.pk, version=c.version, now=MONDAY
    )
    mark = marks()
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=w.user("admin_nasional"),
        to_agency=w.pemda,
        now=MONDAY,
    )
    assert new_rows(mark) == ({"admin.instansi"}, {"admin.instansi@example.go.id"})

    c = services.complaint_verify(
        w.user("admin_instansi"), complaint_id=c.pk, version=c.version, now=MONDAY
    )
    mark = marks()
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=w.user("admin_instansi"),
        to_agency=w.dukcapil,
        now=MONDAY,
    )
    # Not the Kepala, not the RSUD's Penghubung, not the other pemda.
    assert new_rows(mark) == ({"penghubung.dukcapil"}, {"penghubung.dukcapil@example.go.id"})

    c = services.complaint_accept(
        w.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=SlaClass.TANPA_PEMERIKSAAN),
        now=MONDAY,
    )
    mark = marks()
    c = services.complaint_assign_unit(
        complaint_id=c.pk, version=c.version, user=w.user("penghubung"), unit=w.unit, now=MONDAY
    )
    assert new_rows(mark) == ({"upp.pdp"}, {"upp.pdp@example.go.id"})
    assert Notification.objects.get(user__username="upp.pdp").kind == NotificationKind.FORWARDED

    mark = marks()
    c = services.complaint_return(
        complaint_id=c.pk,
        version=c.version,
        user=w.user("admin_upp"),
        note="Bukan kewenangan unit.",
        now=MONDAY,
    )
    assert new_rows(mark) == ({"penghubung.dukcapil"}, {"penghubung.dukcapil@example.go.id"})

    mark = marks()
    c = services.complaint_return(
        complaint_id=c.pk,
        version=c.version,
        user=w.user("penghubung"),
        note="Bukan kewenangan Disdukcapil.",
        now=MONDAY,
    )
    assert new_rows(mark) == ({"admin.instansi"}, {"admin.instansi@example.go.id"})


def test_reexamination_goes_back_to_the_penghubung(world: World) -> None:
    w = world
    c = accepted(w, w.submit(now=MONDAY).complaint)
    c = services.complaint_respond(
        w.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Sudah jadi."),
    )
    services.complaint_rate(complaint_id=c.pk, satisfied=False)
    mark = marks()
    services.complaint_reexamine(complaint_id=c.pk, reason="Belum saya terima.")
    users, addresses = new_rows(mark)
    assert users == {"penghubung.dukcapil"}
    assert addresses == {"penghubung.dukcapil@example.go.id"}


def test_reporter_with_an_account_hears_each_public_step(world: World) -> None:
    """C13: data requests, the response and the closure reach the reporter in-app and by mail;
    internal notes never do."""
    w = world
    citizen = w.user("citizen")
    c = w.submit(
        reporter=citizen, reporter_name="", reporter_email="", reporter_phone="", now=MONDAY
    ).complaint
    assert notified(NotificationKind.RECEIVED) == {"warga"}
    received = Notification.objects.get(user=citizen)
    assert received.url == f"/pengaduan/{c.code}/"
    assert "warga@example.go.id" in mailed()

    c = accepted(w, c)
    mark = marks()
    c = services.complaint_add_note(
        complaint_id=c.pk, version=c.version, user=w.user("penghubung"), note="Cek arsip."
    )
    assert new_rows(mark) == (set(), set())  # internal: nobody, least of all the reporter

    c = services.complaint_request_data(
        complaint_id=c.pk,
        version=c.version,
        user=w.user("penghubung"),
        note="Mohon kirim foto resi pengambilan.",
        now=MONDAY,
    )
    request = Notification.objects.get(user=citizen, kind=NotificationKind.DATA_REQUESTED)
    assert c.code in request.title
    mail = OutboundEmail.objects.filter(to_email="warga@example.go.id").latest("pk")
    assert "Mohon kirim foto resi pengambilan." in mail.body_text

    c = services.complaint_supply_data(complaint_id=c.pk, note="Terlampir.")
    c = services.complaint_respond(
        w.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="KTP-el sudah dapat diambil."),
    )
    response = Notification.objects.get(user=citizen, kind=NotificationKind.RESPONSE)
    assert c.code in response.title
    mail = OutboundEmail.objects.filter(to_email="warga@example.go.id").latest("pk")
    assert "KTP-el sudah dapat diambil." in mail.body_text

    services.complaint_close(complaint_id=c.pk)
    assert Notification.objects.filter(user=citizen, kind=NotificationKind.CLOSED).count() == 1
    kinds = list(
        Notification.objects.filter(user=citizen).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == ["received", "data_requested", "response", "closed"]
    assert OutboundEmail.objects.filter(to_email="warga@example.go.id").count() == 4
    assert REPORTER_EMAIL not in mailed()


@pytest.mark.parametrize("how", ["declined", "archived"])
def test_a_declined_or_archived_item_tells_the_reporter_it_ended(world: World, how: str) -> None:
    """C12, C13: an item that ends without a response still tells the reporter why."""
    w = world
    c = w.submit(now=MONDAY).complaint
    if how == "declined":
        services.complaint_decline(
            complaint_id=c.pk,
            version=c.version,
            user=w.user("admin_nasional"),
            reason=DeclineReason.SARA,
        )
    else:
        c = services.complaint_request_data(
            complaint_id=c.pk,
            version=c.version,
            user=w.user("admin_nasional"),
            note="Lokasi tepatnya di mana?",
            now=MONDAY,
        )
        services.complaint_archive(complaint_id=c.pk)
    last = OutboundEmail.objects.filter(to_email=REPORTER_EMAIL).latest("pk")
    assert c.code in last.subject
    assert ("ditolak" if how == "declined" else "diarsipkan") in last.subject
    if how == "declined":
        assert "Mengandung SARA" in last.body_text


def test_reminders_go_to_the_holder_and_breaches_also_to_admin_instansi_and_kepala(
    world: World,
) -> None:
    """SPEC C9: a reminder before the deadline to whoever holds the item; a breach to the
    holder and to those who answer for the OPD."""
    w = world
    c = accepted(w, w.submit(now=MONDAY).complaint)
    mark = marks()
    services.complaint_deadline_event(
        complaint=fresh(c),
        action=EventAction.REMINDER,
        note="Batas penyelesaian 20/11/2026: tinggal 3 hari kerja.",
        now=MONDAY,
    )
    assert new_rows(mark) == ({"penghubung.dukcapil"}, {"penghubung.dukcapil@example.go.id"})
    reminder = Notification.objects.get(kind=NotificationKind.REMINDER)
    assert reminder.body == "Batas penyelesaian 20/11/2026: tinggal 3 hari kerja."
    assert "tinggal 3 hari kerja" in OutboundEmail.objects.latest("pk").body_text

    mark = marks()
    services.complaint_deadline_event(
        complaint=fresh(c), action=EventAction.BREACH, note="Melewati batas.", now=MONDAY
    )
    users, addresses = new_rows(mark)
    assert users == {"penghubung.dukcapil", "admin.instansi", "kepala.dukcapil"}
    assert addresses == {
        "penghubung.dukcapil@example.go.id",
        "admin.instansi@example.go.id",
        "kepala.dukcapil@example.go.id",
    }
    # Deadline events are internal: the reporter hears nothing of them.
    assert REPORTER_EMAIL not in addresses


def _lifecycle(w: World, **submit: object) -> services.Receipt:
    """Walk an item through every notifying step, with a reminder and a breach."""
    receipt = w.submit(now=MONDAY, **submit)
    c = accepted(w, receipt.complaint)
    c = services.complaint_request_data(
        complaint_id=c.pk, version=c.version, user=w.user("penghubung"), note="Foto resi."
    )
    c = services.complaint_supply_data(complaint_id=c.pk, note="Terlampir.")
    c = services.complaint_assign_unit(
        complaint_id=c.pk, version=c.version, user=w.user("penghubung"), unit=w.unit
    )
    for action in (EventAction.REMINDER, EventAction.BREACH):
        services.complaint_deadline_event(complaint=fresh(c), action=action, note="", now=MONDAY)
    c = fresh(c)
    c = services.complaint_draft_answer(
        w.user("admin_upp"),
        complaint_id=c.pk,
        version=c.version,
        answer=services.Answer(text="Selesai."),
    )
    c = services.complaint_approve_answer(
        w.user("penghubung"), complaint_id=c.pk, version=c.version
    )
    services.complaint_close(complaint_id=c.pk)
    return receipt


@pytest.mark.parametrize("privacy", [Privacy.ANONIM, Privacy.PUBLIK])
def test_officials_never_receive_the_reporters_identity(world: World, privacy: str) -> None:
    """C3, C4: no official-facing notice or mail names the reporter, on any item; an
    anonymous reporter who left an address still hears about their item."""
    _lifecycle(world, privacy=privacy)
    official_ids = set(User.objects.filter(memberships__isnull=False).values_list("pk", flat=True))
    official_notices = Notification.objects.filter(user_id__in=official_ids)
    official_mail = OutboundEmail.objects.exclude(to_email=REPORTER_EMAIL)
    assert official_notices.count() >= 6 and official_mail.count() >= 6
    for n in official_notices:
        for secret in IDENTITY:
            assert secret not in f"{n.title} {n.body} {n.url}"
    for m in official_mail:
        for secret in IDENTITY:
            assert secret not in f"{m.subject} {m.body_text} {m.body_html}"
    # The reporter (anonymous or not) is reached at the address they gave.
    reporter_mail = OutboundEmail.objects.filter(to_email=REPORTER_EMAIL)
    assert reporter_mail.count() == 4  # received, data requested, response, closed


def test_anonymous_reporter_without_contact_data_gets_nothing_pushed(world: World) -> None:
    """C3: nothing to push to; the officials are still told, the tracking page still works."""
    receipt = _lifecycle(world, reporter_name="", reporter_email="", reporter_phone="")
    official_ids = set(User.objects.filter(memberships__isnull=False).values_list("pk", flat=True))
    assert not Notification.objects.exclude(user_id__in=official_ids).exists()
    official_addresses = set(
        User.objects.filter(pk__in=official_ids).values_list("email", flat=True)
    )
    assert set(mailed()) <= official_addresses
    assert OutboundEmail.objects.exists()
    assert (
        services.complaint_check_secret(code=receipt.complaint.code, secret=receipt.secret)
        is not None
    )


def test_the_tracking_secret_never_appears_in_any_mail(world: World) -> None:
    """The secret is shown once on the receipt page; mail could be read by anyone."""
    receipts = [
        _lifecycle(world),
        world.submit(now=MONDAY, reporter=world.user("citizen")),
        world.submit(now=MONDAY, privacy=Privacy.PUBLIK),
    ]
    secrets = [r.secret for r in receipts]
    assert all(len(s) == 8 for s in secrets)
    rows = list(OutboundEmail.objects.all())
    assert len(rows) >= 15
    for row in rows:
        for secret in secrets:
            assert secret not in f"{row.subject}\n{row.body_text}\n{row.body_html}"


def test_the_official_who_acted_is_not_notified_of_their_own_entry(world: World) -> None:
    """A Penghubung who records a walk-in item at the OPD is not told it arrived."""
    w = world
    other = User.objects.create_user(
        username="penghubung2.dukcapil",
        password="kata-sandi-uji-123",
        full_name="Penghubung Kedua",
        email="penghubung2@example.go.id",
    )
    other.memberships.create(agency=w.dukcapil, role="penghubung")
    w.submit(entered_by=w.user("penghubung"), channel="tatap_muka", now=MONDAY)
    assert notified(NotificationKind.FORWARDED) == {"penghubung2.dukcapil"}


def test_replaying_an_event_queues_no_second_mail(world: World) -> None:
    c = world.submit(now=MONDAY).complaint
    event = c.events.get(action=EventAction.SUBMITTED)
    before = OutboundEmail.objects.count()
    notify.on_event(event)
    assert OutboundEmail.objects.count() == before == 2


def test_copies_supplied_data_and_obstacles_reach_who_they_concern(
    world: World,
) -> None:
    """SPEC C6, C9: a copy reaches the copied agency's officials; data the reporter
    supplies reaches the holder; an obstacle reaches the reporter; none of the
    officials' notices carries the reporter's identity."""
    w = world
    c = w.submit(privacy="publik").complaint
    c = services.complaint_verify(w.user("admin_nasional"), complaint_id=c.pk, version=c.version)
    c = services.complaint_route(
        complaint_id=c.pk, version=c.version, user=w.user("admin_nasional"), to_agency=w.pemda
    )
    c = services.complaint_verify(w.user("admin_instansi"), complaint_id=c.pk, version=c.version)
    mark = marks()
    c = services.complaint_copy(
        complaint_id=c.pk, version=c.version, user=w.user("admin_instansi"), agency=w.rsud
    )
    users, _addresses = new_rows(mark)
    assert users == {"penghubung.rsud"}
    c = services.complaint_route(
        complaint_id=c.pk, version=c.version, user=w.user("admin_instansi"), to_agency=w.dukcapil
    )
    c = services.complaint_accept(
        w.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class="normatif"),
    )
    c = services.complaint_request_data(
        complaint_id=c.pk, version=c.version, user=w.user("penghubung"), note="Resi?"
    )
    mark = marks()
    c = services.complaint_supply_data(complaint_id=c.pk, note="Resi 42, a.n. Siti.")
    users, addresses = new_rows(mark)
    assert users == {"penghubung.dukcapil"}
    assert "Resi 42" not in OutboundEmail.objects.latest("pk").body_text  # no reporter text
    mark = marks()
    services.complaint_report_obstacle(
        complaint_id=c.pk,
        version=fresh(c).version,
        user=w.user("penghubung"),
        note="Blanko KTP-el kosong; sudah diminta ke pusat.",
    )
    _users, addresses = new_rows(mark)
    assert addresses == {REPORTER_EMAIL}
    assert "Blanko KTP-el kosong" in OutboundEmail.objects.latest("pk").body_text


def test_officials_of_a_deactivated_agency_are_not_notified(world: World) -> None:
    """SPEC A2: a notice leads somewhere the official may open; the members of an agency that
    was switched off get none (their memberships grant nothing any more)."""
    w = world
    c = route_to_penghubung(w, w.submit(now=MONDAY).complaint)
    w.dukcapil.is_active = False
    w.dukcapil.save()
    mark = marks()
    services.complaint_deadline_event(
        complaint=fresh(c), action=EventAction.BREACH, note="Melewati batas.", now=MONDAY
    )
    users, _addresses = new_rows(mark)
    assert "penghubung.dukcapil" not in users and "kepala.dukcapil" not in users
    assert "admin.instansi" in users
