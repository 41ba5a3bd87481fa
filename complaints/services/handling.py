"""Handling an item: data requests, obstacles, notes, the response, the reporter's rating and
re-examination, and the system's archive, closure and deadline events (SPEC C7-C9, C13)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from complaints import deadlines, notify
from complaints.models import (
    Attachment,
    Complaint,
    DeliveryFormat,
    Event,
    EventAction,
    ExemptionGround,
    InformationRequest,
    Kind,
)
from complaints.services.common import (
    Answer,
    Refusal,
    _attach,
    _begin,
    _finish,
    _route_fields,
    plain_text,
)
from complaints.uploads import CleanFile
from complaints.workflow import (
    Act,
    Actor,
    TransitionRefused,
)
from standards.models import Agency


@transaction.atomic
def complaint_request_data(
    user: Any, *, complaint_id: int, version: int, note: str, now: datetime | None = None
) -> Complaint:
    """Ask the reporter to complete the item; 10 working days, then it is archived (C7)."""
    if not plain_text(note):
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
    if not plain_text(note) and not files:
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
    user: Any, *, complaint_id: int, version: int, note: str, now: datetime | None = None
) -> Complaint:
    """Tell the reporter what stands in the way and what was done (002:Bab VII A.1.f, C9)."""
    if not plain_text(note):
        raise TransitionRefused(_("Tuliskan kendala dan langkah yang sudah diambil."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.OBSTACLE, now=now)
    _finish(step, EventAction.OBSTACLE, user=user, note=note)
    return step.complaint


@transaction.atomic
def complaint_add_note(
    user: Any, *, complaint_id: int, version: int, note: str, now: datetime | None = None
) -> Complaint:
    """An internal note: officials see it, the reporter and the public never do."""
    if not plain_text(note):
        raise TransitionRefused(_("Catatan tidak boleh kosong."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.NOTE, now=now)
    _finish(step, EventAction.NOTE, user=user, note=note, is_public=False)
    return step.complaint


@transaction.atomic
def complaint_respond(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    answer: Answer,
    now: datetime | None = None,
) -> Complaint:
    """The final response; the reporter may then rate it (SPEC C13).

    For a request for information the answer records the delivery: the material and its
    format (003:Pasal 40(11)-(12)) and copying costs, if any, with their basis; otherwise it
    is free (40(13), SPEC C11). A refusal is `complaint_refuse_information`.
    """
    text = plain_text(answer.text)
    if not text:
        raise TransitionRefused(_("Tanggapan tidak boleh kosong."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.RESPOND, now=now)
    c = step.complaint
    note = text
    if c.kind == Kind.INFORMASI:
        if answer.delivery is None:
            raise TransitionRefused(_("Catat materi dan format informasi yang diserahkan."))
        note = _record_delivery(c, answer.delivery, now=step.now, text=text)
    elif answer.delivery is not None:
        raise TransitionRefused(_("Hanya permintaan informasi yang mencatat penyerahan."))
    # The Penghubung's own answer replaces a unit's draft still waiting for approval.
    c.draft_response = ""
    c.draft_at = None
    c.response = text
    c.responded_at = step.now
    deadlines.followed_up(c, step.now)
    deadlines.responded(c, step.now)
    event = _finish(step, EventAction.RESPONDED, user=user, note=note)
    _attach(c, answer.files, event=event, by_reporter=False)
    return c


def _record_delivery(c: Complaint, delivery: Any, *, now: datetime, text: str) -> str:
    """Write the delivery record and return the timeline's note: the answer, then what was
    handed over, in what format, at what cost."""
    material = plain_text(delivery.material)[:2000]
    basis = plain_text(delivery.cost_basis)[:300]
    if not material:
        raise TransitionRefused(_("Sebutkan materi informasi yang diserahkan."))
    if delivery.format not in DeliveryFormat.values:
        raise TransitionRefused(_("Pilih format informasi yang diserahkan."))
    cost = int(delivery.cost_amount or 0)
    if cost < 0:
        raise TransitionRefused(_("Biaya tidak boleh negatif."))
    if cost and not basis:
        raise TransitionRefused(_("Sebutkan dasar biaya penggandaan."))
    info, _created = InformationRequest.objects.get_or_create(complaint=c)
    info.delivered_at = now
    info.delivered_material = material
    info.delivered_format = delivery.format
    info.cost_amount = cost
    info.cost_basis = basis if cost else ""
    info.save()
    cost_text = (
        _("Biaya penggandaan: Rp %(amount)s (%(basis)s).")
        % {"amount": f"{cost:,}".replace(",", "."), "basis": basis}
        if cost
        else _("Tanpa biaya (gratis).")
    )
    return _("%(text)s\n\nMateri: %(material)s. Format: %(format)s. %(cost)s") % {
        "text": text,
        "material": material,
        "format": DeliveryFormat(delivery.format).label,
        "cost": cost_text,
    }


@transaction.atomic
def complaint_refuse_information(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    refusal: Refusal,
    now: datetime | None = None,
) -> Complaint:
    """Refuse a request for information because it is exempt, in a letter to the requester
    that states the legal reason (003:Pasal 40(12), SPEC C11). The item ends as "Ditolak"."""
    ground = refusal.ground
    basis = plain_text(refusal.basis)[:300]
    letter = plain_text(refusal.letter)
    if ground not in ExemptionGround.values:
        raise TransitionRefused(_("Pilih alasan pengecualian informasi."))
    if not basis:
        raise TransitionRefused(_("Sebutkan dasar hukum penolakan permintaan informasi."))
    if not letter:
        raise TransitionRefused(_("Tuliskan isi surat pemberitahuan kepada pemohon."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.REFUSE, now=now)
    c = step.complaint
    info, _created = InformationRequest.objects.get_or_create(complaint=c)
    info.refusal_ground = ground
    info.save(update_fields=["refusal_ground"])
    c.information_refused = True
    c.refusal_basis = basis
    c.response = letter
    c.responded_at = step.now
    c.closed_at = step.now
    deadlines.followed_up(c, step.now)
    deadlines.ended(c)
    note = _("%(ground)s. Dasar hukum: %(basis)s.\n\n%(letter)s") % {
        "ground": ExemptionGround(ground).label,
        "basis": basis,
        "letter": letter,
    }
    event = _finish(step, EventAction.INFO_REFUSED, user=user, note=note)
    _attach(c, refusal.files, event=event, by_reporter=False)
    return c


@transaction.atomic
def complaint_first_response(
    user: Any, *, complaint_id: int, version: int, note: str, now: datetime | None = None
) -> Complaint:
    """The Penghubung's first response (respon awal) to the reporter: what the OPD will do
    and who handles it, before the final answer (002:Bab VI D.3.e)."""
    if not plain_text(note):
        raise TransitionRefused(_("Tuliskan respon awal untuk pelapor."))
    step = _begin(
        complaint_id=complaint_id, version=version, user=user, act=Act.FIRST_RESPONSE, now=now
    )
    step.complaint.first_response_at = step.now
    deadlines.followed_up(step.complaint, step.now)
    _finish(step, EventAction.FIRST_RESPONSE, user=user, note=note)
    return step.complaint


@transaction.atomic
def complaint_draft_answer(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    answer: Answer,
    now: datetime | None = None,
) -> Complaint:
    """An Admin UPP drafts the answer; it reaches the reporter only once the Penghubung
    approves it (002:Bab VI D.3.e). The draft and its files stay internal until then."""
    text = plain_text(answer.text)
    if not text:
        raise TransitionRefused(_("Tanggapan tidak boleh kosong."))
    step = _begin(
        complaint_id=complaint_id, version=version, user=user, act=Act.DRAFT_ANSWER, now=now
    )
    c = step.complaint
    c.draft_response = text
    c.draft_at = step.now
    event = _finish(step, EventAction.DRAFTED, user=user, note=text, is_public=False)
    _attach(c, answer.files, event=event, by_reporter=False)
    return c


@transaction.atomic
def complaint_approve_answer(
    user: Any, *, complaint_id: int, version: int, now: datetime | None = None
) -> Complaint:
    """The Penghubung approves the unit's draft: it becomes the final response the reporter
    reads and rates, with the draft's files (002:Bab VI D.3.e, SPEC C13)."""
    step = _begin(
        complaint_id=complaint_id, version=version, user=user, act=Act.APPROVE_ANSWER, now=now
    )
    c = step.complaint
    draft_event = (
        Event.objects.filter(complaint=c, action=EventAction.DRAFTED).order_by("-pk").first()
    )
    c.response = c.draft_response
    c.draft_response = ""
    c.draft_at = None
    c.information_refused = False
    c.refusal_basis = ""
    c.responded_at = step.now
    deadlines.followed_up(c, step.now)
    deadlines.responded(c, step.now)
    event = _finish(step, EventAction.RESPONDED, user=user, note=c.response)
    if draft_event is not None:
        # The draft's files go out with the answer they belong to.
        Attachment.objects.filter(event=draft_event, by_reporter=False).update(
            event=event, is_public=True
        )
    return c


@transaction.atomic
def complaint_return_draft(
    user: Any, *, complaint_id: int, version: int, note: str, now: datetime | None = None
) -> Complaint:
    """The Penghubung sends the unit's draft back with what to change; the unit drafts again."""
    if not plain_text(note):
        raise TransitionRefused(_("Tuliskan apa yang perlu diperbaiki."))
    step = _begin(
        complaint_id=complaint_id, version=version, user=user, act=Act.RETURN_DRAFT, now=now
    )
    step.complaint.draft_response = ""
    step.complaint.draft_at = None
    _finish(step, EventAction.DRAFT_RETURNED, user=user, note=note, is_public=False)
    return step.complaint


@transaction.atomic
def complaint_extend(
    user: Any, *, complaint_id: int, version: int, reason: str, now: datetime | None = None
) -> Complaint:
    """Extend a public-information request once by 7 working days, telling the requester why
    (003:Pasal 40(10), SPEC C11)."""
    if not plain_text(reason):
        raise TransitionRefused(_("Tuliskan alasan perpanjangan."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.EXTEND, now=now)
    c = step.complaint
    if c.resolution_due_at is not None and step.now > c.resolution_due_at:
        # The extension is decided within the first 10 working days, not to undo a breach.
        raise TransitionRefused(_("Batas waktu sudah lewat; perpanjangan tidak dapat diberikan."))
    c.extended_at = step.now
    deadlines.extended(c)
    _finish(step, EventAction.EXTENDED, user=user, note=reason)
    return c


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
    if not plain_text(reason):
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
    c.reexamination_requested_at = step.now
    c.reexamination_pending = True  # new at the Penghubung's desk until someone acts
    # The next response gets a rating of its own; this dissatisfaction stays on the timeline.
    c.satisfied = None
    _route_fields(c, Agency.objects.get(pk=c.opd_id))
    c.unit = None
    c.closure_due_at = None
    deadlines.start_resolution(c, step.now, restart=True)
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
    step.complaint.draft_response = ""
    step.complaint.draft_at = None
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


def complaint_deadline_events(
    notes: Sequence[tuple[Complaint, str]], *, action: EventAction, now: datetime
) -> list[Event]:
    """System: put deadline reminders or breaches on the items' timelines (SPEC C9), one
    INSERT for the batch, and notify in a fixed number of queries.

    Internal only: the reporter already sees the deadline and how late the item is on their
    page. The caller (complaints.sla) has inserted the matching DeadlineAlert rows in the same
    transaction, so each event and its notifications are written once per alert.
    """
    if action not in (EventAction.REMINDER, EventAction.BREACH):
        raise ValueError("only reminders and breaches are deadline events")
    events = Event.objects.bulk_create(
        [
            Event(
                complaint=complaint,
                created_at=now,
                action=action,
                is_public=False,
                note=plain_text(note),
                from_status=complaint.status,
                to_status=complaint.status,
            )
            for complaint, note in notes
        ]
    )
    notify.on_events(events)
    return events


def complaint_deadline_event(
    *, complaint: Complaint, action: EventAction, note: str, now: datetime
) -> Event:
    """One item's reminder or breach (see `complaint_deadline_events`)."""
    return complaint_deadline_events([(complaint, note)], action=action, now=now)[0]
