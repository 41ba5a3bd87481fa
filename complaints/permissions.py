"""The door to complaints: who may see an item, and who may do what to it (SPEC A2, C3, C4).

Everything that asks about a complaint asks here — views, services, the admin, templates
(through booleans the views pass) and tasks — so no role or privacy rule is written twice:

- `Complaint.objects.visible_to(user, tracked=...)` — which items this person may see: the
  officials' subtrees (`for_official`), the reporter's own (by account, or by code and secret
  remembered in the session: `tracked`), and public items (`public`).
- `complaint_can(user, action, complaint, tracked=...)` — may this person do this to this item
  now? `action` is a `See` (what they may look at) or a workflow `Act`.
- `get_complaint_for_user(user, code, action=..., tracked=...)` — the permission getter every
  item page goes through: 404 when the person may not see the item at all (nothing says that
  it exists), 403 when they see it but the action is not theirs. That an action is theirs but
  not possible in the item's present state is the workflow's answer (`TransitionRefused`),
  told on the page.

The roles come from `accounts.permissions` (memberships of active agencies, `ACTION_ROLES`)
and `complaints.workflow` (the tier each acting role works at, and the reporter's rows of the
same table); the privacy rule is `ComplaintQuerySet.public`.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import Action, is_official, memberships_for
from complaints.models import Attachment, Complaint, EventAction, HolderTier
from complaints.workflow import (
    ACTOR_TIERS,
    TIER_ACTOR,
    Act,
    allowed_acts,
    official_actors,
    reporter_acts,
)
from standards.models import Agency


class See(StrEnum):
    """What a person may look at, beside the workflow's acts."""

    ITEM = "complaint.view"  # the item's page in some form: public, reporter's or officer's
    PUBLIC = "complaint.view_public"  # the public page: anyone, for public items (C3)
    AS_OFFICIAL = "complaint.view_official"  # the officer page, the internal trail
    AS_REPORTER = "complaint.view_reporter"  # the reporter's page, the reporter's own steps
    HOLDS = "complaint.hold"  # acts on it as an official of the tier that holds it
    REPORTER = "complaint.reporter"  # who reported it, and the files they attached (C4)


# Need to know (SPEC C3, C4; 002:Bab IV A.1.e, A.2.b-d): the reporter's identity, what they
# wrote later and the files they attached go to the officials who handle the item now, and to
# nobody else among the officials. "Handle now" is the workflow's own answer
# (`official_actors`, ACTOR_TIERS): the officials of the tier that holds it, and, while an
# Admin UPP of a unit works it, also the OPD's Pejabat Penghubung, who still answers for it
# (002:Bab II 5.c, Bab VII A.1.f: the Penghubung answers the reporter and tells them the
# obstacles) and acts on it at that tier. Earlier tiers, copies, the Kepala, the Pimpinan and
# the operator follow the item without them; an anonim reporter is hidden from every official.


Permission = See | Act

_REPORTER_ACTS = frozenset({Act.SUPPLY_DATA, Act.RATE, Act.REEXAMINE})
_OFFICIAL_SIDE = frozenset({See.AS_OFFICIAL, See.HOLDS})


def _official_sees(user: Any, complaint: Complaint) -> bool:
    """Officials' visibility of one item: one query (none for non-officials)."""
    if not is_official(user):
        return False
    return Complaint.objects.for_official(user).filter(pk=complaint.pk).exists()


def is_reporter(user: Any, complaint: Complaint, tracked: Collection[str] = ()) -> bool:
    """The item's reporter: by account, or by code and secret proven in this session."""
    return complaint.is_reporter(user) or complaint.code in tracked


def complaint_can(
    user: Any, action: Permission, complaint: Complaint, *, tracked: Collection[str] = ()
) -> bool:
    """May `user` (with the tracking codes proven in their session) do `action` to this item?"""
    if action == See.ITEM:
        return (
            is_reporter(user, complaint, tracked)
            or _official_sees(user, complaint)
            or complaint_can(user, See.PUBLIC, complaint)
        )
    if action == See.PUBLIC:
        return Complaint.objects.public().filter(pk=complaint.pk).exists()
    if action == See.AS_OFFICIAL:
        return _official_sees(user, complaint)
    if action == See.AS_REPORTER:
        return is_reporter(user, complaint, tracked)
    if action == See.HOLDS:
        # The holding agency is in the subtree of the membership that acts: it also sees it.
        return bool(official_actors(user, complaint))
    if action == See.REPORTER:
        return is_reporter(user, complaint, tracked) or complaint_can(user, See.HOLDS, complaint)
    if action in _REPORTER_ACTS:
        return is_reporter(user, complaint, tracked) and action in reporter_acts(complaint)
    return action in allowed_acts(user, complaint)


def handling_seats(complaint: Complaint) -> list[tuple[str, Agency]]:
    """The seats (role, agency) that handle the item now, as the page names them: the same
    rule as `See.HOLDS`, from the workflow's ACTOR_TIERS. Needs `opd` and `unit` loaded."""
    tier = complaint.holder_tier
    agency_at = {
        HolderTier.NASIONAL: complaint.nasional,
        HolderTier.INSTANSI: complaint.instansi,
        HolderTier.OPD: complaint.opd,
        HolderTier.UNIT: complaint.unit,
    }
    seats: list[tuple[str, Agency]] = []
    for actor, tiers in ACTOR_TIERS.items():
        if tier not in tiers:
            continue
        # An actor works at the tier named like its role; at a lower tier it acts from its own.
        own = next(t for t, a in TIER_ACTOR.items() if a == actor)
        agency = agency_at[HolderTier(own)]
        if agency is not None:
            seats.append((str(Role(actor.value).label), agency))
    # The holder's own seat first.
    seats.sort(key=lambda seat: seat[1].pk != complaint.holder_agency_id)
    return seats


def allowed_reporter_acts(
    user: Any, complaint: Complaint, *, tracked: Collection[str] = ()
) -> frozenset[Act]:
    """The reporter's acts open to this person now (none for anybody else)."""
    if not is_reporter(user, complaint, tracked):
        return frozenset()
    return reporter_acts(complaint)


def attachment_can_download(
    user: Any, attachment: Attachment, *, tracked: Collection[str] = ()
) -> bool:
    """A reporter's file goes to the reporter and the officials holding the item (C4); an
    official's public file to whoever sees the item; an internal one to officials who see it."""
    complaint = attachment.complaint
    if attachment.by_reporter:
        return complaint_can(user, See.REPORTER, complaint, tracked=tracked)
    if attachment.is_public:
        return complaint_can(user, See.ITEM, complaint, tracked=tracked)
    return complaint_can(user, See.AS_OFFICIAL, complaint)


# The reporter's photos that may appear on the public page of a public item whose reporter
# allowed it at filing: images attached with the submission only (SPEC C3). Documents never;
# files added later (data a reporter supplied: often an ID card) never.
PUBLIC_PHOTO_Q = Q(
    by_reporter=True,
    content_type__startswith="image/",
    event__action=EventAction.SUBMITTED,
    complaint__photos_public=True,
)


def public_photos(complaint: Complaint) -> QuerySet[Attachment]:
    """The photos shown on the public page of `complaint` (which the caller showed publicly)."""
    if not complaint.photos_public:
        return Attachment.objects.none()
    return Attachment.objects.filter(PUBLIC_PHOTO_Q, complaint=complaint).order_by("pk")


def photo_is_public(attachment: Attachment) -> bool:
    """May anyone see this file inline, as a photo of a public item (SPEC C3)?"""
    return Attachment.objects.filter(PUBLIC_PHOTO_Q, pk=attachment.pk).exists() and complaint_can(
        None, See.PUBLIC, attachment.complaint
    )


def may_intake(user: Any) -> bool:
    """May the user record an item that came outside the portal (SPEC C1)?"""
    return bool(memberships_for(user, Action.INTAKE_COMPLAINT))


def _visibility_of(action: Permission) -> See:
    """The seeing an action presupposes: without it the answer is 404, not 403. The reporter's
    pages (receipt, supplying data, rating) exist for the reporter alone."""
    if action == See.AS_REPORTER or action in _REPORTER_ACTS:
        return See.AS_REPORTER
    if action in _OFFICIAL_SIDE or isinstance(action, Act):
        return See.AS_OFFICIAL
    return See.ITEM


def get_complaint_for_user(
    user: Any,
    code: str,
    *,
    action: Permission,
    tracked: Collection[str] = (),
    queryset: QuerySet[Complaint] | None = None,
) -> Complaint:
    """The item behind `code` if `user` may take `action` on it; 404 when they may not see it,
    403 when they see it but the action is not theirs."""
    qs = queryset if queryset is not None else Complaint.objects.all()
    complaint = qs.filter(code=code).first()
    if complaint is None:
        raise Http404
    if not complaint_can(user, _visibility_of(action), complaint, tracked=tracked):
        raise Http404
    if not complaint_can(user, action, complaint, tracked=tracked):
        raise PermissionDenied(_("Anda tidak dapat melakukan tindakan ini pada pengaduan ini."))
    return complaint
