"""Verification and routing across the tiers (SPEC C5, C6, C12; 002:Bab VI B)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from complaints import deadlines
from complaints.models import (
    ClosureReason,
    Complaint,
    Copy,
    DeclineReason,
    EventAction,
)
from complaints.receivers import has_receiver
from complaints.services.common import (
    NO_NOTE,
    Note,
    Verification,
    _apply_privacy,
    _begin,
    _finish,
    _route_fields,
    _verification_fields,
    plain_text,
    published,
    split_note,
)
from complaints.workflow import (
    Act,
    Actor,
    TransitionRefused,
)
from standards.models import Agency, AgencyKind, Tier


@transaction.atomic
def complaint_verify(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    verification: Verification = Verification(),  # noqa: B008 - frozen, never mutated
    now: datetime | None = None,
) -> Complaint:
    """An admin tier verifies identity, substance and evidence (SPEC C5, 002:Bab VI B.1.a-b)."""
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.VERIFY, now=now)
    _verification_fields(step.complaint, verification)
    _apply_privacy(step, verification.privacy, user=user)
    published(step.complaint, step.now)
    # The tier's 3-working-day clock keeps running until it routes or answers (C5).
    _finish(
        step,
        EventAction.VERIFIED,
        user=user,
        **split_note(verification.note, public=verification.note_public),
    )
    return step.complaint


@transaction.atomic
def complaint_route(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    to_agency: Agency,
    to_apip: bool = False,
    note: Note = NO_NOTE,
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
    if not has_receiver(to_agency):
        raise TransitionRefused(
            _("%(agency)s belum punya petugas aktif yang dapat menerima pengaduan.")
            % {"agency": to_agency.name}
        )
    _route_fields(c, to_agency)
    c.is_apip = c.is_apip or to_apip
    deadlines.arrival_deadlines(c, step.now)
    _finish(
        step,
        EventAction.ROUTED,
        user=user,
        target_agency=to_agency,
        **split_note(note.text, public=note.public),
    )
    return c


@transaction.atomic
def complaint_accept(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    verification: Verification,
    now: datetime | None = None,
) -> Complaint:
    """The Penghubung verifies the item within the OPD's authority and takes it on; the
    resolution clock of its SLA class (required here) starts (SPEC C8)."""
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.ACCEPT, now=now)
    if not verification.sla_class:
        raise TransitionRefused(_("Pilih kelas waktu penyelesaian."))
    _verification_fields(step.complaint, verification)
    _apply_privacy(step, verification.privacy, user=user)
    published(step.complaint, step.now)
    deadlines.start_resolution(step.complaint, step.now)
    deadlines.followed_up(step.complaint, step.now)
    _finish(
        step,
        EventAction.ACCEPTED,
        user=user,
        **split_note(verification.note, public=verification.note_public),
    )
    return step.complaint


@transaction.atomic
def complaint_assign_unit(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    unit: Agency,
    note: Note = NO_NOTE,
    now: datetime | None = None,
) -> Complaint:
    """The Penghubung involves an Admin UPP of one of the OPD's units (002:Pasal 1.19)."""
    step = _begin(
        complaint_id=complaint_id, version=version, user=user, act=Act.ASSIGN_UNIT, now=now
    )
    c = step.complaint
    if unit.tier != Tier.UNIT or unit.parent_id != c.holder_agency_id or not unit.is_active:
        raise TransitionRefused(_("Pilih unit di bawah OPD ini."))
    if not has_receiver(unit):
        raise TransitionRefused(
            _("%(agency)s belum punya petugas aktif yang dapat menerima pengaduan.")
            % {"agency": unit.name}
        )
    _route_fields(c, unit)
    c.holder_since = step.now
    _finish(
        step,
        EventAction.ASSIGNED_UNIT,
        user=user,
        target_agency=unit,
        **split_note(note.text, public=note.public),
    )
    return c


@transaction.atomic
def complaint_return(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    note: str,
    note_public: bool = False,
    now: datetime | None = None,
) -> Complaint:
    """Send an item that is outside this tier's authority back up (B.1.b.12, B.1.c.5)."""
    if not plain_text(note):
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
    if step.actor != Actor.ADMIN_UPP:
        c.draft_response = ""  # a unit's draft does not travel up with the item
        c.draft_at = None
    _route_fields(c, target)
    deadlines.arrival_deadlines(c, step.now)
    _finish(
        step,
        EventAction.RETURNED,
        user=user,
        target_agency=target,
        **split_note(note, public=note_public),
    )
    return c


@transaction.atomic
def complaint_copy(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    agency: Agency,
    note: Note = NO_NOTE,
    now: datetime | None = None,
) -> Complaint:
    """Copy (tembusan) the item to another agency whose help it needs (B.1.a.9)."""
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.COPY, now=now)
    if agency.tier == Tier.UNIT or agency.kind == AgencyKind.NASIONAL or not agency.is_active:
        raise TransitionRefused(_("Tembusan ditujukan kepada instansi atau OPD."))
    if (
        step.actor == Actor.ADMIN_INSTANSI
        and agency.ancestor_ids[0] != step.complaint.holder_agency_id
    ):
        # An Admin Instansi involves OPDs of its own instansi; other pemda are reached through
        # Admin Nasional, who sees across instansi (SPEC A2, C6).
        raise TransitionRefused(_("Tembusan hanya kepada OPD di lingkungan instansi ini."))
    _copy, created = Copy.objects.get_or_create(
        complaint=step.complaint,
        agency=agency,
        defaults={"created_by": user, "created_at": step.now},
    )
    if not created:
        raise TransitionRefused(_("Tembusan ke instansi ini sudah ada."))
    _finish(
        step,
        EventAction.COPIED,
        user=user,
        target_agency=agency,
        **split_note(note.text, public=note.public),
    )
    return step.complaint


@transaction.atomic
def complaint_decline(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    reason: str,
    note: Note = NO_NOTE,
    now: datetime | None = None,
) -> Complaint:
    """Decline an item, only for a recorded reason of 001:Pasal 11(2) (SPEC C12)."""
    reason = DeclineReason(reason)
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.DECLINE, now=now)
    step.complaint.decline_reason = reason
    step.complaint.closed_at = step.now
    deadlines.ended(step.complaint)
    # The reason is always told (C12); the officer's explanation only when shared.
    shared = plain_text(note.text) if note.public else ""
    _finish(
        step,
        EventAction.DECLINED,
        user=user,
        note=f"{reason.label}. {shared}".strip(),
        internal_note="" if note.public else note.text,
    )
    return step.complaint


@transaction.atomic
def complaint_recall(
    user: Any, *, complaint_id: int, version: int, note: str, now: datetime | None = None
) -> Complaint:
    """The sender takes back a disposition made by mistake before the receiver acts on it
    (SPEC C6, C12): the item is back at the sender's desk, verified, with its clock."""
    if not plain_text(note):
        raise TransitionRefused(_("Tuliskan alasan penarikan."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.RECALL, now=now)
    c = step.complaint
    recalled_from = c.holder_agency
    if step.actor == Actor.ADMIN_NASIONAL:
        target = Agency.objects.get(pk=c.nasional_id)
        c.instansi = None
    else:
        target = Agency.objects.get(pk=c.instansi_id)
        c.opd = None
        c.is_apip = False
    _route_fields(c, target)
    c.holder_since = step.now
    c.penghubung_received_at = None
    c.resolution_due_at = None
    deadlines.arrival_deadlines(c, step.now)
    _finish(step, EventAction.RECALLED, user=user, note=note, target_agency=recalled_from)
    return c


@transaction.atomic
def complaint_conclude(
    user: Any,
    *,
    complaint_id: int,
    version: int,
    reason: str,
    explanation: str,
    now: datetime | None = None,
) -> Complaint:
    """Admin Nasional closes an item no instansi in the portal can handle, with a fitting
    reason and an explanation the reporter reads (SPEC C6, C12, C13): outside the authority
    of the pemda, or a duplicate of another report."""
    try:
        closure = ClosureReason(reason)
    except ValueError:
        raise TransitionRefused(_("Pilih alasan penutupan.")) from None
    text = plain_text(explanation)
    if not text:
        raise TransitionRefused(_("Jelaskan kepada pelapor mengapa laporan ditutup."))
    step = _begin(complaint_id=complaint_id, version=version, user=user, act=Act.CONCLUDE, now=now)
    c = step.complaint
    c.closure_reason = closure
    c.response = text
    c.responded_at = step.now
    deadlines.followed_up(c, step.now)
    deadlines.responded(c, step.now)
    _finish(step, EventAction.CONCLUDED, user=user, note=f"{closure.label}. {text}")
    return c
