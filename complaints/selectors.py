"""Reads of complaints, and the permission getters every view goes through (STYLE 4).

Who may see and do what is answered by `complaints.permissions` alone (the door); the
getters here load an item for a page through it, with what the page needs joined in:
- officials: `get_complaint_for_official(...)` (and `visible_to_official(user)` for lists) —
  items held by, routed through or copied to an agency in the subtree of one of their
  memberships;
- the reporter: `get_complaint_for_reporter(request, code)`, by account or by tracking code +
  secret remembered in the session (`tracked_codes`);
- the public: public items only (SPEC C3).
"""

from __future__ import annotations

from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest

from accounts.permissions import memberships_of
from complaints.calendar import deadline_at
from complaints.models import (
    FINAL_STATUSES,
    Attachment,
    Complaint,
    ComplaintQuerySet,
    Event,
    Status,
)
from complaints.permissions import See, get_complaint_for_user, is_reporter
from complaints.workflow import ACTOR_TIERS, Actor

SESSION_KEY = "tracked_complaints"


def visible_to_official(user: Any) -> ComplaintQuerySet:
    """Items an official sees (the door: `Complaint.objects.for_official`)."""
    return Complaint.objects.for_official(user)


OFFICER_RELATED = (
    "holder_agency", "agency", "service", "category", "instansi", "opd", "unit", "nasional"
)  # fmt: skip


def get_complaint_for_official(user: Any, code: str, *, write: bool = False) -> Complaint:
    """404 when the official may not see the item; 403 when they may see but not act."""
    return get_complaint_for_user(
        user,
        code,
        action=See.HOLDS if write else See.AS_OFFICIAL,
        queryset=Complaint.objects.select_related(*OFFICER_RELATED),
    )


def tracked_codes(request: HttpRequest) -> list[str]:
    """Codes whose secret this browser session has proven (the reporter without an account)."""
    return list(request.session.get(SESSION_KEY, []))


def remember_tracking(request: HttpRequest, complaint: Complaint) -> None:
    """After a correct code + secret, the browser session may follow the item."""
    codes = list(request.session.get(SESSION_KEY, []))
    if complaint.code not in codes:
        codes = [*codes[-19:], complaint.code]
        request.session[SESSION_KEY] = codes
        request.session.cycle_key()


def is_reporter_request(request: HttpRequest, complaint: Complaint) -> bool:
    """Is the person behind this request the item's reporter (account or tracked session)?"""
    return is_reporter(request.user, complaint, tracked_codes(request))


def get_complaint_for_reporter(request: HttpRequest, code: str) -> Complaint:
    """The reporter's own item; 404 for anybody else (the reporter's pages are theirs alone)."""
    return get_complaint_for_user(
        request.user,
        code,
        action=See.AS_REPORTER,
        tracked=tracked_codes(request),
        queryset=Complaint.objects.select_related(
            "agency", "service", "holder_agency", "opd", "category", "reporter"
        ),
    )


def get_public_complaint(code: str) -> Complaint:
    complaint = (
        Complaint.objects.public()
        .select_related("agency", "service", "holder_agency", "opd", "category")
        .filter(code=code)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def timeline(complaint: Complaint, *, audience: str) -> list[Event]:
    """The item's events, oldest first, with their actors' agencies and attachments.

    `audience` is one of:
    - "official": officials holding the item — everything;
    - "follower": officials who only follow it (kepala, pimpinan, operator, copies, earlier
      tiers) — everything except what the reporter wrote or attached (need to know, C4);
    - "reporter": public events, their own files and officials' public files;
    - "public": officials' public events and public files only.
    Actors' personal names appear on officer pages only (SPEC C14; UX.md).
    """
    if audience not in ("official", "follower", "reporter", "public"):
        raise ValueError(audience)
    events = Event.objects.filter(complaint=complaint).select_related(
        "actor", "actor_agency", "target_agency"
    )
    attachments = Attachment.objects.order_by("pk")
    if audience in ("follower", "public"):
        # What the reporter wrote later (supplied data, rating comments, reasons for a
        # re-examination) can identify them.
        events = events.exclude(by_reporter=True)
    if audience == "follower":
        attachments = attachments.filter(by_reporter=False)
    elif audience != "official":
        events = events.public()
        visible = Q(is_public=True)
        if audience == "reporter":
            visible |= Q(by_reporter=True)
        attachments = attachments.filter(visible)
    return list(events.prefetch_related(Prefetch("attachments", queryset=attachments)))


# Inbox reads (the officials' desk).

NEW_STATUSES = (Status.DITERIMA, Status.DIDISPOSISIKAN)
DUE_SOON_DAYS = 5


def with_current_due(qs: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """Annotate `current_due`: the deadline that matters now, in the order of
    `deadlines.current_deadline` (data, then verification, then resolution)."""
    return qs.annotate(
        current_due=Coalesce("data_due_at", "verification_due_at", "resolution_due_at")
    )


def waiting_for_official(user: Any) -> ComplaintQuerySet:
    """Open items the user may act on now: held in the subtree of an acting membership, at
    that role's tier (the rows where `workflow.official_actors` is non-empty)."""
    conditions = []
    for m in memberships_of(user):
        try:
            actor = Actor(m.role)
        except ValueError:
            continue  # kepala, pimpinan and operator follow items but do not act on them
        if actor not in ACTOR_TIERS:
            continue
        conditions.append(
            Q(holder_agency__path__startswith=m.agency.path, holder_agency__is_active=True)
            & Q(holder_tier__in=ACTOR_TIERS[actor])
        )
    if not conditions:
        return Complaint.objects.none()
    return Complaint.objects.filter(reduce(or_, conditions)).exclude(status__in=FINAL_STATUSES)


def due_soon_cutoff(user: Any, now: datetime) -> datetime:
    """End of the fifth working day from today, on the calendar of the user's first agency."""
    memberships = memberships_of(user)
    agency = memberships[0].agency if memberships else None
    return deadline_at(now, DUE_SOON_DAYS, agency=agency)


def summary_counts(qs: QuerySet[Complaint], *, now: datetime, soon: datetime) -> dict[str, int]:
    """Overdue, due within five working days, and new items of `qs`, in one query."""
    return with_current_due(qs).aggregate(
        overdue=Count("pk", filter=Q(current_due__lt=now)),
        due_soon=Count("pk", filter=Q(current_due__gte=now, current_due__lte=soon)),
        new=Count("pk", filter=Q(status__in=NEW_STATUSES)),
    )
