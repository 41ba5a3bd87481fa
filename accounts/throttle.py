"""Login throttling that stops guessing without locking out the innocent.

Failed logins are counted three ways, each in Django's cache (Redis in production, so every
web process sees the same numbers):

- per account *and* address (LOGIN_FAILURE_LIMIT, 5): someone typing one account's password
  wrong is stopped for that account from that address only. A colleague in the same office,
  behind the same address, still logs in to their own account.
- per account across addresses (LOGIN_ACCOUNT_FAILURE_LIMIT, 20): guessing one password from
  many addresses is stopped too.
- per address across accounts (LOGIN_ADDRESS_FAILURE_LIMIT, 50): one address trying many
  usernames (password spraying) is stopped, at a threshold no office reaches by typos.

A counter starts at the first failure and lives LOGIN_LOCKOUT_SECONDS; when it reaches its
limit the lock is written with its end time, so the page can say when to try again, and it
always lasts the full period from the failure that caused it. Usernames are counted whether
or not they exist, and are hashed before they become cache keys, so neither the responses
nor the cache tell anyone which usernames are real.

Why not django-axes: it writes a database row per failure (a burst of guesses becomes a burst
of writes to the primary), and its cache handler keys on the same combinations as this module;
this one already shares its counters with the two-step code and password-confirmation pages,
fails open when the cache is down, and is a hundred lines the team can read.

The client address is REMOTE_ADDR. Behind a reverse proxy set LOGIN_TRUSTED_PROXIES to the
number of proxies in front of the application; the address is then read that many hops from
the right end of X-Forwarded-For (the part the proxies wrote, which a client cannot forge).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_PREFIX = "login-fail"


def client_ip(request: HttpRequest) -> str:
    """The address the request came from, trusting only the configured number of proxies."""
    trusted = int(getattr(settings, "LOGIN_TRUSTED_PROXIES", 0))
    if trusted > 0:
        hops = [
            h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()
        ]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _digest(username: str) -> str:
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()


@dataclass(frozen=True)
class _Counter:
    key: str
    limit: int
    what: str  # for the log line


def _counters(username: str, ip: str) -> list[_Counter]:
    user = _digest(username)
    return [
        _Counter(f"{_PREFIX}:pair:{user}:{ip}", settings.LOGIN_FAILURE_LIMIT, "account+address"),
        _Counter(f"{_PREFIX}:user:{user}", settings.LOGIN_ACCOUNT_FAILURE_LIMIT, "account"),
        _Counter(f"{_PREFIX}:ip:{ip}", settings.LOGIN_ADDRESS_FAILURE_LIMIT, "address"),
    ]


# If the cache is unreachable the throttles fail open (log and let the request through):
# a Redis outage must not lock every citizen and official out of the portal.
_CACHE_ERRORS = (RedisError, ConnectionError, OSError, TimeoutError)


def failures_reached(keys: list[str], limit: int) -> bool:
    """True when any of the counters under `keys` has reached `limit`."""
    try:
        counts = cache.get_many(keys)
    except _CACHE_ERRORS:
        logger.warning("Throttle cache unreachable; not enforcing %s", keys[0].split(":")[0])
        return False
    return any(int(n) >= limit for n in counts.values())


def failure_count(key: str, *, period: int, limit: int) -> int:
    """Count one failure under `key`; the counter lives `period` seconds from its first
    failure and is renewed once it reaches `limit`, so a lockout lasts the full period."""
    try:
        cache.add(key, 0, timeout=period)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period)
            count = 1
        if count >= limit:
            cache.touch(key, timeout=period)
    except _CACHE_ERRORS:
        logger.warning("Throttle cache unreachable; failure under %s not counted", key)
        return 0
    return count


def _now() -> float:
    return time.time()


def window_take(key: str, *, period: int, limit: int) -> bool:
    """Take one of `limit` places in the fixed window of `period` seconds that now falls in
    (windows start at whole multiples of `period`); False, taking nothing, when it is full.

    Unlike failure_count, a refused request neither counts nor extends anything: the window
    ends on time and the next one starts empty, however often a client retries meanwhile.
    """
    window = int(_now() // period)
    slot = f"{key}:w{window}"
    try:
        cache.add(slot, 0, timeout=period + 5)
        try:
            count = cache.incr(slot)
        except ValueError:  # expired between add and incr
            cache.set(slot, 1, timeout=period + 5)
            count = 1
        if count > limit:
            try:
                cache.decr(slot)
            except ValueError:  # the window ended meanwhile
                pass
            return False
    except _CACHE_ERRORS:
        logger.warning("Throttle cache unreachable; not enforcing %s", key)
    return True


def login_locked_for(*, username: str, ip: str) -> int:
    """Seconds until this username may try again from this address; 0 when it may now."""
    counters = _counters(username, ip)
    keys = [c.key for c in counters] + [f"{c.key}:until" for c in counters]
    try:
        found = cache.get_many(keys)
    except _CACHE_ERRORS:
        logger.warning("Throttle cache unreachable; not enforcing login limits")
        return 0
    now = time.time()
    wait = 0.0
    for c in counters:
        if int(found.get(c.key, 0)) >= c.limit:
            until = float(found.get(f"{c.key}:until", now + settings.LOGIN_LOCKOUT_SECONDS))
            wait = max(wait, until - now, 1.0)
    return math.ceil(wait)


def login_failure_record(*, username: str, ip: str) -> None:
    """Count one failed login on each counter; a counter reaching its limit starts a lock."""
    period = settings.LOGIN_LOCKOUT_SECONDS
    for c in _counters(username, ip):
        count = failure_count(c.key, period=period, limit=c.limit)
        if count == c.limit:
            try:
                cache.set(f"{c.key}:until", time.time() + period, timeout=period)
            except _CACHE_ERRORS:
                pass
            from accounts import services
            from accounts.models import AuditAction

            services.audit_entry_add(
                None,
                action=AuditAction.LOCKOUT,
                username=username,
                detail=f"{count} kali gagal ({c.what}), {period} detik",
            )
            logger.warning(
                "Login locked for %s seconds after %s failures (by %s): username=%r ip=%s",
                period,
                count,
                c.what,
                username[:150],
                ip,
            )


def login_success_record(*, username: str, ip: str = "") -> None:
    """A successful login clears the account's counters (the address keeps its own: one
    right password must not buy a sprayer fresh guesses at other accounts)."""
    user = _digest(username)
    keys = [f"{_PREFIX}:user:{user}", f"{_PREFIX}:user:{user}:until"]
    if ip:
        keys += [f"{_PREFIX}:pair:{user}:{ip}", f"{_PREFIX}:pair:{user}:{ip}:until"]
    try:
        cache.delete_many(keys)
    except _CACHE_ERRORS:
        logger.warning("Throttle cache unreachable; username counter not cleared")


def locked_message(seconds: int) -> str:
    """What the login pages say while locked: when to try again, in whole minutes."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Terlalu banyak percobaan masuk yang gagal. Silakan coba lagi dalam %(minutes)d menit.",
        "Terlalu banyak percobaan masuk yang gagal. Silakan coba lagi dalam %(minutes)d menit.",
        minutes,
    ) % {"minutes": minutes}


MAIL_REQUEST_LIMIT = 5
MAIL_REQUEST_PERIOD = 60 * 60


def mail_request_allowed(*, ip: str) -> bool:
    """Pages that send mail to an address anyone can type (verification link again, password
    reset) allow a few requests per client address an hour, so nobody can flood a stranger's
    mailbox through the portal."""
    count = failure_count(
        f"mail-request:ip:{ip}", period=MAIL_REQUEST_PERIOD, limit=MAIL_REQUEST_LIMIT + 1
    )
    return count <= MAIL_REQUEST_LIMIT
