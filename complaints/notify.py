"""Which timeline events notify whom (SPEC C9, C13, C14), through accounts.notifications.

Called by `complaints.services._event` for every Event, inside the service's transaction:
the notices and outbox rows exist exactly when the change does.

- The reporter hears about receipt, data requests, the response and the end of the item
  (public events only). A reporter with an account gets an in-app notice and, with an
  address, an e-mail; one who left only an e-mail address gets the e-mail; an anonymous
  reporter without contact data gets nothing pushed and keeps the tracking page.
- Officials hear about items that arrive at their desk, reminders and breaches.

Confidentiality (SPEC C3, C4): nothing sent to an official carries the reporter's name, e-mail
or phone, whatever the item's privacy, nor any note written on the timeline. The tracking
secret is never known here (only its hash is stored), so it cannot leak into mail.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts import notifications
from accounts.models import Membership, NotificationKind, Role, User
from complaints.models import Complaint, Event, EventAction, HolderTier

# The role that acts on an item at each holder tier (complaints.workflow.ACTOR_TIERS).
HOLDER_ROLE: dict[str, str] = {
    HolderTier.NASIONAL: Role.ADMIN_NASIONAL,
    HolderTier.INSTANSI: Role.ADMIN_INSTANSI,
    HolderTier.OPD: Role.PENGHUBUNG,
    HolderTier.UNIT: Role.ADMIN_UPP,
}

ARRIVALS = frozenset(
    {
        EventAction.SUBMITTED,
        EventAction.ROUTED,
        EventAction.ASSIGNED_UNIT,
        EventAction.RETURNED,
        EventAction.REEXAMINATION,
    }
)
REPORTER_KINDS: dict[str, str] = {
    EventAction.SUBMITTED: NotificationKind.RECEIVED,
    EventAction.DATA_REQUESTED: NotificationKind.DATA_REQUESTED,
    EventAction.RESPONDED: NotificationKind.RESPONSE,
    EventAction.CLOSED: NotificationKind.CLOSED,
    EventAction.ARCHIVED: NotificationKind.CLOSED,
    EventAction.DECLINED: NotificationKind.CLOSED,
}


def on_event(event: Event) -> None:
    """Notify whoever this event concerns. Caller is inside the service's transaction."""
    # Mail and notices are in the portal's language, whatever the acting browser asked for.
    with translation.override(settings.LANGUAGE_CODE):
        complaint = event.complaint
        if event.action in REPORTER_KINDS and event.is_public:
            _notify_reporter(event, complaint, REPORTER_KINDS[event.action])
        if event.action in ARRIVALS:
            _notify_officials(event, complaint, holder_officials(complaint), "forwarded")
        elif event.action == EventAction.REMINDER:
            _notify_officials(event, complaint, holder_officials(complaint), "reminder")
        elif event.action == EventAction.BREACH:
            _notify_officials(event, complaint, breach_officials(complaint), "breach")


def holder_officials(complaint: Complaint) -> list[User]:
    """The officials who act on the item where it is now."""
    role = HOLDER_ROLE[complaint.holder_tier]
    return _members(Q(agency_id=complaint.holder_agency_id, role=role))


def breach_officials(complaint: Complaint) -> list[User]:
    """Who answers for a missed deadline: the Admin Instansi and the OPD's Kepala."""
    q = Q(pk__in=[])
    if complaint.instansi_id:
        q |= Q(agency_id=complaint.instansi_id, role=Role.ADMIN_INSTANSI)
    if complaint.opd_id:
        q |= Q(agency_id=complaint.opd_id, role=Role.KEPALA)
    return _members(q)


def _members(q: Q) -> list[User]:
    user_ids = Membership.objects.active().filter(q).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


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


def _notify_officials(event: Event, complaint: Complaint, users: list[User], what: str) -> None:
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
    if what != "forwarded":
        # The system's own note (days left, which deadline): never text a person wrote.
        context["note"] = event.note
        body = event.note or body
    for user in users:
        if user.pk == event.actor_id:
            continue  # the official who just acted knows
        notifications.notify_user(
            user=user,
            kind=kind,
            title=title,
            body=body,
            url=url,
            email_template=f"complaint_{what}",
            context=context,
            dedupe_key=f"{event.pk}:{user.pk}",
        )


def _reporter_title(event: Event, complaint: Complaint) -> str:
    code = complaint.code
    titles = {
        EventAction.SUBMITTED: _("Laporan %(code)s sudah diterima"),
        EventAction.DATA_REQUESTED: _("Mohon lengkapi data laporan %(code)s"),
        EventAction.RESPONDED: _("Laporan %(code)s sudah ditanggapi"),
        EventAction.CLOSED: _("Laporan %(code)s ditutup"),
        EventAction.ARCHIVED: _("Laporan %(code)s diarsipkan"),
        EventAction.DECLINED: _("Laporan %(code)s ditolak"),
    }
    return titles[event.action] % {"code": code}


def _notify_reporter(event: Event, complaint: Complaint, kind: str) -> None:
    template = {
        NotificationKind.RECEIVED: "complaint_received",
        NotificationKind.DATA_REQUESTED: "complaint_data_requested",
        NotificationKind.RESPONSE: "complaint_response",
        NotificationKind.CLOSED: "complaint_closed",
    }[kind]
    outcome = {
        EventAction.CLOSED: _("ditutup"),
        EventAction.ARCHIVED: _("diarsipkan"),
        EventAction.DECLINED: _("ditolak"),
    }.get(event.action, "")
    context = {
        **_base_context(complaint),
        "note": event.note if event.action != EventAction.SUBMITTED else "",
        "outcome": outcome,
        "due": _due(complaint.data_due_at) if event.action == EventAction.DATA_REQUESTED else "",
    }
    title = _reporter_title(event, complaint)
    reporter = complaint.reporter if complaint.reporter_id else None
    if reporter is not None and reporter.is_active:
        notifications.notify_user(
            user=reporter,
            kind=kind,
            title=title,
            body=f"{complaint.title[:150]} · {complaint.get_status_display()}",
            url=complaint.get_absolute_url(),
            email_template=template,
            context=context,
            dedupe_key=f"{event.pk}:{reporter.pk}",
        )
        if reporter.email:
            return
    if complaint.reporter_email:
        # No account (or one without an address): the tracking page, opened with the code
        # and the secret the reporter kept, is where the item is followed.
        notifications.email_address(
            to_email=complaint.reporter_email,
            template=template,
            context={**context, "url": reverse("complaints:track")},
            dedupe_key=f"{event.pk}:reporter",
        )
