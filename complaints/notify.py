"""Which timeline events notify whom (SPEC C9, C13, C14), through notices.services.

Called by `complaints.services._event` for every Event (`on_event`) and by the SLA sweep for
a batch of them (`on_events`), inside the writer's transaction: the notices and outbox rows
exist exactly when the change does.

- The reporter hears about receipt, data requests, obstacles and extensions (002:Bab VII
  A.1.f; 003:Pasal 40(10)), the response and the end of the item (public events only). A
  reporter with an account gets an in-app notice and, with an address, an e-mail; one who
  left only an e-mail address gets the e-mail; an anonymous reporter without contact data
  gets nothing pushed and keeps the tracking page.
- The reporter also hears the Penghubung's first response (respon awal) and a closure by
  Admin Nasional with its reason (002:Bab VI D.3.e; SPEC C6, C12).
- Officials hear about items that arrive at their desk, copies (tembusan) to their agency,
  data the reporter supplied, reminders and breaches (the holder and those who answer for it),
  a re-examination the reporter asked for, a unit's draft answer waiting for the Penghubung's
  approval (the Penghubung) or returned (the unit's Admin UPP), and a disposition recalled
  from their desk.

Every mail to the reporter links to the item through a signed, expiring link
(`complaints.reporter_access`); officials' mail links to the dashboard page behind their login.

Confidentiality (SPEC C3, C4): nothing sent to an official carries the reporter's name, e-mail
or phone, whatever the item's privacy, nor any note written on the timeline. The tracking
secret is never known here (only its hash is stored), so it cannot leak into mail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, User
from complaints.models import Complaint, Event, EventAction, Follow, HolderTier
from complaints.receivers import receiving_role
from complaints.reporter_access import reporter_link_context
from complaints.workflow import TIER_ACTOR
from notices import services as notice_services
from notices.models import NotificationKind
from notices.render import absolute_url
from notices.services import Notice
from standards.models import Tier

ARRIVALS = frozenset(
    {
        EventAction.SUBMITTED,
        EventAction.ROUTED,
        EventAction.ASSIGNED_UNIT,
        EventAction.RETURNED,
    }
)
# Officials' notices of their own, each for the seats `_seats` names.
OFFICIAL_WHAT: dict[str, str] = {
    EventAction.COPIED: "copied",
    EventAction.DATA_SUPPLIED: "supplied",
    EventAction.REMINDER: "reminder",
    EventAction.BREACH: "breach",
    EventAction.REEXAMINATION: "reexamination",
    EventAction.DRAFTED: "drafted",
    EventAction.DRAFT_RETURNED: "draft_returned",
    EventAction.RECALLED: "recalled",
}
REPORTER_KINDS: dict[str, str] = {
    EventAction.SUBMITTED: NotificationKind.RECEIVED,
    EventAction.DATA_REQUESTED: NotificationKind.DATA_REQUESTED,
    EventAction.RESPONDED: NotificationKind.RESPONSE,
    EventAction.OBSTACLE: NotificationKind.UPDATE,
    EventAction.EXTENDED: NotificationKind.UPDATE,
    EventAction.FIRST_RESPONSE: NotificationKind.UPDATE,
    EventAction.CONCLUDED: NotificationKind.CLOSED,
    EventAction.CLOSED: NotificationKind.CLOSED,
    EventAction.ARCHIVED: NotificationKind.CLOSED,
    EventAction.DECLINED: NotificationKind.CLOSED,
    EventAction.INFO_REFUSED: NotificationKind.CLOSED,
}


# The public steps a follower of a public item hears about: the step's name and the status,
# never a note (notes can be internal, or name people; the page shows what is public).
FOLLOWER_ACTIONS = frozenset(
    {
        EventAction.VERIFIED,
        EventAction.ROUTED,
        EventAction.ACCEPTED,
        EventAction.ASSIGNED_UNIT,
        EventAction.OBSTACLE,
        EventAction.EXTENDED,
        EventAction.RESPONDED,
        EventAction.CLOSED,
        EventAction.ARCHIVED,
    }
)


def on_event(event: Event) -> None:
    """Notify whoever this event concerns. Caller is inside the service's transaction."""
    on_events([event])


def on_events(events: Sequence[Event]) -> None:
    """Notify whoever these events concern, in a number of queries that does not grow with
    the number of events: the officials of all their items in one query, then the notices
    and the mail in one INSERT each (`notices.services.notices_send`).

    Caller is inside the transaction that wrote the events; each event carries its item
    (`event.complaint`, with `holder_agency` loaded when officials are told).
    """
    # Mail and notices are in the portal's language, whatever the acting browser asked for.
    with translation.override(settings.LANGUAGE_CODE):
        officials = _officials_of([_seats(event) for event in events])
        batch: list[Notice] = []
        for event, users in zip(events, officials, strict=True):
            complaint = event.complaint
            if event.action in REPORTER_KINDS and event.is_public:
                batch += _reporter_notices(event, complaint, REPORTER_KINDS[event.action])
            if event.action in ARRIVALS:
                batch += _official_notices(event, complaint, users, "forwarded")
            elif event.action in OFFICIAL_WHAT:
                batch += _official_notices(event, complaint, users, OFFICIAL_WHAT[event.action])
        notice_services.notices_send(batch)
        _follower_mails(events)


# An official's seat: the role they hold at one agency.
Seat = tuple[int, str]


def _holder_seats(complaint: Complaint) -> set[Seat]:
    """The officials who act on the item where it is now."""
    return {(complaint.holder_agency_id, TIER_ACTOR[HolderTier(complaint.holder_tier)].value)}


def _breach_seats(complaint: Complaint) -> set[Seat]:
    """Who answers for a missed deadline: the officials holding the item, the Admin Instansi
    and the OPD's Kepala."""
    seats: set[Seat] = _holder_seats(complaint)
    if complaint.instansi_id:
        seats.add((complaint.instansi_id, Role.ADMIN_INSTANSI))
    if complaint.opd_id:
        seats.add((complaint.opd_id, Role.KEPALA))
    return seats


def _copy_seats(event: Event) -> set[Seat]:
    """The officials of the agency a copy went to: its desk and, for an OPD, its head."""
    agency = event.target_agency
    if agency is None:
        return set()
    if agency.tier == Tier.INSTANSI:
        return {(agency.pk, Role.ADMIN_INSTANSI)}
    return {(agency.pk, Role.PENGHUBUNG), (agency.pk, Role.KEPALA)}


def _seats(event: Event) -> set[Seat]:
    complaint = event.complaint
    if event.action in ARRIVALS or event.action in (
        EventAction.REMINDER,
        EventAction.DATA_SUPPLIED,
        EventAction.REEXAMINATION,
    ):
        return _holder_seats(complaint)
    if event.action == EventAction.DRAFTED and complaint.opd_id:
        # The Penghubung answers for the OPD and approves the unit's draft (002:Bab VI D.3.e).
        return {(complaint.opd_id, Role.PENGHUBUNG)}
    if event.action == EventAction.DRAFT_RETURNED and complaint.unit_id:
        return {(complaint.unit_id, Role.ADMIN_UPP)}
    if event.action == EventAction.RECALLED and event.target_agency is not None:
        # The desk the disposition was taken back from.
        return {(event.target_agency.pk, receiving_role(event.target_agency))}
    if event.action == EventAction.COPIED:
        return _copy_seats(event)
    if event.action == EventAction.BREACH:
        return _breach_seats(event.complaint)
    return set()


def _officials_of(wanted: Sequence[set[Seat]]) -> list[list[User]]:
    """For each set of seats, the active users holding any of them (each once, by pk). One
    query for all the sets."""
    seats = set().union(*wanted)
    if not seats:
        return [[] for _group in wanted]
    memberships = (
        Membership.objects.active()
        .filter(
            agency__is_active=True,
            agency_id__in={agency_id for agency_id, _role in seats},
            role__in={role for _agency_id, role in seats},
        )
        .select_related("user")
    )
    holders: dict[Seat, dict[int, User]] = defaultdict(dict)
    for m in memberships:
        holders[(m.agency_id, m.role)][m.user_id] = m.user
    result: list[list[User]] = []
    for group in wanted:
        users: dict[int, User] = {}
        for seat in group:
            users.update(holders.get(seat, {}))
        result.append([users[pk] for pk in sorted(users)])
    return result


def _due(value: datetime | None) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "j F Y")


def _base_context(complaint: Complaint) -> dict[str, str]:
    return {
        "code": complaint.code,
        "title": complaint.title,
        "status": complaint.get_status_display(),
    }


def _official_notices(
    event: Event, complaint: Complaint, users: list[User], what: str
) -> list[Notice]:
    recipients = [user for user in users if user.pk != event.actor_id]
    if not recipients:  # the official who just acted knows
        return []
    code = complaint.code
    kinds = {
        "forwarded": (
            NotificationKind.FORWARDED,
            _("Pengaduan %(code)s diteruskan kepada Anda") % {"code": code},
        ),
        "reminder": (
            NotificationKind.REMINDER,
            _("Pengingat: batas waktu pengaduan %(code)s sudah dekat") % {"code": code},
        ),
        "breach": (
            NotificationKind.BREACH,
            _("Pengaduan %(code)s melewati batas waktu") % {"code": code},
        ),
        "copied": (
            NotificationKind.FORWARDED,
            _("Tembusan pengaduan %(code)s untuk instansi Anda") % {"code": code},
        ),
        "supplied": (
            NotificationKind.UPDATE,
            _("Pelapor melengkapi data pengaduan %(code)s") % {"code": code},
        ),
        "reexamination": (
            NotificationKind.FORWARDED,
            _("Pelapor meminta pemeriksaan ulang pengaduan %(code)s") % {"code": code},
        ),
        "drafted": (
            NotificationKind.FORWARDED,
            _("Draf tanggapan pengaduan %(code)s menunggu persetujuan Anda") % {"code": code},
        ),
        "draft_returned": (
            NotificationKind.UPDATE,
            _("Draf tanggapan pengaduan %(code)s dikembalikan") % {"code": code},
        ),
        "recalled": (
            NotificationKind.UPDATE,
            _("Disposisi pengaduan %(code)s ditarik kembali") % {"code": code},
        ),
    }
    kind, title = kinds[what]
    due = complaint.resolution_due_at or complaint.verification_due_at
    context = {
        **_base_context(complaint),
        "holder": complaint.holder_agency.name,
        "due": _due(due),
    }
    url = reverse("complaints:officer_detail", kwargs={"code": code})
    body = f"{complaint.title[:150]} · {complaint.get_status_display()}"
    if what in ("reminder", "breach"):
        # The system's own note (days left, which deadline): never text a person wrote.
        context["note"] = event.note
        body = event.note or body
    return [
        Notice(
            recipient=user,
            kind=kind,
            title=title,
            body=body,
            url=url,
            email_template=f"complaint_{what}",
            context=context,
            dedupe_key=f"{event.pk}:{user.pk}",
        )
        for user in recipients
    ]


def _reporter_title(event: Event, complaint: Complaint) -> str:
    code = complaint.code
    titles = {
        EventAction.SUBMITTED: _("Laporan %(code)s sudah diterima"),
        EventAction.DATA_REQUESTED: _("Mohon lengkapi data laporan %(code)s"),
        EventAction.RESPONDED: _("Laporan %(code)s sudah ditanggapi"),
        EventAction.OBSTACLE: _("Perkembangan laporan %(code)s"),
        EventAction.EXTENDED: _("Jangka waktu laporan %(code)s diperpanjang"),
        EventAction.FIRST_RESPONSE: _("Respon awal atas laporan %(code)s"),
        EventAction.CONCLUDED: _("Laporan %(code)s ditutup"),
        EventAction.CLOSED: _("Laporan %(code)s ditutup"),
        EventAction.ARCHIVED: _("Laporan %(code)s diarsipkan"),
        EventAction.DECLINED: _("Laporan %(code)s ditolak"),
        EventAction.INFO_REFUSED: _("Permintaan informasi %(code)s ditolak"),
    }
    return titles[event.action] % {"code": code}


def _reporter_notices(event: Event, complaint: Complaint, kind: str) -> list[Notice]:
    """The reporter's notice, for an account; a reporter who left only an address is mailed
    here directly."""
    template = {
        NotificationKind.RECEIVED: "complaint_received",
        NotificationKind.DATA_REQUESTED: "complaint_data_requested",
        NotificationKind.RESPONSE: "complaint_response",
        NotificationKind.CLOSED: "complaint_closed",
        NotificationKind.UPDATE: "complaint_update",
    }[kind]
    if event.action == EventAction.FIRST_RESPONSE:
        template = "complaint_first_response"
    outcome = {
        EventAction.CLOSED: _("ditutup"),
        EventAction.CONCLUDED: _("ditutup"),
        EventAction.ARCHIVED: _("diarsipkan"),
        EventAction.DECLINED: _("ditolak"),
        EventAction.INFO_REFUSED: _("ditolak"),
    }.get(event.action, "")
    context = {
        **_base_context(complaint),
        "note": event.note if event.action != EventAction.SUBMITTED else "",
        "outcome": outcome,
        "due": _due(
            complaint.data_due_at
            if event.action == EventAction.DATA_REQUESTED
            else complaint.resolution_due_at
            if event.action == EventAction.EXTENDED
            else None
        ),
    }
    title = _reporter_title(event, complaint)
    # Every mail to the reporter opens the item directly: a signed link that expires (the
    # in-app notice keeps the item's own address, for the signed-in reporter).
    context.update(reporter_link_context(complaint))
    notices: list[Notice] = []
    reporter = complaint.reporter if complaint.reporter_id else None
    if reporter is not None and reporter.is_active:
        notices.append(
            Notice(
                recipient=reporter,
                kind=kind,
                title=title,
                body=f"{complaint.title[:150]} · {complaint.get_status_display()}",
                url=complaint.get_absolute_url(),
                email_template=template,
                context=context,
                dedupe_key=f"{event.pk}:reporter",
            )
        )
        if reporter.email:
            return notices
    if complaint.reporter_email:
        # No account (or one without an address): the signed link opens the item as the
        # code and secret would.
        notice_services.email_send(
            to_email=complaint.reporter_email,
            template=template,
            context=context,
            dedupe_key=f"{event.pk}:reporter",
        )
    return notices


# ---------------------------------------------------------------------------------------------
# Followers of public items (e-mail only, double opt-in; complaints.services.public)


def follow_confirmation(follow: Follow, *, token: str) -> None:
    """The double opt-in mail: the confirmation link (with the raw token, which is never
    stored) and the unsubscribe link. Caller is inside the request's transaction."""
    complaint = follow.complaint
    with translation.override(settings.LANGUAGE_CODE):
        notice_services.email_send(
            to_email=follow.email,
            template="complaint_follow_confirm",
            context={
                "code": complaint.code,
                "title": complaint.title,
                "url": reverse("complaints:follow_confirm", kwargs={"token": token}),
                "unsubscribe_url": absolute_url(
                    reverse(
                        "complaints:follow_unsubscribe",
                        kwargs={"value": follow.unsubscribe_token()},
                    )
                ),
            },
        )


def _follower_mails(events: Sequence[Event]) -> None:
    """Tell the confirmed followers of public items about these events' public steps: one
    query for all the followers (none when no event is a step followers hear about). Asks
    `public()` again, so an item made rahasia or anonim since tells its followers nothing."""
    steps = [
        e for e in events if e.is_public and not e.by_reporter and e.action in FOLLOWER_ACTIONS
    ]
    if not steps:
        return
    follows = Follow.objects.active().filter(
        complaint_id__in={e.complaint_id for e in steps},
        complaint__in=Complaint.objects.public(),
    )
    by_item: dict[int, list[Follow]] = defaultdict(list)
    for follow in follows:
        by_item[follow.complaint_id].append(follow)
    for event in steps:
        complaint = event.complaint
        for follow in by_item.get(complaint.pk, []):
            notice_services.email_send(
                to_email=follow.email,
                template="complaint_follow_update",
                context={
                    "code": complaint.code,
                    "title": complaint.title,
                    "status": complaint.get_status_display(),
                    "step": event.get_action_display(),
                    "url": complaint.get_absolute_url(),
                    "unsubscribe_url": absolute_url(
                        reverse(
                            "complaints:follow_unsubscribe",
                            kwargs={"value": follow.unsubscribe_token()},
                        )
                    ),
                },
                dedupe_key=f"{event.pk}:follow:{follow.pk}",
            )
