"""The working-day calendar behind every complaint deadline (SPEC C5, C7, C8, C9, C10, C11).

A working day is a Monday to Friday that is neither a national holiday nor cuti bersama (the
`holidays` package, categories "public" and "government") and that no operator has taken out
(standards.CalendarDay). A CalendarDay row can also make a day the package lists as a holiday
a working day again. Rows without agency apply everywhere; rows on an instansi apply to its
whole subtree and win over a national row for the same date.

The package's holidays are computed once per year and process; the CalendarDay rows are
cached in Django's cache (shared by every process) under a version that changes whenever a
row is saved or deleted. A call reads the cache once, and the database only when the cached
copy is missing or out of date.
"""

from __future__ import annotations

import logging
import uuid
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from redis.exceptions import RedisError

from standards.models import Agency, CalendarDay

logger = logging.getLogger(__name__)

# A cached copy is also dropped after this long, whatever the version says.
OVERRIDES_TIMEOUT = 6 * 60 * 60
_WEEKEND = (5, 6)


@lru_cache(maxsize=64)
def package_holidays(year: int) -> frozenset[date]:
    """The days off the `holidays` package lists for `year`: national holidays and cuti
    bersama, including estimated ("perkiraan") Islamic dates."""
    return frozenset(holidays.Indonesia(years=year, categories=CalendarDay.PACKAGE_CATEGORIES))


@lru_cache(maxsize=64)
def _package_weekday_holidays(year: int) -> tuple[date, ...]:
    """The package's holidays of `year` that fall on Monday to Friday, sorted."""
    return tuple(sorted(d for d in package_holidays(year) if d.weekday() not in _WEEKEND))


def _is_package_working_day(day: date) -> bool:
    return day.weekday() not in _WEEKEND and day not in package_holidays(day.year)


def _weekdays_through(day: date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) through `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def _root_id(agency: Agency | None) -> int | None:
    if agency is None:
        return None
    ancestors = agency.ancestor_ids
    return ancestors[0] if ancestors else agency.pk


def _load_overrides(root_id: int | None) -> dict[date, bool]:
    """Date -> is working day, from the national rows and the instansi's rows (these win)."""
    scope = Q(agency__isnull=True)
    if root_id is not None:
        scope |= Q(agency_id=root_id)
    rows = list(
        CalendarDay.objects.filter(scope).values_list("date", "agency_id", "is_working_day")
    )
    national = {d: working for d, agency_id, working in rows if agency_id is None}
    local = {d: working for d, agency_id, working in rows if agency_id is not None}
    return {**national, **local}


def _overrides(root_id: int | None) -> dict[date, bool]:
    """The CalendarDay rows for one instansi (or national only): one cache round trip when
    the cached copy is current, one query more when it is not."""
    try:
        return _cached_overrides(root_id)
    except (RedisError, OSError):  # the cache server is down: read the database, never refuse
        logger.warning("Cache unavailable; calendar overrides read from the database")
        return _load_overrides(root_id)


def _cached_overrides(root_id: int | None) -> dict[date, bool]:
    version_key = CalendarDay.CACHE_VERSION_KEY
    data_key = f"complaints:calendar:overrides:{root_id or 'nasional'}"
    found = cache.get_many([version_key, data_key])
    version = found.get(version_key)
    cached = found.get(data_key)
    if version is not None and cached is not None and cached[0] == version:
        return cached[1]
    if version is None:
        # First use, or evicted: start a new version; another process may have just done so.
        cache.add(version_key, uuid.uuid4().hex, timeout=None)
        version = cache.get(version_key)
    overrides = _load_overrides(root_id)
    cache.set(data_key, (version, overrides), timeout=OVERRIDES_TIMEOUT)
    return overrides


@dataclass(frozen=True)
class WorkingCalendar:
    """One instansi's working days, loaded once (one cache read): pages that count many
    deadlines of the same instansi take one of these instead of a read per row."""

    overrides: dict[date, bool]

    def is_working_day(self, day: date) -> bool:
        working = self.overrides.get(day)
        return _is_package_working_day(day) if working is None else working

    def count(self, start: date, end: date) -> int:
        """Working days d with start < d <= end, for start <= end, without walking."""
        total = _weekdays_through(end) - _weekdays_through(start)
        for year in range(start.year, end.year + 1):
            listed = _package_weekday_holidays(year)
            total -= bisect_right(listed, end) - bisect_right(listed, start)
        for day, working in self.overrides.items():
            if start < day <= end and working != _is_package_working_day(day):
                total += 1 if working else -1
        return total

    def days_left(self, now: datetime, deadline: datetime) -> int:
        """See `working_days_left`."""
        today, due = _local_date(now), _local_date(deadline)
        if now <= deadline:
            return self.count(today, due) if due > today else 0
        return -max(1, self.count(due, today) if today > due else 0)

    def add(self, start: date, days: int) -> date:
        current, remaining = start, days
        while remaining > 0:
            if remaining > 5:
                # Jump whole weeks (5 weekdays each) while that cannot overshoot; holidays in
                # the jumped span leave more to go and the next round continues from there.
                jump = current + timedelta(weeks=remaining // 5)
                counted = self.count(current, jump)
                if counted < remaining:
                    current, remaining = jump, remaining - counted
                    continue
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current


def calendar_for(agency: Agency | None) -> WorkingCalendar:
    """The calendar of `agency`'s instansi (national only when None)."""
    return WorkingCalendar(_overrides(_root_id(agency)))


def is_working_day(day: date, *, agency: Agency | None = None) -> bool:
    """Whether `day` is a working day for `agency` (national calendar when None)."""
    return calendar_for(agency).is_working_day(day)


def add_working_days(start: date, days: int, *, agency: Agency | None = None) -> date:
    """The `days`-th working day after `start`; `start` itself never counts.

    `days == 0` returns `start` unchanged, whatever kind of day it is.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    return calendar_for(agency).add(start, days)


def working_days_between(start: date, end: date, *, agency: Agency | None = None) -> int:
    """The number of working days d with start < d <= end (0 when end <= start).

    `working_days_between(d, add_working_days(d, n)) == n` for every n >= 0.
    """
    if end <= start:
        return 0
    return calendar_for(agency).count(start, end)


def _local_date(moment: datetime) -> date:
    if timezone.is_naive(moment):
        raise ValueError("a timezone-aware datetime is required")
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def deadline_at(start: datetime, days: int, *, agency: Agency | None = None) -> datetime:
    """The end (23:59:59.999999, aware, in settings.TIME_ZONE) of the `days`-th working day
    after the local date of `start`. The day of `start` never counts, whatever the hour."""
    due = add_working_days(_local_date(start), days, agency=agency)
    return datetime.combine(due, time.max, tzinfo=timezone.get_default_timezone())


def working_days_left(now: datetime, deadline: datetime, *, agency: Agency | None = None) -> int:
    """Working days left until `deadline`, signed, counted on local dates (settings.TIME_ZONE).

    - Not yet passed (`now <= deadline`): the working days after today up to and including
      the deadline's day. The rest of today never counts, so 0 means "due today" and 3 means
      three more working days ("3 hari kerja lagi").
    - Passed (`now > deadline`): minus the working days after the deadline's day up to and
      including today, and at least 1 in size, so a passed deadline is never reported as 0:
      -2 means "terlambat 2 hari kerja". The day after a Friday deadline, a Saturday, gives -1.
    """
    return calendar_for(agency).days_left(now, deadline)
