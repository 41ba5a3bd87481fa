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

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import memberships_of
from complaints import keyset, tally
from complaints.calendar import WorkingCalendar, calendar_for, deadline_at
from complaints.filters import OfficerComplaintFilter
from complaints.models import (
    Attachment,
    Category,
    Complaint,
    ComplaintQuerySet,
    Event,
    Kind,
    TallyDimension,
    due_soon_q,
    late_q,
    new_q,
    tracking_code_in,
)
from complaints.permissions import See, get_complaint_for_user, is_reporter
from complaints.workflow import ACTOR_TIERS, Actor
from standards.models import Agency

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
            "agency", "service", "holder_agency", "opd", "category", "reporter", "information"
        ),
    )


def get_public_complaint(code: str) -> Complaint:
    complaint = (
        Complaint.objects.public()
        .select_related("agency", "service", "holder_agency", "opd", "category", "information")
        .filter(code=code)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


class Audience(StrEnum):
    """Who reads a timeline (selectors.timeline)."""

    OFFICIAL = "official"  # officials holding the item: everything
    # Officials who only follow it (kepala, pimpinan, operator, copies, earlier tiers):
    # everything except what the reporter wrote or attached (need to know, C4).
    FOLLOWER = "follower"
    REPORTER = "reporter"  # public events, their own files and officials' public files
    PUBLIC = "public"  # officials' public events and public files only


def timeline(complaint: Complaint, *, audience: Audience | str) -> list[Event]:
    """The item's events, oldest first, with their actors' agencies and attachments, as
    `audience` may read them. Actors' personal names appear on officer pages only (SPEC C14;
    UX.md)."""
    audience = Audience(audience)  # ValueError for anything else
    events = Event.objects.filter(complaint=complaint).select_related(
        "actor", "actor_agency", "target_agency"
    )
    attachments = Attachment.objects.order_by("pk")
    if audience in (Audience.FOLLOWER, Audience.PUBLIC):
        # What the reporter wrote later (supplied data, rating comments, reasons for a
        # re-examination) can identify them.
        events = events.exclude(by_reporter=True)
    if audience == Audience.FOLLOWER:
        attachments = attachments.filter(by_reporter=False)
    elif audience != Audience.OFFICIAL:
        events = events.public()
        visible = Q(is_public=True)
        if audience == Audience.REPORTER:
            visible |= Q(by_reporter=True)
        attachments = attachments.filter(visible)
    return list(events.prefetch_related(Prefetch("attachments", queryset=attachments)))


# Choices of the filter bars: loaded once per page, only the columns shown (STYLE 13).


def opd_choices() -> list[tuple[int, str]]:
    """Active OPDs as (pk, name), for the public list's OPD filter."""
    return list(Agency.objects.active().opds().order_by("name").values_list("pk", "name"))


# ---------------------------------------------------------------------------------------------
# The public list and statistics (SPEC C3, C15)

PUBLIC_PAGE_SIZE = 20
PUBLIC_COUNT_CAP = 1000


def public_list(*, q: str = "", opd: int | None = None, kind: str = "") -> ComplaintQuerySet:
    """Public items, newest first (the order of the index complaint_public_recent). A query
    that is a tracking code finds that item alone."""
    items = Complaint.objects.public().select_related("holder_agency", "agency")
    code = tracking_code_in(q)
    if code:
        items = items.filter(code=code)
    elif q.strip():
        items = items.search(q)
    if opd is not None:
        items = items.filter(Q(opd_id=opd) | Q(agency_id=opd))
    if kind:
        items = items.filter(kind=kind)
    return items.order_by("-received_at", "-pk")


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)


@dataclass(frozen=True)
class Cursor:
    """A place in the list (received_at, pk): the next page starts after it, so deep pages
    cost what the first costs (no OFFSET)."""

    received_at: datetime
    pk: int

    def __str__(self) -> str:
        return f"{(self.received_at - _EPOCH) // _MICRO}.{self.pk}"

    @classmethod
    def of(cls, complaint: Complaint) -> Cursor:
        return cls(complaint.received_at, complaint.pk)

    @classmethod
    def parse(cls, value: str) -> Cursor | None:
        """None for anything that is not a cursor this list wrote."""
        match = re.fullmatch(r"(-?\d{1,17})\.(\d{1,18})", value or "")
        if not match:
            return None
        try:
            return cls(_EPOCH + int(match[1]) * _MICRO, int(match[2]))
        except OverflowError:
            return None

    # The bound on received_at alone lets the index complaint_public_recent seek to the
    # cursor; the OR only settles ties within one instant.
    def older(self) -> Q:
        at = self.received_at
        return Q(received_at__lte=at) & (Q(received_at__lt=at) | Q(pk__lt=self.pk))

    def newer(self) -> Q:
        at = self.received_at
        return Q(received_at__gte=at) & (Q(received_at__gt=at) | Q(pk__gt=self.pk))


@dataclass(frozen=True)
class PublicListPage:
    object_list: list[Complaint]
    count: int  # up to PUBLIC_COUNT_CAP + 1 (see `capped`)
    next_cursor: str
    previous_cursor: str
    is_first: bool

    @property
    def capped(self) -> bool:
        return self.count > PUBLIC_COUNT_CAP

    @property
    def cap(self) -> int:
        return PUBLIC_COUNT_CAP


def public_list_page(
    items: ComplaintQuerySet, *, after: str = "", before: str = ""
) -> PublicListPage:
    """One page of `items` (public_list's order): after the cursor `after`, or the page that
    ends just before `before`, or the first page. Two queries, whatever the page."""
    size = PUBLIC_PAGE_SIZE
    # Counted up to a bound ("more than 1.000"): never the whole province's list per request.
    count = items.order_by()[: PUBLIC_COUNT_CAP + 1].count()
    back = Cursor.parse(before)
    forward = None if back else Cursor.parse(after)
    if back is not None:
        rows = list(items.filter(back.newer()).order_by("received_at", "pk")[: size + 1])
        has_previous, has_next = len(rows) > size, True
        rows = rows[:size][::-1]
    else:
        if forward is not None:
            items = items.filter(forward.older())
        rows = list(items[: size + 1])
        has_previous, has_next = forward is not None, len(rows) > size
        rows = rows[:size]
    return PublicListPage(
        object_list=rows,
        count=count,
        next_cursor=str(Cursor.of(rows[-1])) if rows and has_next else "",
        previous_cursor=str(Cursor.of(rows[0])) if rows and has_previous else "",
        is_first=not has_previous,
    )


COUNT_KEYS = ("received", "unanswered", "unresolved", "late", "avg")
MONTHS_IN_CHART = 36


@dataclass(frozen=True)
class Period:
    """Items received from `start` to `end` (dates in the pemda's zone, both included)."""

    start: date | None = None
    end: date | None = None

    def q(self) -> Q:
        zone = timezone.get_default_timezone()
        condition = Q()
        if self.start:
            condition &= Q(received_at__gte=datetime.combine(self.start, time.min, zone))
        if self.end:
            after = datetime.combine(self.end + timedelta(days=1), time.min, zone)
            condition &= Q(received_at__lt=after)
        return condition


@dataclass(frozen=True)
class PublicStatistics:
    overall: dict[str, int]
    overall_avg: float | None
    opd_rows: list[dict[str, Any]]
    by_kind: list[dict[str, Any]]
    by_category: list[dict[str, Any]]
    by_month: list[dict[str, Any]]


def _month_starts(first: date, last: date) -> list[date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def _month_after(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _whole_months(period: Period) -> tuple[date | None, date | None, list[Period]] | None:
    """The first and last whole months of the period (None: open), and the days before and
    after them; None when the period holds no whole month."""
    start, end = period.start, period.end
    first = start if start is None or start.day == 1 else _month_after(start)
    last = None
    if end is not None:
        last = end.replace(day=1)
        if _month_after(end) - timedelta(days=1) != end:  # `end` is not the month's last day
            last = (last - timedelta(days=1)).replace(day=1)
    if first and last and first > last:
        return None
    edges = []
    if start and first != start:
        edges.append(Period(start, first - timedelta(days=1)))
    if end and last and _month_after(last) <= end:
        edges.append(Period(_month_after(last), end))
    return first, last, edges


def _figures(period: Period, dimension: str, group: tuple[str, ...]) -> list[dict[str, Any]]:
    """The period's figures in one dimension (complaints.tally): its whole months from the
    tally the database keeps, the days before its first and after its last whole month
    counted from the items. On SQLite everything is counted from the items."""
    months = _whole_months(period) if tally.kept() else None
    if months is None:
        items = Complaint.objects.filter(period.q())
        return tally.live_counts(items, dimension, group=group)
    first, last, edges = months
    parts = [tally.counts(dimension, group=group, months=(first, last))]
    for edge in edges:
        items = Complaint.objects.filter(edge.q())
        parts.append(tally.live_counts(items, dimension, group=group))
    return tally.merged(*parts, group=group) if edges else parts[0]


def _with_avg(row: dict[str, Any], *keep: str) -> dict[str, Any]:
    """A row of the page: the four counts, the average time to follow up and `keep`."""
    return {k: row[k] for k in (*COUNT_KEYS[:-1], *keep)} | {"avg": tally.average(row)}


def public_statistics(period: Period | None = None) -> PublicStatistics:
    """SPEC C15: received, not yet responded, not yet resolved, late, average time to follow
    up, per OPD; counts by kind, category and month of receipt. Every item counts, whatever
    its privacy. Read from the tally the database keeps (complaints.tally): six queries
    (more for a period that starts or ends inside a month), whatever the data."""
    period = period or Period()
    empty = dict.fromkeys(COUNT_KEYS, 0) | {"avg": None}
    month_rows = [r for r in _figures(period, TallyDimension.ALL, ("month",)) if r["received"]]
    monthly = {row["month"]: _with_avg(row, "month") for row in month_rows}
    overall_row = tally.merged(month_rows)
    overall = {k: (overall_row[0][k] if overall_row else 0) for k in COUNT_KEYS[:-1]}
    overall_avg = tally.average(overall_row[0]) if overall_row else None
    per_opd = {
        row["opd"]: _with_avg(row, "opd")
        for row in _figures(period, TallyDimension.ALL, ("opd",))
        if row["received"]
    }
    opd_rows = [
        {"name": name, **(per_opd.pop(pk, None) or empty)}
        for pk, name in Agency.objects.active().opds().order_by("name").values_list("pk", "name")
    ]
    # Items not (yet) disposed to an OPD, in one line.
    unrouted = per_opd.pop(None, None)
    if unrouted:
        opd_rows.append({"name": _("Belum didisposisikan ke OPD"), **unrouted})
    kind_labels = dict(Kind.choices)
    by_kind = sorted(
        (
            {
                "label": kind_labels.get(row["value"], row["value"]),
                "kind": row["value"],
                "n": row["received"],
                **_with_avg(row),
            }
            for row in _figures(period, TallyDimension.KIND, ("value",))
            if row["received"]
        ),
        key=lambda r: r["kind"],
    )
    category_rows = [
        r for r in _figures(period, TallyDimension.CATEGORY, ("value",)) if r["received"]
    ]
    # Every category's name (a short table), in one query whatever the rows.
    names = dict(Category.objects.values_list("pk", "name"))
    by_category = sorted(
        (
            {
                "category__name": names.get(int(row["value"])) if row["value"] else None,
                "n": row["received"],
                **_with_avg(row),
            }
            for row in category_rows
        ),
        # By name, items without a category last (as PostgreSQL sorts NULL).
        key=lambda r: (r["category__name"] is None, r["category__name"] or ""),
    )
    by_month: list[dict[str, Any]] = []
    if monthly:
        start = period.start or min(monthly)
        end = period.end or max(monthly)
        for month in _month_starts(start, end):
            row = {**(monthly.get(month) or empty), "month": month}
            by_month.append({**row, "n": row["received"]})
    return PublicStatistics(overall, overall_avg, opd_rows, by_kind, by_category, by_month)


# ---------------------------------------------------------------------------------------------
# Inbox reads (the officials' desk).

DUE_SOON_DAYS = 5
INBOX_PAGE_SIZE = 25
TAB_WAITING, TAB_ALL = "menunggu", "semua"


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
    return Complaint.objects.filter(reduce(or_, conditions)).unfinished()


def due_soon_cutoff(user: Any, now: datetime) -> datetime:
    """End of the fifth working day from today, on the calendar of the user's first agency."""
    memberships = memberships_of(user)
    agency = memberships[0].agency if memberships else None
    return deadline_at(now, DUE_SOON_DAYS, agency=agency)


def summary_counts(qs: ComplaintQuerySet, *, now: datetime, soon: datetime) -> dict[str, int]:
    """Overdue, due within five working days, and new items of `qs`, in one query."""
    return qs.with_current_due().aggregate(
        overdue=Count("pk", filter=late_q(now)),
        due_soon=Count("pk", filter=due_soon_q(now, soon)),
        new=Count("pk", filter=new_q()),
    )


def time_left(
    complaint: Complaint, now: datetime, calendars: dict[int, WorkingCalendar]
) -> dict[str, Any] | None:
    """The current deadline and the working days left to it (negative: late). `calendars`
    holds one calendar per instansi for the whole page, so rows cost no cache reads."""
    due = complaint.current_due_at
    if due is None:
        return None
    root = complaint.holder_agency.ancestor_ids[0]
    if root not in calendars:
        calendars[root] = calendar_for(complaint.holder_agency)
    days = calendars[root].days_left(now, due)
    return {"due": due, "days": days, "overdue": days < 0, "soon": 0 <= days <= DUE_SOON_DAYS}


# The inbox's orders (the `urut` parameter; "" the default: nearest deadline first). Items
# without a running deadline come last in either direction of "batas".
DUE, RECEIVED, ID = "current_due", "received_at", "pk"
INBOX_ORDERS: dict[str, tuple[keyset.Key, ...]] = {
    "": (keyset.Key(DUE, nullable=True), keyset.Key(RECEIVED, descending=True),
         keyset.Key(ID, is_time=False)),
    "batas": (keyset.Key(DUE, nullable=True), keyset.Key(RECEIVED, descending=True),
              keyset.Key(ID, is_time=False)),
    "-batas": (keyset.Key(DUE, descending=True, nullable=True),
               keyset.Key(RECEIVED, descending=True), keyset.Key(ID, is_time=False)),
    "diterima": (keyset.Key(RECEIVED), keyset.Key(ID, is_time=False)),
    "-diterima": (keyset.Key(RECEIVED, descending=True),
                  keyset.Key(ID, descending=True, is_time=False)),
}  # fmt: skip
# The count above the rows stops here ("1.000+"): counting a big OPD's whole history on
# every request would cost more than the page.
INBOX_COUNT_CAP = 1000


@dataclass(frozen=True)
class InboxPage:
    tab: str
    counts: dict[str, int]
    filterset: Any
    page: keyset.KeysetPage
    rows: list[dict[str, Any]]
    total: int
    total_capped: bool
    cap: int


def inbox_page(user: Any, params: QueryDict, *, now: datetime) -> InboxPage:
    """/dasbor/: the tab asked for, its summary counts (open items: late, due soon, new), the
    filtered page (25 rows, nearest deadline first unless another order is asked; keyset
    pages) and each row's time left. A fixed number of queries on any page."""
    soon = due_soon_cutoff(user, now)
    tab = TAB_ALL if params.get("tab") == TAB_ALL else TAB_WAITING
    base = waiting_for_official(user) if tab == TAB_WAITING else visible_to_official(user)
    counts = summary_counts(base.unfinished(), now=now, soon=soon)
    sort = params.get("urut", "")
    keys = INBOX_ORDERS.get(sort if isinstance(sort, str) else "", INBOX_ORDERS[""])
    filterset = OfficerComplaintFilter(
        params or None,
        queryset=base.with_current_due().select_related("holder_agency"),
        now=now,
        soon=soon,
    )
    items = filterset.qs
    total = items.order_by()[: INBOX_COUNT_CAP + 1].count()
    page = keyset.page(
        items,
        keys,
        size=INBOX_PAGE_SIZE,
        after=params.get("setelah", ""),
        before=params.get("sebelum", ""),
    )
    calendars: dict[int, WorkingCalendar] = {}
    rows = [{"complaint": c, "time_left": time_left(c, now, calendars)} for c in page.rows]
    return InboxPage(
        tab=tab,
        counts=counts,
        filterset=filterset,
        page=page,
        rows=rows,
        total=min(total, INBOX_COUNT_CAP),
        total_capped=total > INBOX_COUNT_CAP,
        cap=INBOX_COUNT_CAP,
    )
