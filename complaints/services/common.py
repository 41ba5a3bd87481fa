"""Shared machinery of the complaint services: errors, the row lock and version check,
the workflow check, timeline events and attachments."""

from __future__ import annotations

import html
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import nh3
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import memberships_of
from complaints import notify
from complaints.models import (
    CODE_ALPHABET,
    Attachment,
    Category,
    Complaint,
    Event,
    EventAction,
    HolderTier,
    Kind,
    Nature,
    Privacy,
    SlaClass,
)
from complaints.permissions import See, complaint_can
from complaints.uploads import CleanFile
from complaints.workflow import (
    SENDER_ACTS,
    TRANSITIONS,
    Act,
    Actor,
    TransitionRefused,
    allowed_acts,
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
class Reporter:
    """The reporter's contact data as typed on the form (an account adds its own)."""

    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ComplaintContent:
    """What an item says: its kind, text, privacy, where and when, whom it names, its files."""

    kind: str
    title: str
    description: str
    privacy: str
    location: str = ""
    agency: Agency | None = None
    service: Service | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    event_date: date | None = None
    files: Sequence[CleanFile] = ()
    # The reporter lets the photos attached now appear on the public page (SPEC C3).
    photos_public: bool = False
    category: Category | None = None
    information: InformationDetails | None = None  # only for a request for information


@dataclass(frozen=True)
class Verification:
    """What an admin tier or the Penghubung records when verifying an item (SPEC C5)."""

    category: Category | None = None
    nature: str = ""
    subject: str = ""
    object: str = ""  # the regulation's own word ("objek")
    sla_class: str = ""
    privacy: str | None = None  # only ever tightened (SPEC C3)
    note: str = ""
    note_public: bool = False  # the note is internal unless the officer shares it


@dataclass(frozen=True)
class Note:
    """An officer's note on a step (route, unit, copy, decline): internal unless `public`,
    when the officer ticked "Tampilkan catatan ini" (SPEC C3, C4)."""

    text: str = ""
    public: bool = False


NO_NOTE = Note()


@dataclass(frozen=True)
class Refusal:
    """A refused request for information (003:Pasal 40(12), SPEC C11): the exemption ground,
    its legal basis, the letter to the requester and the files sent with it."""

    ground: str
    basis: str
    letter: str
    files: Sequence[CleanFile] = ()


@dataclass(frozen=True)
class Delivery:
    """The delivery record of a request for information: the material and its format
    (003:Pasal 40(11)-(12)), and copying costs with their basis, 0 when free (40(13))."""

    material: str
    format: str
    cost_amount: int = 0
    cost_basis: str = ""


@dataclass(frozen=True)
class Answer:
    """The final response to the reporter, with its files; for a request for information,
    the delivery record. A refusal is its own act (handling.complaint_refuse_information)."""

    text: str
    files: Sequence[CleanFile] = ()
    delivery: Delivery | None = None


@dataclass(frozen=True)
class InformationDetails:
    """What a request for information carries at intake (003:Pasal 40(8) huruf e-g, k, l)."""

    nik: str = ""
    address: str = ""
    purpose: str = ""
    delivery_method: str = ""
    identity_card: CleanFile | None = None


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
    # The holder's chain, and the desks that sent the item down (a sender's recall).
    chain = {*complaint.holder_agency.ancestor_ids, complaint.nasional_id, complaint.instansi_id}
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
    complaint: Complaint,
    files: Sequence[CleanFile],
    *,
    event: Event | None,
    by_reporter: bool,
    identity_card: bool = False,
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
            is_identity_card=identity_card,
        )
        att.file.save("x", f.content, save=False)
        att.save()


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
        if act not in SENDER_ACTS and not complaint_can(user, See.HOLDS, complaint):
            raise NotPermitted(_("Anda tidak memegang pengaduan ini."))
        # The same choice the item page made when it offered this action (allowed_acts), so
        # the event records the role the form was built for.
        actor = allowed_acts(user, complaint).get(act)
        if actor is None:
            # Say why, in the words of the rule that refuses it.
            for candidate in sorted(official_actors(user, complaint), key=lambda a: a.value):
                if (complaint.status, act, candidate) in TRANSITIONS:
                    extra_guard(complaint, act, candidate)
            raise TransitionRefused()
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
    internal_note: str = "",
) -> Event:
    """Save the item and write the step's event. `internal_note` is an officer's note that
    the reporter and the public must not read: it goes on an internal note event of its own,
    after the (public) step, so the step itself stays on the reporter's timeline (C14)."""
    c = step.complaint
    if step.actor not in (Actor.REPORTER, Actor.SYSTEM):
        c.reexamination_pending = False  # the holder has acted on the re-examination
    c.version += 1
    c.save()
    event = _event(
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
    if plain_text(internal_note):
        _event(
            c,
            EventAction.NOTE,
            user=user,
            actor=step.actor,
            actor_agency=step.actor_agency,
            note=internal_note,
            is_public=False,
            from_status=c.status,
            now=step.now,
        )
    return event


def split_note(note: str, *, public: bool) -> dict[str, str]:
    """An officer's note on a step, as `_finish` takes it: on the step when shared with the
    reporter and the public, else on an internal note (the default; SPEC C3, C4)."""
    return {"note": note} if public else {"internal_note": note}


def published(complaint: Complaint, now: datetime) -> None:
    """The first verification that confirmed the item's privacy makes a public item public
    (SPEC C3; 002:Bab VI B.1.a.5, B.1.b.5, B.1.c.2)."""
    if complaint.published_at is None:
        complaint.published_at = now


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


def _verification_fields(complaint: Complaint, v: Verification) -> None:
    if v.category is not None:
        complaint.category = v.category
    if v.nature:
        complaint.nature = Nature(v.nature)
    complaint.subject = plain_text(v.subject)[:200] or complaint.subject
    complaint.object = plain_text(v.object)[:200] or complaint.object
    if v.sla_class:
        if v.sla_class == SlaClass.INFORMASI_PUBLIK and complaint.kind != Kind.INFORMASI:
            raise TransitionRefused(
                _("Kelas permohonan informasi publik hanya untuk permintaan informasi.")
            )
        complaint.sla_class = SlaClass(v.sla_class)
    elif not complaint.sla_class and complaint.kind == Kind.INFORMASI:
        complaint.sla_class = SlaClass.NORMATIF
