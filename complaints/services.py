"""Every write that matters to a complaint. Views, admin, tasks and tests call these.

Each service is atomic. Acting services take the item's primary key and the `version` the
actor saw: the row is locked (`SELECT … FOR UPDATE`) and the version compared, so of two
officers acting at the same moment one succeeds and the other is told the item changed.
Every change writes one append-only Event (SPEC C14).
"""

from __future__ import annotations

import html
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import nh3
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import memberships_of
from complaints import deadlines, notify
from complaints.models import (
    CODE_ALPHABET,
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
from complaints.uploads import CleanFile
from complaints.workflow import (
    TRANSITIONS,
    Act,
    Actor,
    TransitionRefused,
    extra_guard,
    next_status,
    official_actors,
)
from standards.models import Agency, AgencyKind, Service, Tier

PRIVACY_ORDER = [Privacy.PUBLIK, Privacy.RAHASIA, Privacy.ANONIM]


class StaleComplaint(Exception):
    """Someone else changed the item since the actor loaded it."""

    def __init__(self) -> None:
        super().__init__(_("Pengaduan ini baru saja diubah oleh petugas lain. Muat ulang halaman."))
        self.message = str(self.args[0])


class NotPermitted(Exception):
    """The user may not act on this item in this way."""


@dataclass(frozen=True)
class Receipt:
    complaint: Complaint
    secret: str  # shown once to the reporter; only its hash is stored
    created: bool  # False when a resubmitted form found the item it had already created


def plain_text(value: str) -> str:
    """Text fields keep no markup: tags are removed, the rest is stored as plain text and
    escaped again on output."""
    # nh3 returns HTML-escaped text; unescape so that "5 < 6" stays "5 < 6" (the templates
    # escape it again on output).
    return html.unescape(nh3.clean(value or "", tags=set(), attributes={})).strip()


def new_secret() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def _national_desk() -> Agency | None:
    return Agency.objects.active().filter(kind=AgencyKind.NASIONAL).order_by("pk").first()


def _instansi_of(agency: Agency) -> Agency:
    return Agency.objects.get(pk=agency.ancestor_ids[0])


def _route_fields(complaint: Complaint, agency: Agency) -> None:
    """Record the holder and the tier it belongs to on the item's route."""
    complaint.holder_agency = agency
    if agency.kind == AgencyKind.NASIONAL:
        complaint.holder_tier = HolderTier.NASIONAL
        complaint.nasional = agency
    elif agency.tier == Tier.INSTANSI:
        complaint.holder_tier = HolderTier.INSTANSI
        complaint.instansi = agency
    elif agency.tier == Tier.OPD:
        complaint.holder_tier = HolderTier.OPD
        complaint.opd = agency
        complaint.instansi_id = agency.ancestor_ids[0]
    else:
        complaint.holder_tier = HolderTier.UNIT
        complaint.unit = agency
        complaint.opd_id = agency.ancestor_ids[-2]
        complaint.instansi_id = agency.ancestor_ids[0]


def _actor_agency(user: Any, complaint: Complaint, actor: Actor) -> Agency | None:
    chain = set(complaint.holder_agency.ancestor_ids)
    for m in memberships_of(user):
        if m.role == actor.value and m.agency_id in chain:
            return m.agency
    return None


def _event(
    complaint: Complaint,
    action: EventAction,
    *,
    user: Any = None,
    actor: Actor | None = None,
    actor_agency: Agency | None = None,
    note: str = "",
    is_public: bool = True,
    from_status: str = "",
    target_agency: Agency | None = None,
    now: datetime,
) -> Event:
    ev = Event.objects.create(
        complaint=complaint,
        created_at=now,
        action=action,
        actor=user if actor not in (Actor.SYSTEM, None) else None,
        actor_role=actor.value if actor and actor not in (Actor.REPORTER, Actor.SYSTEM) else "",
        actor_agency=actor_agency,
        by_reporter=actor == Actor.REPORTER,
        is_public=is_public,
        note=plain_text(note),
        from_status=from_status,
        to_status=complaint.status,
        target_agency=target_agency,
    )
    notify.on_event(ev)  # notices and outbox rows, in this same transaction
    return ev


def _attach(
    complaint: Complaint, files: Sequence[CleanFile], *, event: Event | None, by_reporter: bool
) -> None:
    """Store checked files. Officials' files on public events (a response) are public to the
    reporter; the reporter's own files are never shown to the public."""
    for f in files:
        att = Attachment(
            complaint=complaint,
            event=event,
            original_name=f.original_name,
            content_type=f.content_type,
            size=f.size,
            by_reporter=by_reporter,
            is_public=not by_reporter and event is not None and event.is_public,
        )
        att.file.save("x", f.content, save=False)
        att.save()


# ---------------------------------------------------------------------------------------------
# Intake


def complaint_submit(
    *,
    kind: str,
    title: str,
    description: str,
    privacy: str,
    location: str = "",
    agency: Agency | None = None,
    service: Service | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    event_date: date | None = None,
    reporter: Any = None,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    files: Sequence[CleanFile] = (),
    intake_token: uuid.UUID | None = None,
    channel: str = Channel.PORTAL,
    entered_by: Any = None,
    now: datetime | None = None,
) -> Receipt:
    """File an item (SPEC C1, C2). From the portal it lands at the national desk when there
    is one, else at the instansi; an officer's manual entry lands at the officer's own tier.

    A repeated `intake_token` returns the item it created the first time with an empty secret
    (the first one cannot be recovered from its hash), so a double submit never makes two items.
    """
    now = now or timezone.now()
    if service is not None and agency is None:
        agency = service.agency
    if kind == Kind.PENGADUAN and not location.strip():
        raise ValueError("A pengaduan needs a location (001:Pasal 7(2)).")
    secret = new_secret()
    if intake_token is not None:
        existing = Complaint.objects.filter(intake_token=intake_token).first()
        if existing is not None:
            return Receipt(existing, "", created=False)

    holder = _intake_holder(agency=agency, entered_by=entered_by)
    complaint = Complaint(
        kind=kind,
        title=plain_text(title)[:200],
        description=plain_text(description),
        privacy=privacy,
        channel=channel,
        agency=agency,
        service=service,
        location=plain_text(location)[:300],
        latitude=latitude,
        longitude=longitude,
        event_date=event_date,
        reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
        reporter_name=plain_text(reporter_name)[:150],
        reporter_email=reporter_email.strip(),
        reporter_phone=reporter_phone.strip(),
        secret_hash=make_password(secret),
        intake_token=intake_token,
        received_at=now,
        status=Status.DITERIMA,
    )
    _route_fields(complaint, holder)
    deadlines.arrival_deadlines(complaint, now)
    try:
        with transaction.atomic():
            complaint.save()
            actor = None
            actor_agency = None
            if entered_by is not None:
                actor = _official_actor_for_intake(entered_by, holder)
                actor_agency = holder
            event = _event(
                complaint,
                EventAction.SUBMITTED,
                user=entered_by,
                actor=actor,
                actor_agency=actor_agency,
                note=_("Diterima melalui %(channel)s.")
                % {"channel": complaint.get_channel_display()},
                now=now,
            )
            _attach(complaint, files, event=event, by_reporter=entered_by is None)
    except IntegrityError:
        if intake_token is None:
            raise
        # Two copies of the same form raced: the first one won; hand back its item.
        return Receipt(Complaint.objects.get(intake_token=intake_token), "", created=False)
    return Receipt(complaint, secret, created=True)


def _intake_holder(*, agency: Agency | None, entered_by: Any) -> Agency:
    if entered_by is not None:
        for m in memberships_of(entered_by):
            if m.role in (Role.ADMIN_NASIONAL, Role.ADMIN_INSTANSI, Role.PENGHUBUNG):
                return m.agency
        raise NotPermitted(_("Hanya admin dan Pejabat Penghubung yang dapat mencatat pengaduan."))
    desk = _national_desk()
    if desk is not None:
        return desk
    if agency is not None:
        return _instansi_of(agency)
    instansi = Agency.objects.active().filter(kind=AgencyKind.PEMDA).order_by("pk").first()
    if instansi is None:
        raise RuntimeError("No instansi is configured to receive complaints.")
    return instansi


def _official_actor_for_intake(user: Any, holder: Agency) -> Actor:
    for m in memberships_of(user):
        if m.agency_id == holder.pk:
            return Actor(m.role)
    raise NotPermitted(_("Anda tidak dapat mencatat pengaduan untuk instansi ini."))


def complaint_check_secret(*, code: str, secret: str) -> Complaint | None:
    """The item behind a tracking code and secret, or None (without saying which was wrong)."""
    complaint = Complaint.objects.filter(code=code.strip().upper()).first()
    if complaint is None:
        # Spend the same time as a real check so that codes cannot be probed by timing.
        check_password(secret, make_password("x"))
        return None
    if not check_password(secret.strip().upper(), complaint.secret_hash):
        return None
    return complaint


# ---------------------------------------------------------------------------------------------
# Acting on an item


@dataclass
class _Step:
    complaint: Complaint
    actor: Actor
    actor_agency: Agency | None
    before: str
    now: datetime


def _begin(
    *,
    complaint_id: int,
    version: int | None,
    user: Any,
    act: Act,
    actor: Actor | None = None,
    now: datetime | None,
) -> _Step:
    """Lock the row, check the version and the workflow table. Caller is inside atomic()."""
    now = now or timezone.now()
    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("holder_agency")
        .get(pk=complaint_id)
    )
    if version is not None and complaint.version != version:
        raise StaleComplaint()
    if actor is None:
        candidates = official_actors(user, complaint)
        if not candidates:
            raise NotPermitted(_("Anda tidak memegang pengaduan ini."))
        chosen = None
        for candidate in sorted(candidates, key=lambda a: a.value):
            if (complaint.status, act, candidate) in TRANSITIONS:
                chosen = candidate
                break
        if chosen is None:
            raise TransitionRefused()
        actor = chosen
    before = complaint.status
    extra_guard(complaint, act, actor)
    complaint.status = next_status(
        complaint.status, act, actor, status_before_wait=complaint.status_before_wait
    )
    actor_agency = (
        _actor_agency(user, complaint, actor)
        if actor not in (Actor.REPORTER, Actor.SYSTEM)
        else None
    )
    return _Step(complaint, actor, actor_agency, before, now)


def _finish(
    step: _Step,
    action: EventAction,
    *,
    user: Any,
    note: str = "",
    is_public: bool = True,
    target_agency: Agency | None = None,
) -> Event:
    c = step.complaint
    c.version += 1
    c.save()
    return _event(
        c,
        action,
        user=user,
        actor=step.actor,
        actor_agency=step.actor_agency,
        note=note,
        is_public=is_public,
        from_status=step.before,
        target_agency=target_agency,
        now=step.now,
    )


def _apply_privacy(step: _Step, privacy: str | None, *, user: Any) -> None:
    """Officials may tighten privacy at verification, never loosen it (SPEC C3)."""
    if not privacy or privacy == step.complaint.privacy:
        return
    if PRIVACY_ORDER.index(Privacy(privacy)) < PRIVACY_ORDER.index(Privacy(step.complaint.privacy)):
        raise TransitionRefused(_("Kerahasiaan hanya dapat diperketat, tidak dilonggarkan."))
    old = step.complaint.get_privacy_display()
    step.complaint.privacy = privacy
    _event(
        step.complaint,
        EventAction.PRIVACY_TIGHTENED,
        user=user,
        actor=step.actor,
        actor_agency=step.actor_agency,
        note=_("Dari %(old)s menjadi %(new)s.")
        % {"old": old, "new": step.complaint.get_privacy_display()},
        is_public=True,
        now=step.now,
    )


def _verification_fields(
    complaint: Complaint,
    *,
    category: Category | None,
    nature: str,
    subject: str,
    object: str,
    sla_class: str,
) -> None:
    if category is not None:
        complaint.category = category
    if nature:
        complaint.nature = Nature(nature)
    complaint.subject = plain_text(subject)[:200] or complaint.subject
    complaint.object = plain_text(object)[:200] or complaint.object
    if sla_class:
        complaint.sla_class = SlaClass(sla_class)
    elif not complaint.sla_class and complaint.kind == Kind.INFORMASI:
        complaint.sla_class = SlaClass.NORMATIF


@transaction.atomic
def complaint_verify(
    *,
    complaint_id: int,
    version: int,
    user: Any,
    category: Category | None = None,
    nature: str = "",
    subject: str = "",
    object: str = "",  # noqa: A002 - the regulation's own word ("objek")
    sla_class: str = "",
    privacy: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Complaint:
    """An admin tier verifies identity, substance and evidence (SPEC C5, 002:Bab VI B.1.a-b)."""
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.VERIFY, now=now)
    _verification_fields(
        step.complaint,
        category=category,
        nature=nature,
        subject=subject,
        object=object,
        sla_class=sla_class,
    )
    _apply_privacy(step, privacy, user=user)
    step.complaint.verification_due_at = None
    _finish(step, EventAction.VERIFIED, user=user, note=note, is_public=True)
    return step.complaint


@transaction.atomic
def complaint_route(
    *,
    complaint_id: int,
    version: int,
    user: Any,
    to_agency: Agency,
    to_apip: bool = False,
    note: str = "",
    now: datetime | None = None,
) -> Complaint:
    """Dispose the item one tier down (SPEC C6): nasional → instansi, instansi → OPD (or the
    Inspektorat as APIP for abuse of authority, B.1.b.13)."""
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.ROUTE, now=now)
    c = step.complaint
    if step.actor == Actor.ADMIN_NASIONAL:
        if to_agency.tier != Tier.INSTANSI or to_agency.kind == AgencyKind.NASIONAL:
            raise TransitionRefused(_("Admin Nasional meneruskan ke instansi (pemda)."))
    else:
        if to_agency.tier != Tier.OPD or to_agency.ancestor_ids[0] != c.holder_agency_id:
            raise TransitionRefused(_("Pilih OPD di lingkungan instansi ini."))
        if to_apip and to_agency.kind != AgencyKind.INSPEKTORAT:
            raise TransitionRefused(_("Penanganan oleh APIP diteruskan ke Inspektorat."))
    if not to_agency.is_active:
        raise TransitionRefused(_("Instansi tujuan tidak aktif."))
    _route_fields(c, to_agency)
    c.is_apip = c.is_apip or to_apip
    deadlines.arrival_deadlines(c, step.now)
    _finish(step, EventAction.ROUTED, user=user, note=note, target_agency=to_agency)
    return c


@transaction.atomic
def complaint_accept(
    *,
    complaint_id: int,
    version: int,
    user: Any,
    category: Category | None = None,
    nature: str = "",
    subject: str = "",
    object: str = "",  # noqa: A002
    sla_class: str,
    privacy: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Complaint:
    """The Penghubung verifies the item within the OPD's authority and takes it on; the
    resolution clock of its SLA class starts (SPEC C8)."""
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.ACCEPT, now=now)
    if not sla_class:
        raise TransitionRefused(_("Pilih kelas waktu penyelesaian."))
    _verification_fields(
        step.complaint,
        category=category,
        nature=nature,
        subject=subject,
        object=object,
        sla_class=sla_class,
    )
    _apply_privacy(step, privacy, user=user)
    deadlines.start_resolution(step.complaint, step.now)
    if step.complaint.first_followup_at is None:
        step.complaint.first_followup_at = step.now
    _finish(step, EventAction.ACCEPTED, user=user, note=note)
    return step.complaint


@transaction.atomic
def complaint_assign_unit(
    *,
    complaint_id: int,
    version: int,
    user: Any,
    unit: Agency,
    note: str = "",
    now: datetime | None = None,
) -> Complaint:
    """The Penghubung involves an Admin UPP of one of the OPD's units (002:Pasal 1.19)."""
    step = _begin(
        complaint_id=complaint_id, version=version, user=user, act=Act.ASSIGN_UNIT, now=now
    )
    c = step.complaint
    if unit.tier != Tier.UNIT or unit.parent_id != c.holder_agency_id or not unit.is_active:
        raise TransitionRefused(_("Pilih unit di bawah OPD ini."))
    _route_fields(c, unit)
    c.holder_since = step.now
    _finish(step, EventAction.ASSIGNED_UNIT, user=user, note=note, target_agency=unit)
    return c


@transaction.atomic
def complaint_return(
    *, complaint_id: int, version: int, user: Any, note: str, now: datetime | None = None
) -> Complaint:
    """Send an item that is outside this tier's authority back up (B.1.b.12, B.1.c.5)."""
    if not note.strip():
        raise TransitionRefused(_("Tuliskan alasan pengembalian."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.RETURN, now=now)
    c = step.complaint
    if step.actor == Actor.ADMIN_UPP:
        target = Agency.objects.get(pk=c.opd_id)
        c.unit = None
    elif step.actor == Actor.PENGHUBUNG:
        target = Agency.objects.get(pk=c.instansi_id)
        c.opd = None
        c.penghubung_received_at = None
        c.resolution_due_at = None
    else:
        target = Agency.objects.get(pk=c.nasional_id)
        c.instansi = None
    _route_fields(c, target)
    deadlines.arrival_deadlines(c, step.now)
    _finish(step, EventAction.RETURNED, user=user, note=note, target_agency=target)
    return c


@transaction.atomic
def complaint_copy(
    *,
    complaint_id: int,
    version: int,
    user: Any,
    agency: Agency,
    note: str = "",
    now: datetime | None = None,
) -> Complaint:
    """Copy (tembusan) the item to another agency whose help it needs (B.1.a.9)."""
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.COPY, now=now)
    if agency.tier == Tier.UNIT or agency.kind == AgencyKind.NASIONAL:
        raise TransitionRefused(_("Tembusan ditujukan kepada instansi atau OPD."))
    _copy, created = Copy.objects.get_or_create(
        complaint=step.complaint,
        agency=agency,
        defaults={"created_by": user, "created_at": step.now},
    )
    if not created:
        raise TransitionRefused(_("Tembusan ke instansi ini sudah ada."))
    _finish(step, EventAction.COPIED, user=user, note=note, target_agency=agency)
    return step.complaint


@transaction.atomic
def complaint_request_data(
    *, complaint_id: int, version: int, user: Any, note: str, now: datetime | None = None
) -> Complaint:
    """Ask the reporter to complete the item; 10 working days, then it is archived (C7)."""
    if not note.strip():
        raise TransitionRefused(_("Tuliskan data apa yang perlu dilengkapi."))
    step = _begin(
        complaint_id=complaint_id, version=version, user=user, act=Act.REQUEST_DATA, now=now
    )
    step.complaint.status_before_wait = step.before
    deadlines.data_requested(step.complaint, step.now)
    _finish(step, EventAction.DATA_REQUESTED, user=user, note=note)
    return step.complaint


@transaction.atomic
def complaint_supply_data(
    *,
    complaint_id: int,
    note: str,
    files: Sequence[CleanFile] = (),
    now: datetime | None = None,
) -> Complaint:
    """The reporter completes the data asked for. The caller has proved it is the reporter
    (account or tracking code and secret)."""
    if not note.strip() and not files:
        raise TransitionRefused(_("Tuliskan data yang diminta atau lampirkan berkas."))
    step = _begin(
        complaint_id=complaint_id,
        version=None,
        user=None,
        act=Act.SUPPLY_DATA,
        actor=Actor.REPORTER,
        now=now,
    )
    step.complaint.status_before_wait = ""
    deadlines.data_supplied(step.complaint, step.now)
    event = _finish(step, EventAction.DATA_SUPPLIED, user=None, note=note)
    _attach(step.complaint, files, event=event, by_reporter=True)
    return step.complaint


@transaction.atomic
def complaint_report_obstacle(
    *, complaint_id: int, version: int, user: Any, note: str, now: datetime | None = None
) -> Complaint:
    """Tell the reporter what stands in the way and what was done (002:Bab VII A.1.f, C9)."""
    if not note.strip():
        raise TransitionRefused(_("Tuliskan kendala dan langkah yang sudah diambil."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.OBSTACLE, now=now)
    _finish(step, EventAction.OBSTACLE, user=user, note=note)
    return step.complaint


@transaction.atomic
def complaint_add_note(
    *, complaint_id: int, version: int, user: Any, note: str, now: datetime | None = None
) -> Complaint:
    """An internal note: officials see it, the reporter and the public never do."""
    if not note.strip():
        raise TransitionRefused(_("Catatan tidak boleh kosong."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.NOTE, now=now)
    _finish(step, EventAction.NOTE, user=user, note=note, is_public=False)
    return step.complaint


@transaction.atomic
def complaint_respond(
    *,
    complaint_id: int,
    version: int,
    user: Any,
    response: str,
    files: Sequence[CleanFile] = (),
    now: datetime | None = None,
) -> Complaint:
    """The final response; the reporter may then rate it (SPEC C13)."""
    text = plain_text(response)
    if not text:
        raise TransitionRefused(_("Tanggapan tidak boleh kosong."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.RESPOND, now=now)
    c = step.complaint
    c.response = text
    c.responded_at = step.now
    if c.first_followup_at is None:
        c.first_followup_at = step.now
    deadlines.responded(c, step.now)
    event = _finish(step, EventAction.RESPONDED, user=user, note=text)
    _attach(c, files, event=event, by_reporter=False)
    return c


@transaction.atomic
def complaint_decline(
    *,
    complaint_id: int,
    version: int,
    user: Any,
    reason: str,
    note: str = "",
    now: datetime | None = None,
) -> Complaint:
    """Decline an item, only for a recorded reason of 001:Pasal 11(2) (SPEC C12)."""
    reason = DeclineReason(reason)
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.DECLINE, now=now)
    step.complaint.decline_reason = reason
    step.complaint.closed_at = step.now
    deadlines.ended(step.complaint)
    _finish(
        step,
        EventAction.DECLINED,
        user=user,
        note=f"{reason.label}. {note}".strip(),
    )
    return step.complaint


@transaction.atomic
def complaint_rate(
    *, complaint_id: int, satisfied: bool, comment: str = "", now: datetime | None = None
) -> Complaint:
    """The reporter says whether the response satisfied them. The caller proved identity."""
    step = _begin(
        complaint_id=complaint_id,
        version=None,
        user=None,
        act=Act.RATE,
        actor=Actor.REPORTER,
        now=now,
    )
    c = step.complaint
    if c.satisfied is not None:
        raise TransitionRefused(_("Tanggapan ini sudah dinilai."))
    c.satisfied = satisfied
    c.satisfaction_comment = plain_text(comment)[:2000]
    label = _("Puas") if satisfied else _("Tidak puas")
    _finish(step, EventAction.RATED, user=None, note=f"{label}. {c.satisfaction_comment}".strip())
    return c


@transaction.atomic
def complaint_reexamine(
    *, complaint_id: int, reason: str, now: datetime | None = None
) -> Complaint:
    """Once, when not satisfied, the reporter asks the OPD to examine the item again."""
    if not reason.strip():
        raise TransitionRefused(_("Tuliskan mengapa tanggapan belum menyelesaikan masalah."))
    step = _begin(
        complaint_id=complaint_id,
        version=None,
        user=None,
        act=Act.REEXAMINE,
        actor=Actor.REPORTER,
        now=now,
    )
    c = step.complaint
    if c.satisfied:
        raise TransitionRefused(_("Anda sudah menyatakan puas dengan tanggapan ini."))
    c.reexamination_requested_at = step.now
    # The next response gets a rating of its own; this dissatisfaction stays on the timeline.
    c.satisfied = None
    _route_fields(c, Agency.objects.get(pk=c.opd_id))
    c.unit = None
    c.closure_due_at = None
    deadlines.start_resolution(c, step.now)
    _finish(step, EventAction.REEXAMINATION, user=None, note=reason)
    return c


@transaction.atomic
def complaint_archive(*, complaint_id: int, now: datetime | None = None) -> Complaint:
    """System: the reporter did not complete the data in time (SPEC C7)."""
    step = _begin(
        complaint_id=complaint_id,
        version=None,
        user=None,
        act=Act.ARCHIVE,
        actor=Actor.SYSTEM,
        now=now,
    )
    step.complaint.closed_at = step.now
    deadlines.ended(step.complaint)
    _finish(
        step,
        EventAction.ARCHIVED,
        user=None,
        note=_("Data tidak dilengkapi dalam 10 hari kerja."),
    )
    return step.complaint


@transaction.atomic
def complaint_close(*, complaint_id: int, now: datetime | None = None) -> Complaint:
    """System: the closure window after the final response has passed."""
    step = _begin(
        complaint_id=complaint_id,
        version=None,
        user=None,
        act=Act.CLOSE,
        actor=Actor.SYSTEM,
        now=now,
    )
    if step.complaint.closed_at is not None:
        raise TransitionRefused(_("Pengaduan ini sudah ditutup."))
    step.complaint.closed_at = step.now
    step.complaint.closure_due_at = None
    _finish(step, EventAction.CLOSED, user=None)
    return step.complaint


def complaint_deadline_event(
    *, complaint: Complaint, action: EventAction, note: str, now: datetime
) -> Event:
    """System: put a deadline reminder or breach on the item's timeline (SPEC C9).

    Internal only: the reporter already sees the deadline and how late the item is on their
    page. The caller (complaints.sla) has inserted the matching DeadlineAlert row in the same
    transaction, so the event and its notification are written once per alert.
    """
    if action not in (EventAction.REMINDER, EventAction.BREACH):
        raise ValueError("only reminders and breaches are deadline events")
    return _event(
        complaint,
        action,
        actor=Actor.SYSTEM,
        note=note,
        is_public=False,
        from_status=complaint.status,
        now=now,
    )
