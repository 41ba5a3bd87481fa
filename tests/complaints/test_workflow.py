"""The workflow table, checked exhaustively against the rules as the regulation states them."""

from __future__ import annotations

import itertools

import pytest

from complaints.models import Status
from complaints.workflow import TRANSITIONS, Act, Actor, Keep, TransitionRefused, next_status

S = Status
SAME = "same"

# The rulebook written out by hand, independent of the table's construction:
# (state, act, actor) → next state. "same" keeps the state; "restore" returns to the state
# held before waiting for the reporter.
EXPECTED: dict[tuple[str, str, str], str] = {}


def allow(states: list[str], act: str, actors: list[str], nxt: str) -> None:
    for state, actor in itertools.product(states, actors):
        EXPECTED[(state, act, actor)] = nxt


AN, AI, PH, UPP = "admin_nasional", "admin_instansi", "penghubung", "admin_upp"
OPEN = ["diterima", "diverifikasi", "didisposisikan", "ditindaklanjuti", "menunggu_data"]
allow(["diterima"], "verify", [AN], "diverifikasi")
allow(["diterima", "diverifikasi"], "request_data", [AN], "menunggu_data")
allow(["diterima", "diverifikasi"], "decline", [AN], "ditolak")
allow(["diverifikasi"], "route", [AN, AI], "didisposisikan")
allow(["diverifikasi"], "respond", [AN, AI], "selesai")
allow(["diverifikasi"], "copy", [AN, AI], SAME)
allow(["diterima", "didisposisikan"], "verify", [AI], "diverifikasi")
allow(["diterima", "didisposisikan", "diverifikasi"], "request_data", [AI], "menunggu_data")
allow(["diterima", "didisposisikan", "diverifikasi"], "decline", [AI], "ditolak")
allow(["didisposisikan", "diverifikasi"], "return", [AI], "diverifikasi")
allow(["diterima", "didisposisikan"], "accept", [PH], "ditindaklanjuti")
allow(["diterima", "didisposisikan"], "decline", [PH], "ditolak")
allow(["diterima", "didisposisikan", "ditindaklanjuti"], "request_data", [PH], "menunggu_data")
allow(["diterima", "didisposisikan", "ditindaklanjuti"], "return", [PH], "diverifikasi")
allow(["ditindaklanjuti"], "assign_unit", [PH], SAME)
allow(["ditindaklanjuti"], "obstacle", [PH, UPP], SAME)
allow(["ditindaklanjuti"], "respond", [PH], "selesai")
# 002:Bab VI D.3.e: the Penghubung gives the first response and answers for the OPD; a unit's
# answer is a draft the Penghubung approves (or returns).
allow(["ditindaklanjuti"], "first_response", [PH], SAME)
allow(["ditindaklanjuti"], "approve_answer", [PH], "selesai")
allow(["ditindaklanjuti"], "return_draft", [PH], SAME)
allow(["ditindaklanjuti"], "draft_answer", [UPP], SAME)
# SPEC C6, C12: a disposition made by mistake is recalled by its sender; an item no instansi
# can handle is closed by Admin Nasional with a fitting reason.
allow(["didisposisikan"], "recall", [AN, AI], "diverifikasi")
allow(["diverifikasi"], "conclude", [AN], "selesai")
allow(["ditindaklanjuti"], "extend", [PH, UPP], SAME)
# An information request refused by letter ends as "ditolak" (003:Pasal 40(12), SPEC C11).
allow(["ditindaklanjuti"], "refuse", [PH, UPP], "ditolak")
allow(["ditindaklanjuti"], "request_data", [UPP], "menunggu_data")
allow(["ditindaklanjuti"], "return", [UPP], SAME)
allow(OPEN, "note", [AN, AI, PH, UPP], SAME)
allow(["menunggu_data"], "supply_data", ["reporter"], "restore")
allow(["selesai"], "rate", ["reporter"], SAME)
allow(["selesai"], "reexamine", ["reporter"], "ditindaklanjuti")
allow(["menunggu_data"], "archive", ["system"], "diarsipkan")
allow(["selesai"], "close", ["system"], SAME)


ALL = list(itertools.product(list(Status), list(Act), list(Actor)))


def test_table_matches_the_rulebook_exactly() -> None:
    """SPEC C6, C12: the table holds exactly the transitions the rules allow, no more."""
    actual = {(s.value, a.value, r.value): str(n) for (s, a, r), n in TRANSITIONS.items()}
    assert actual == EXPECTED


@pytest.mark.parametrize(("state", "act", "actor"), ALL, ids=lambda v: str(v))
def test_every_state_action_actor_triple(state: Status, act: Act, actor: Actor) -> None:
    """SPEC C6: every transition not in the table is refused with a clear message."""
    expected = EXPECTED.get((state.value, act.value, actor.value))
    if expected is None:
        with pytest.raises(TransitionRefused) as info:
            next_status(state, act, actor)
        assert info.value.message
        return
    result = next_status(state, act, actor, status_before_wait="ditindaklanjuti")
    if expected == SAME:
        assert result == state
    elif expected == "restore":
        assert result == Status.DITINDAKLANJUTI
    else:
        assert result == Status(expected)


def test_nothing_leaves_archived_or_declined() -> None:
    """SPEC C12: items end as resolved, archived or declined; the last two are terminal."""
    for (state, _act, _actor), nxt in TRANSITIONS.items():
        if state in (S.DIARSIPKAN, S.DITOLAK):
            pytest.fail(f"{state} has an outgoing transition to {nxt}")


def test_only_recorded_decline_archive_paths_end_an_item() -> None:
    """SPEC C11, C12: no official can stop an item except by declining (with a reason,
    enforced in the service) or, for an information request, refusing it with its legal
    basis (003:Pasal 40(12)) — archiving is the system's alone, after the 10-day window (C7)."""
    for (_state, act, actor), nxt in TRANSITIONS.items():
        if nxt == S.DIARSIPKAN:
            assert (act, actor) == (Act.ARCHIVE, Actor.SYSTEM)
        if nxt == S.DITOLAK:
            assert act in (Act.DECLINE, Act.REFUSE)


def test_every_status_is_reachable_from_receipt() -> None:
    seen = {S.DITERIMA}
    frontier = [S.DITERIMA]
    while frontier:
        state = frontier.pop()
        for (s, _act, _actor), nxt in TRANSITIONS.items():
            if s != state:
                continue
            targets = [s] if nxt == Keep.SAME else list(seen) if nxt == Keep.RESTORE else [nxt]
            for t in targets:
                if t not in seen:
                    seen.add(Status(t))
                    frontier.append(Status(t))
    assert seen == set(Status)
