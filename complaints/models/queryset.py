"""What the items are asked (SPEC C3-C12): the one SQL of "the current deadline", "late",
"due soon", "new", "public" and "breached", the public search's words, and ComplaintQuerySet,
the door every read of items goes through (models.complaint holds the item itself)."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from functools import reduce
from operator import and_
from typing import Any

from django.apps import apps
from django.contrib.postgres.search import CombinedSearchVector, SearchQuery, SearchVector
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Coalesce

from accounts.permissions import memberships_of
from complaints.models.choices import (
    FINAL_STATUSES,
    AlertKind,
    DeadlineKind,
    Privacy,
    Status,
)
from standards.models import Agency

# "The current deadline": the deadline an item runs on now, first of these that is set. The
# one definition behind `Complaint.current_deadline`, the `current_due` annotation, "late",
# "due soon", the inbox order and its index (SPEC C5, C7, C8).
CURRENT_DEADLINES: tuple[tuple[str, str], ...] = (
    ("data", "data_due_at"),
    ("verification", "verification_due_at"),
    ("resolution", "resolution_due_at"),
)
# After the final response the reporter's window to rate it runs (shown to the reporter only).
CLOSURE_DEADLINE = ("closure", "closure_due_at")
NEW_STATUSES = (Status.DITERIMA, Status.DIDISPOSISIKAN)


def current_due() -> Coalesce:
    """SQL of the current deadline: `Complaint.objects.with_current_due()` annotates it."""
    return Coalesce(*(field for _kind, field in CURRENT_DEADLINES))


def late_q(now: datetime) -> Q:
    """Late now: the current deadline has passed (needs the `current_due` annotation)."""
    return Q(current_due__lt=now)


def due_soon_q(now: datetime, soon: datetime) -> Q:
    """Not late yet, but due by `soon` (needs the `current_due` annotation)."""
    return Q(current_due__gte=now, current_due__lte=soon)


def public_q() -> Q:
    """Published: verified at an admin tier or accepted by the Penghubung (`published_at`),
    public, not declined (SPEC C3)."""
    return Q(privacy=Privacy.PUBLIK, published_at__isnull=False) & ~Q(status=Status.DITOLAK)


def new_q() -> Q:
    """New at the holder's desk: just arrived, or a re-examination the reporter asked for
    that nobody has acted on yet."""
    return Q(status__in=NEW_STATUSES) | Q(reexamination_pending=True)


def breach_recorded(*, current: bool = False) -> models.Exists:
    """Late on record: the SLA sweep stored a breach of one of the item's deadlines (C8, C9).

    By default any recorded breach counts, also of a deadline since replaced (statistics).
    With `current=True` only a breach of the resolution or verification deadline the item
    runs on now counts.
    """
    # DeadlineAlert (models.handling) refers to Complaint: looked up by name, not imported.
    alerts = apps.get_model("complaints", "DeadlineAlert").objects.filter(
        complaint=models.OuterRef("pk"), kind=AlertKind.BREACH
    )
    if current:
        alerts = alerts.filter(
            Q(
                deadline_kind=DeadlineKind.RESOLUTION,
                due_at=models.OuterRef("resolution_due_at"),
            )
            | Q(
                deadline_kind=DeadlineKind.VERIFICATION,
                due_at=models.OuterRef("verification_due_at"),
            )
        )
    return models.Exists(alerts)


# PostgreSQL's Snowball stemmer for Indonesian ("pelayanan" also finds "layanan"), and the
# words as written (so that the beginning of a word, "berlub", finds "berlubang").
SEARCH_CONFIG = "indonesian"
SEARCH_CONFIG_PREFIX = "simple"
SEARCH_MAX_WORDS = 8


def search_vector() -> CombinedSearchVector:
    """The words of an item the public search reads, stemmed and as written; the GIN index
    complaint_search is built on this very expression, so a search is an index lookup."""
    return SearchVector("title", "description", config=SEARCH_CONFIG) + SearchVector(
        "title", "description", config=SEARCH_CONFIG_PREFIX
    )


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    """Reads shared by models, views, filters and statistics: "late", "current deadline".

    Two meanings of late, both here: `late(now)` (the current deadline has passed, what an
    inbox shows) and `breached()` (a breach the SLA sweep recorded, what statistics count).
    """

    def public(self) -> ComplaintQuerySet:
        """What anyone may see listed: public items that an official has verified and whose
        privacy was confirmed at that verification (SPEC C3; 002:Bab VI B.1.a.5), never a
        declined one. The predicate of the index complaint_public_recent."""
        return self.filter(public_q())

    def search(self, text: str) -> ComplaintQuerySet:
        """Items with every word of `text` in their title or description: the word itself
        (stemmed), or a word that begins with it. PostgreSQL answers from the GIN index
        complaint_search; SQLite (`make run`) scans, which is fine at its size."""
        words = re.findall(r"\w+", text)[:SEARCH_MAX_WORDS]
        if not words:
            return self
        if connections[self.db].vendor == "postgresql":
            query = reduce(
                and_,
                (
                    SearchQuery(word, config=SEARCH_CONFIG, search_type="plain")
                    | SearchQuery(f"{word}:*", config=SEARCH_CONFIG_PREFIX, search_type="raw")
                    for word in words
                ),
            )
            return self.alias(search=search_vector()).filter(search=query)
        items = self
        for word in words:
            items = items.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return items

    def for_agency_paths(self, paths: list[str]) -> ComplaintQuerySet:
        """Items held by, routed through, or copied to any agency in these subtrees."""
        if not paths:
            return self.none()
        in_subtrees = Q()
        for p in paths:
            in_subtrees |= Q(path__startswith=p)
        # Copy (models.handling) refers to Complaint: reached through the relation.
        copies = self.model.copies.rel.related_model.objects
        # One subquery of agency ids, then plain indexed foreign-key lookups: no joins.
        agencies = Agency.objects.filter(in_subtrees).values("pk")
        return self.filter(
            Q(holder_agency__in=agencies)
            | Q(nasional__in=agencies)
            | Q(instansi__in=agencies)
            | Q(opd__in=agencies)
            | Q(unit__in=agencies)
            | Q(pk__in=copies.filter(agency__in=agencies).values("complaint_id"))
        )

    def for_official(self, user: Any) -> ComplaintQuerySet:
        """What an official sees (SPEC A2): items held by, routed through or copied to an
        agency in the subtree of one of their memberships (of active agencies only)."""
        return self.for_agency_paths([m.agency.path for m in memberships_of(user)])

    def visible_to(self, user: Any, *, tracked: Collection[str] = ()) -> ComplaintQuerySet:
        """Every item this person may open: an official's, their own as reporter (by account
        or by the codes proven in their session), and public items (complaints.permissions)."""
        mine = Q(pk__in=self.model.objects.for_official(user).values("pk"))
        if getattr(user, "is_authenticated", False):
            mine |= Q(reporter=user)
        if tracked:
            mine |= Q(code__in=list(tracked))
        mine |= Q(pk__in=self.model.objects.public().values("pk"))
        return self.filter(mine)

    def of_reporter(self, user: Any) -> ComplaintQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(reporter=user)

    def breached(self, *, current: bool = False) -> ComplaintQuerySet:
        """Items the SLA sweep recorded as past a deadline (SPEC C8, C9, C15); see
        `breach_recorded`."""
        return self.filter(breach_recorded(current=current))

    def with_current_due(self) -> ComplaintQuerySet:
        """Annotate `current_due`, the current deadline (see CURRENT_DEADLINES)."""
        if "current_due" in self.query.annotations:
            return self
        return self.annotate(current_due=current_due())

    def late(self, now: datetime) -> ComplaintQuerySet:
        """Items whose current deadline has passed (SPEC C8): the inbox's "terlambat"."""
        return self.with_current_due().filter(late_q(now))

    def not_late(self, now: datetime) -> ComplaintQuerySet:
        """The complement of `late`: on time, or without a running deadline."""
        return self.with_current_due().filter(~late_q(now) | Q(current_due__isnull=True))

    def due_soon(self, now: datetime, soon: datetime) -> ComplaintQuerySet:
        return self.with_current_due().filter(due_soon_q(now, soon))

    def unfinished(self) -> ComplaintQuerySet:
        # Sorted, so that the SQL is the predicate of the index complaint_inbox_due.
        return self.exclude(status__in=sorted(FINAL_STATUSES))
