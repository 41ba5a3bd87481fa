"""Who may move an item from which state to which: the whole workflow as one table.

Rows are (state, action, actor) → next state. An actor is an official's role acting at the
tier that holds the item (an Admin Nasional on items at the national tier, an Admin Instansi on
items at the instansi tier, a Pejabat Penghubung on items at the OPD or one of its units, an
Admin UPP on items at the unit), the reporter, or the system (scheduled jobs). Anything not in
the table is refused. Sources: 002:Bab VI B.1.a-c, C; 001:Pasal 11(2); SPEC C5-C13.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.permissions import memberships_of
from complaints.models import FINAL_STATUSES, Complaint, HolderTier, Kind, SlaClass, Status


class Act(StrEnum):
    VERIFY = "verify"
    ROUTE = "route"
    ACCEPT = "accept"
    ASSIGN_UNIT = "assign_unit"
    RETURN = "return"
    COPY = "copy"
    REQUEST_DATA = "request_data"
    SUPPLY_DATA = "supply_data"
    ARCHIVE = "archive"
    OBSTACLE = "obstacle"
    NOTE = "note"
    RESPOND = "respond"
    DECLINE = "decline"
    RATE = "rate"
    REEXAMINE = "reexamine"
    CLOSE = "close"
    EXTEND = "extend"
    RECALL = "recall"
    FIRST_RESPONSE = "first_response"
    DRAFT_ANSWER = "draft_answer"
    APPROVE_ANSWER = "approve_answer"
    RETURN_DRAFT = "return_draft"
    CONCLUDE = "conclude"
    REFUSE = "refuse"


class Actor(StrEnum):
    ADMIN_NASIONAL = Role.ADMIN_NASIONAL.value
    ADMIN_INSTANSI = Role.ADMIN_INSTANSI.value
    PENGHUBUNG = Role.PENGHUBUNG.value
    ADMIN_UPP = Role.ADMIN_UPP.value
    REPORTER = "reporter"
    SYSTEM = "system"


class Keep(StrEnum):
    """Next-state markers that are not a fixed status."""

    SAME = "same"  # the status does not change (a note, a copy, an obstacle report)
    RESTORE = "restore"  # back to the status held before waiting for the reporter


Next = Status | Keep

# The tier each official actor works at. A Penghubung also acts on items that an Admin UPP of
# one of the OPD's units holds (002:Pasal 1.19: the unit helps the Penghubung).
ACTOR_TIERS: dict[Actor, frozenset[str]] = {
    Actor.ADMIN_NASIONAL: frozenset({HolderTier.NASIONAL}),
    Actor.ADMIN_INSTANSI: frozenset({HolderTier.INSTANSI}),
    Actor.PENGHUBUNG: frozenset({HolderTier.OPD, HolderTier.UNIT}),
    Actor.ADMIN_UPP: frozenset({HolderTier.UNIT}),
}

# A sender may take back what it disposed one tier down until the receiver acts: the tier
# an actor's recall reaches (SPEC C6, C12: an item routed by mistake does not wait for nobody).
SENDER_TIERS: dict[Actor, HolderTier] = {
    Actor.ADMIN_NASIONAL: HolderTier.INSTANSI,
    Actor.ADMIN_INSTANSI: HolderTier.OPD,
}
# The acts a sender takes on items it no longer holds.
SENDER_ACTS = frozenset({Act.RECALL})

# The actor whose own tier it is: the officials an arrival at that tier is for.
TIER_ACTOR: dict[HolderTier, Actor] = {
    HolderTier.NASIONAL: Actor.ADMIN_NASIONAL,
    HolderTier.INSTANSI: Actor.ADMIN_INSTANSI,
    HolderTier.OPD: Actor.PENGHUBUNG,
    HolderTier.UNIT: Actor.ADMIN_UPP,
}

S = Status
A = Act
AN, AI, PH, UPP = Actor.ADMIN_NASIONAL, Actor.ADMIN_INSTANSI, Actor.PENGHUBUNG, Actor.ADMIN_UPP
OPEN_STATES = [s for s in Status if s not in FINAL_STATUSES]


def _rows() -> dict[tuple[Status, Act, Actor], Next]:
    t: dict[tuple[Status, Act, Actor], Next] = {}

    def add(states: list[Status], act: Act, actors: list[Actor], nxt: Next) -> None:
        for state in states:
            for actor in actors:
                t[(state, act, actor)] = nxt

    # Admin Nasional: verify, ask for data, decline, route to an instansi, answer aspirations.
    add([S.DITERIMA], A.VERIFY, [AN], S.DIVERIFIKASI)
    add([S.DITERIMA, S.DIVERIFIKASI], A.REQUEST_DATA, [AN], S.MENUNGGU_DATA)
    add([S.DITERIMA, S.DIVERIFIKASI], A.DECLINE, [AN], S.DITOLAK)
    add([S.DIVERIFIKASI], A.ROUTE, [AN], S.DIDISPOSISIKAN)
    add([S.DIVERIFIKASI], A.RESPOND, [AN], S.SELESAI)
    add([S.DIVERIFIKASI], A.COPY, [AN], Keep.SAME)
    # An item no instansi in the portal can handle (returned as outside its authority, or a
    # duplicate) is closed with that reason and an explanation to the reporter (C6, C12).
    add([S.DIVERIFIKASI], A.CONCLUDE, [AN], S.SELESAI)
    # A disposition made by mistake is taken back before the receiver acts on it (C6).
    add([S.DIDISPOSISIKAN], A.RECALL, [AN, AI], S.DIVERIFIKASI)

    # Admin Instansi: the same at its tier, plus routing to an OPD (or APIP) and returning
    # items outside the instansi's authority to Admin Nasional (B.1.b.12-13).
    arrived = [S.DITERIMA, S.DIDISPOSISIKAN]
    add(arrived, A.VERIFY, [AI], S.DIVERIFIKASI)
    add([*arrived, S.DIVERIFIKASI], A.REQUEST_DATA, [AI], S.MENUNGGU_DATA)
    add([*arrived, S.DIVERIFIKASI], A.DECLINE, [AI], S.DITOLAK)
    add([S.DIDISPOSISIKAN, S.DIVERIFIKASI], A.RETURN, [AI], S.DIVERIFIKASI)
    add([S.DIVERIFIKASI], A.ROUTE, [AI], S.DIDISPOSISIKAN)
    add([S.DIVERIFIKASI], A.RESPOND, [AI], S.SELESAI)
    add([S.DIVERIFIKASI], A.COPY, [AI], Keep.SAME)

    # Pejabat Penghubung: accept (verify at the OPD; the resolution clock starts), decline,
    # ask for data, return what is not the OPD's, involve a unit, report obstacles, answer.
    add(arrived, A.ACCEPT, [PH], S.DITINDAKLANJUTI)
    add(arrived, A.DECLINE, [PH], S.DITOLAK)
    add([*arrived, S.DITINDAKLANJUTI], A.REQUEST_DATA, [PH], S.MENUNGGU_DATA)
    add([*arrived, S.DITINDAKLANJUTI], A.RETURN, [PH], S.DIVERIFIKASI)
    add([S.DITINDAKLANJUTI], A.ASSIGN_UNIT, [PH], Keep.SAME)
    add([S.DITINDAKLANJUTI], A.OBSTACLE, [PH, UPP], Keep.SAME)
    # The Penghubung answers for the OPD: a first response to the reporter, then the final
    # answer, its own or a unit's draft it approves or returns (002:Bab VI D.3.e).
    add([S.DITINDAKLANJUTI], A.FIRST_RESPONSE, [PH], Keep.SAME)
    add([S.DITINDAKLANJUTI], A.RESPOND, [PH], S.SELESAI)
    add([S.DITINDAKLANJUTI], A.APPROVE_ANSWER, [PH], S.SELESAI)
    add([S.DITINDAKLANJUTI], A.RETURN_DRAFT, [PH], Keep.SAME)
    # A public-information request may be extended once by 7 working days (003:Pasal 40(10)).
    add([S.DITINDAKLANJUTI], A.EXTEND, [PH, UPP], Keep.SAME)
    # ... or refused, in a letter stating the legal reason: a final status of its own (40(12)).
    add([S.DITINDAKLANJUTI], A.REFUSE, [PH, UPP], S.DITOLAK)

    # Admin UPP: works the item inside the unit, or hands it back to the Penghubung.
    add([S.DITINDAKLANJUTI], A.REQUEST_DATA, [UPP], S.MENUNGGU_DATA)
    add([S.DITINDAKLANJUTI], A.RETURN, [UPP], Keep.SAME)
    add([S.DITINDAKLANJUTI], A.DRAFT_ANSWER, [UPP], Keep.SAME)

    # Internal notes by whoever holds an open item.
    add(OPEN_STATES, A.NOTE, [AN, AI, PH, UPP], Keep.SAME)

    # The reporter: completes data, rates the final answer, asks once for re-examination.
    add([S.MENUNGGU_DATA], A.SUPPLY_DATA, [Actor.REPORTER], Keep.RESTORE)
    add([S.SELESAI], A.RATE, [Actor.REPORTER], Keep.SAME)
    add([S.SELESAI], A.REEXAMINE, [Actor.REPORTER], S.DITINDAKLANJUTI)

    # Scheduled jobs: archive incomplete items after 10 working days (C7), close answered ones.
    add([S.MENUNGGU_DATA], A.ARCHIVE, [Actor.SYSTEM], S.DIARSIPKAN)
    add([S.SELESAI], A.CLOSE, [Actor.SYSTEM], Keep.SAME)
    return t


TRANSITIONS: dict[tuple[Status, Act, Actor], Next] = _rows()


class TransitionRefused(Exception):
    """The action is not allowed for this actor on this item in its present state."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Tindakan ini tidak dapat dilakukan pada status sekarang."))
        self.message = str(self.args[0])


def next_status(state: str, act: Act, actor: Actor, *, status_before_wait: str = "") -> Status:
    """The status after `actor` takes `act` on an item in `state`; raises TransitionRefused."""
    try:
        nxt = TRANSITIONS[(Status(state), act, actor)]
    except KeyError:
        raise TransitionRefused() from None
    if nxt == Keep.SAME:
        return Status(state)
    if nxt == Keep.RESTORE:
        return Status(status_before_wait or Status.DITERIMA)
    return Status(nxt)


def extra_guard(complaint: Complaint, act: Act, actor: Actor) -> None:
    """Rules that depend on the item itself rather than on its state alone."""
    if act == Act.RESPOND and actor in (Actor.ADMIN_NASIONAL, Actor.ADMIN_INSTANSI):
        if complaint.kind != Kind.ASPIRASI:
            # Admins answer aspirations directly (B.1.a.8, B.1.b.8); the rest goes to OPDs.
            raise TransitionRefused(_("Admin hanya dapat menjawab langsung aspirasi."))
    if act in (Act.RATE, Act.REEXAMINE) and complaint.closed_at is not None:
        raise TransitionRefused(_("Pengaduan ini sudah ditutup."))
    if act == Act.RATE:
        if complaint.satisfied is not None:
            raise TransitionRefused(_("Tanggapan ini sudah dinilai."))
        if complaint.responded_at is None:
            raise TransitionRefused()
    if act == Act.REEXAMINE:
        # Asked after an unsatisfied rating of the response (002:Bab VI C).
        if complaint.satisfied is True:
            raise TransitionRefused(_("Anda sudah menyatakan puas dengan tanggapan ini."))
        if complaint.satisfied is None:
            raise TransitionRefused(_("Nilai tanggapan ini terlebih dahulu."))
        if complaint.reexamination_requested_at is not None:
            raise TransitionRefused(_("Pemeriksaan ulang hanya dapat diminta satu kali."))
        if complaint.opd_id is None:
            raise TransitionRefused(_("Tanggapan ini tidak berasal dari OPD."))
    if act == Act.EXTEND:
        if complaint.sla_class != SlaClass.INFORMASI_PUBLIK:
            raise TransitionRefused(
                _("Hanya permohonan informasi publik yang jangka waktunya dapat diperpanjang.")
            )
        if complaint.extended_at is not None:
            raise TransitionRefused(_("Jangka waktu hanya dapat diperpanjang satu kali."))
    if act == Act.REFUSE and complaint.kind != Kind.INFORMASI:
        raise TransitionRefused(_("Hanya permintaan informasi yang dapat ditolak di sini."))
    if act == Act.RETURN and actor == Actor.ADMIN_INSTANSI and complaint.nasional_id is None:
        raise TransitionRefused(_("Pengaduan ini tidak berasal dari Admin Nasional."))
    if act == Act.RECALL and complaint.holder_tier != SENDER_TIERS.get(actor):
        raise TransitionRefused(_("Hanya pengirim disposisi yang dapat menariknya kembali."))
    if act == Act.CONCLUDE and complaint.holder_tier != HolderTier.NASIONAL:
        raise TransitionRefused()
    if act == Act.FIRST_RESPONSE and complaint.first_response_at is not None:
        raise TransitionRefused(_("Respon awal sudah diberikan."))
    if act == Act.DRAFT_ANSWER and complaint.draft_response:
        raise TransitionRefused(_("Draf tanggapan sedang menunggu persetujuan Pejabat Penghubung."))
    if act in (Act.APPROVE_ANSWER, Act.RETURN_DRAFT) and not complaint.draft_response:
        raise TransitionRefused(_("Belum ada draf tanggapan dari unit."))
    if act == Act.ASSIGN_UNIT and complaint.holder_tier != HolderTier.OPD:
        raise TransitionRefused(_("Pengaduan ini sudah berada di unit."))
    if act == Act.RETURN and actor == Actor.PENGHUBUNG and complaint.holder_tier != HolderTier.OPD:
        raise TransitionRefused(_("Kembalikan dari unit terlebih dahulu."))


def official_actors(user: Any, complaint: Complaint) -> set[Actor]:
    """The official actors `user` may act as on this item, given the tier that holds it."""
    chain = set(complaint.holder_agency.ancestor_ids)
    actors: set[Actor] = set()
    for m in memberships_of(user):
        if m.agency_id not in chain:
            continue
        try:
            actor = Actor(m.role)
        except ValueError:
            continue  # kepala, pimpinan and operator follow items but do not act on them
        if complaint.holder_tier in ACTOR_TIERS[actor]:
            actors.add(actor)
    return actors


def sender_actors(user: Any, complaint: Complaint) -> set[Actor]:
    """The actors `user` may act as on an item it sent one tier down: the Admin Nasional of
    the item's national desk on items at an instansi, the Admin Instansi of its instansi on
    items at an OPD (for `SENDER_ACTS` only)."""
    actors: set[Actor] = set()
    sent_from = {
        Actor.ADMIN_NASIONAL: complaint.nasional_id,
        Actor.ADMIN_INSTANSI: complaint.instansi_id,
    }
    for m in memberships_of(user):
        try:
            actor = Actor(m.role)
        except ValueError:
            continue
        if SENDER_TIERS.get(actor) == complaint.holder_tier and sent_from[actor] == m.agency_id:
            actors.add(actor)
    return actors


def _acts_for(actors: set[Actor], complaint: Complaint) -> dict[Act, Actor]:
    result: dict[Act, Actor] = {}
    for (state, act, actor), _nxt in TRANSITIONS.items():
        if state != complaint.status or actor not in actors or act in result:
            continue
        try:
            extra_guard(complaint, act, actor)
        except TransitionRefused:
            continue
        result[act] = actor
    return result


def allowed_acts(user: Any, complaint: Complaint) -> dict[Act, Actor]:
    """Every act the user may take on this item now, with the actor they would take it as:
    as an official of the tier that holds it, or as the sender of a disposition."""
    acts = _acts_for(official_actors(user, complaint), complaint)
    senders = sender_actors(user, complaint)
    if senders:
        for act, actor in _acts_for(senders, complaint).items():
            if act in SENDER_ACTS:
                acts.setdefault(act, actor)
    return acts


def reporter_acts(complaint: Complaint) -> frozenset[Act]:
    """Every act the reporter may take on this item now (supply data, rate, ask for a
    re-examination): the reporter's rows of the same table, with the same guards. Whether the
    person asking is the reporter is for `complaints.permissions` to say."""
    return frozenset(_acts_for({Actor.REPORTER}, complaint))
