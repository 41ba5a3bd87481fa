"""Reads of complaints, and the permission getters every view goes through (STYLE 4).

Three audiences, three doors:
- officials: `visible_to_official(user)` / `get_complaint_for_official(...)` — items held by,
  routed through or copied to an agency in the subtree of one of their memberships;
- the reporter: by account, or by tracking code + secret remembered in the session;
- the public: public items only (SPEC C3).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest

from accounts.permissions import memberships_of
from complaints.models import Attachment, Complaint, ComplaintQuerySet, Event
from complaints.workflow import official_actors

SESSION_KEY = "tracked_complaints"


def visible_to_official(user: Any) -> ComplaintQuerySet:
    paths = [m.agency.path for m in memberships_of(user)]
    return Complaint.objects.for_agency_paths(paths)


def get_complaint_for_official(user: Any, code: str, *, write: bool = False) -> Complaint:
    """404 when the official may not see the item; 403 when they may see but not act."""
    complaint = (
        visible_to_official(user)
        .select_related(
            "holder_agency", "agency", "service", "category", "instansi", "opd", "unit", "nasional"
        )
        .filter(code=code)
        .first()
    )
    if complaint is None:
        raise Http404
    if write and not official_actors(user, complaint):
        raise PermissionDenied
    return complaint


def remember_tracking(request: HttpRequest, complaint: Complaint) -> None:
    """After a correct code + secret, the browser session may follow the item."""
    codes = list(request.session.get(SESSION_KEY, []))
    if complaint.code not in codes:
        codes = [*codes[-19:], complaint.code]
        request.session[SESSION_KEY] = codes
        request.session.cycle_key()


def is_reporter_request(request: HttpRequest, complaint: Complaint) -> bool:
    """Is the person behind this request the item's reporter (account or tracked session)?"""
    if complaint.is_reporter(request.user):
        return True
    return complaint.code in request.session.get(SESSION_KEY, [])


def get_complaint_for_reporter(request: HttpRequest, code: str) -> Complaint:
    complaint = (
        Complaint.objects.select_related("agency", "service", "holder_agency", "opd", "category")
        .filter(code=code)
        .first()
    )
    if complaint is None or not is_reporter_request(request, complaint):
        raise Http404
    return complaint


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

    `audience` is "official" (everything), "reporter" (public events, their own files and
    officials' public files) or "public" (public events and officials' public files only).
    Actors' personal names appear on officer pages only (SPEC C14; UX.md).
    """
    if audience not in ("official", "reporter", "public"):
        raise ValueError(audience)
    events = Event.objects.filter(complaint=complaint).select_related(
        "actor", "actor_agency", "target_agency"
    )
    attachments = Attachment.objects.order_by("pk")
    if audience != "official":
        events = events.public()
        visible = Q(is_public=True)
        if audience == "reporter":
            visible |= Q(by_reporter=True)
        attachments = attachments.filter(visible)
    return list(events.prefetch_related(Prefetch("attachments", queryset=attachments)))
