"""Who may move a service standard from which state to which: the whole process as one table.

Rows are (state, act, actor) → next state; anything not in the table is refused (SPEC S3, S4;
004:Bab III-IV; 003:Pasal 14). Actors are the agency's standard managers (Operator, Kepala,
Penghubung: MANAGE_STANDARDS), the adopter (the Kepala OPD; the Bupati/Walikota, i.e. the
KEPALA_DAERAH role, for a one-stop licensing office: 004:Pasal 1(3), Bab III C; never the
Sekda's PIMPINAN role) and the system (a newer version's adoption
supersedes the old one).

This module is also the permission door for standards and maklumat: `visible_standards`,
`standard_for` (404 out of sight) and `acts_for` (what the user may do to a visible one).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import Q
from django.http import Http404

from standards.access import Action, Role, agencies_where, has_role, memberships_of, user_can
from standards.models import Agency, Service
from standards.models_standard import OneStopOffice, ServiceStandard
from standards.models_standard import StandardStatus as St


class Act(StrEnum):
    EDIT = "edit"  # change the components of a draft
    DISCUSS = "discuss"  # record a Berita Acara of a public discussion
    ADOPT = "adopt"  # adopt with a decree
    INTERNALISE = "internalise"  # record the internalisation to the staff
    REVISE = "revise"  # start the next version's draft (SPEC S4)
    SUPERSEDE = "supersede"  # the next version was adopted


class Actor(StrEnum):
    MANAGER = "manager"
    ADOPTER = "adopter"
    SYSTEM = "system"


M, AD, SYS = Actor.MANAGER, Actor.ADOPTER, Actor.SYSTEM

TRANSITIONS: dict[tuple[St, Act, Actor], St] = {
    (St.RANCANGAN, Act.EDIT, M): St.RANCANGAN,
    (St.PEMBAHASAN, Act.EDIT, M): St.PEMBAHASAN,
    (St.RANCANGAN, Act.DISCUSS, M): St.PEMBAHASAN,
    (St.PEMBAHASAN, Act.DISCUSS, M): St.PEMBAHASAN,
    (St.PEMBAHASAN, Act.ADOPT, AD): St.DITETAPKAN,
    (St.DITETAPKAN, Act.INTERNALISE, M): St.DITETAPKAN,
    (St.DITETAPKAN, Act.REVISE, M): St.DITETAPKAN,
    (St.DITETAPKAN, Act.SUPERSEDE, SYS): St.DIGANTI,
}


def next_state(state: str, act: Act, actors: set[Actor]) -> St | None:
    """The state after `act` by any of `actors`, or None when the table has no such row."""
    for actor in actors:
        nxt = TRANSITIONS.get((St(state), act, actor))
        if nxt is not None:
            return nxt
    return None


def is_one_stop(agency: Agency) -> bool:
    return OneStopOffice.objects.filter(agency_id__in=agency.ancestor_ids).exists()


def adopter_role(agency: Agency) -> str:
    """The role that adopts this agency's standards and signs its maklumat: the
    Bupati/Walikota (KEPALA_DAERAH) for the one-stop licensing office, else the Kepala OPD
    (004:Pasal 1(2)-(3), Bab III C)."""
    return Role.KEPALA_DAERAH if is_one_stop(agency) else Role.KEPALA


def may_adopt(user: Any, agency: Agency) -> bool:
    if not user_can(user, Action.ADOPT_STANDARD, agency):
        return False
    return has_role(user, {adopter_role(agency)}, agency)


def may_sign_maklumat(user: Any, agency: Agency) -> bool:
    """The Maklumat is signed by the head of the provider: the Kepala, or the Bupati/Walikota
    for the one-stop licensing office (SPEC S6; 004:Bab III C)."""
    return may_adopt(user, agency)


def maklumat_agencies(user: Any, agencies: list[Agency]) -> list[Agency]:
    """Of these agencies, those whose maklumat the user signs (one query, whatever the count)."""
    one_stop = set(OneStopOffice.objects.values_list("agency_id", flat=True))
    allowed = []
    for agency in agencies:
        role = Role.KEPALA_DAERAH if one_stop & set(agency.ancestor_ids) else Role.KEPALA
        if user_can(user, Action.ADOPT_STANDARD, agency) and has_role(user, {role}, agency):
            allowed.append(agency)
    return allowed


def actors_of(user: Any, agency: Agency) -> set[Actor]:
    actors: set[Actor] = set()
    if user_can(user, Action.MANAGE_STANDARDS, agency):
        actors.add(Actor.MANAGER)
    if may_adopt(user, agency):
        actors.add(Actor.ADOPTER)
    return actors


def acts_for(user: Any, standard: ServiceStandard) -> set[Act]:
    actors = actors_of(user, standard.service.agency)
    return {
        act
        for (state, act, actor), _nxt in TRANSITIONS.items()
        if state == standard.status and actor in actors
    }


def officer_agencies_q(user: Any) -> Q | None:
    """Agencies whose standards the user works on (manages or adopts). The Bupati/Walikota
    adopts only for the one-stop licensing office, so sees only that office's subtree."""
    parts = [agencies_where(user, Action.MANAGE_STANDARDS)]
    heads = [m.agency.path for m in memberships_of(user) if m.role == Role.KEPALA]
    parts += [Q(path__startswith=p) for p in heads]
    regions = [m.agency.path for m in memberships_of(user) if m.role == Role.KEPALA_DAERAH]
    if regions:
        offices = OneStopOffice.objects.select_related("agency").order_by("pk")
        parts += [
            Q(path__startswith=o.agency.path)
            for o in offices
            if any(o.agency.path.startswith(p) for p in regions)
        ]
    parts = [q for q in parts if q is not None]
    if not parts:
        return None
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return q


def visible_services(user: Any) -> Any:
    q = officer_agencies_q(user)
    if q is None:
        return Service.objects.none()
    return Service.objects.filter(agency__in=Agency.objects.filter(q).values("pk"))


def visible_standards(user: Any) -> Any:
    return ServiceStandard.objects.filter(service__in=visible_services(user).values("pk"))


def standard_for(user: Any, pk: int) -> ServiceStandard:
    """The standard if the user works on its agency's standards; Http404 otherwise."""
    standard = visible_standards(user).with_components().filter(pk=pk).first()
    if standard is None:
        raise Http404
    return standard


def service_for(user: Any, code: str) -> Service:
    service = visible_services(user).select_related("agency").filter(code=code).first()
    if service is None:
        raise Http404
    return service


def is_agency_officer(user: Any, agency: Agency) -> bool:
    """May see the internal components on the public pages (SPEC S1)."""
    return bool(actors_of(user, agency))
