"""A read replica for public pages: anonymous GET requests read from the database alias named
by READ_REPLICA_ALIAS (`replica`, set from REPLICA_DATABASE_URL); everything else, and every
write, goes to `default`.

The middleware marks the request; the router reads the mark. Nobody misses their own write
to replication lag: a POST (or any unsafe method) reads and writes on the primary and its
answer sets a short-lived marker cookie (WRITE_COOKIE, WRITE_MARK_SECONDS), and a request
carrying any cookie but the CSRF and language ones (the marker, a session, the rater's
browser token `lp_penilai`, flash messages) reads from the primary too. The page cache skips
the same requests, and stores no page rendered in the first seconds after a write while a
replica is configured (config/page_cache.py). Other visitors' public pages may show rows a
second or so old, as they may from the page cache anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

_reading_public: ContextVar[bool] = ContextVar("reading_public", default=False)

WRITE_COOKIE = "lp_tulis"
WRITE_MARK_SECONDS = 30
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _alias() -> str:
    alias = getattr(settings, "READ_REPLICA_ALIAS", "")
    return alias if alias and alias in connections.settings else ""


def replica_alias() -> str:
    """The replica's alias when one is configured, else ""."""
    return _alias()


def plain_cookies() -> set[str]:
    """Cookies that never make a page differ between visitors."""
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def is_anonymous_read(request: HttpRequest) -> bool:
    """A GET/HEAD with no cookie that could tie it to someone's own writes or session."""
    return request.method in ("GET", "HEAD") and not (set(request.COOKIES) - plain_cookies())


class PublicReadsOnReplicaMiddleware:
    """Anonymous GET/HEAD requests without cookies of their own read from the replica; the
    answer to a write marks the browser to read from the primary for WRITE_MARK_SECONDS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        alias = _alias()
        public = bool(alias) and is_anonymous_read(request)
        token = _reading_public.set(public)
        try:
            response = self.get_response(request)
        finally:
            _reading_public.reset(token)
        if alias and request.method in UNSAFE:
            response.set_cookie(
                WRITE_COOKIE,
                "1",
                max_age=WRITE_MARK_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _reading_public.get():
            return _alias() or None
        return None  # default

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same data on both aliases

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"  # a replica follows the primary; it is never migrated itself
