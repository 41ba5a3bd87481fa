"""Login throttling: too many failed logins lock a username and a client address for a while.

Counters live in Django's cache (Redis in production), so every web process sees the same
numbers. A counter starts at the first failure and lives LOGIN_LOCKOUT_SECONDS; when it
reaches LOGIN_FAILURE_LIMIT its lifetime is renewed, so a lockout always lasts the full
period from the failure that caused it. Usernames are counted whether or not they exist, and
are hashed before they become cache keys, so neither the responses nor the cache tell anyone
which usernames are real.

The client address is REMOTE_ADDR. Behind a reverse proxy set LOGIN_TRUSTED_PROXIES to the
number of proxies in front of the application; the address is then read that many hops from
the right end of X-Forwarded-For (the part the proxies wrote, which a client cannot forge).
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
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


def _username_key(username: str) -> str:
    digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    return f"{_PREFIX}:user:{digest}"


def _ip_key(ip: str) -> str:
    return f"{_PREFIX}:ip:{ip}"


def _keys(username: str, ip: str) -> list[str]:
    return [_username_key(username), _ip_key(ip)]


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


def login_is_locked(*, username: str, ip: str) -> bool:
    """True when the username or the address has used up its failures."""
    return failures_reached(_keys(username, ip), settings.LOGIN_FAILURE_LIMIT)


def login_failure_record(*, username: str, ip: str) -> None:
    """Count one failed login for the username and for the address; log a new lockout."""
    limit = settings.LOGIN_FAILURE_LIMIT
    period = settings.LOGIN_LOCKOUT_SECONDS
    for key, what in zip(_keys(username, ip), ("username", "ip"), strict=True):
        count = failure_count(key, period=period, limit=limit)
        if count == limit:
            logger.warning(
                "Login locked for %s seconds after %s failures (by %s): username=%r ip=%s",
                period,
                count,
                what,
                username[:150],
                ip,
            )


def login_success_record(*, username: str) -> None:
    """A successful login clears the username's counter (the address keeps its own)."""
    try:
        cache.delete(_username_key(username))
    except _CACHE_ERRORS:
        logger.warning("Throttle cache unreachable; username counter not cleared")


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
