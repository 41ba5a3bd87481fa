"""A read replica for public pages: anonymous GET requests read from the database alias named
by READ_REPLICA_ALIAS (`replica`, set from REPLICA_DATABASE_URL); everything else, and every
write, goes to `default`.

The middleware marks the request; the router reads the mark. A request that writes (a
signed-in visitor, any POST) never reads from the replica, so nobody misses their own write
to replication lag. Public pages may show rows a second or so old, as they may from the page
cache anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

_reading_public: ContextVar[bool] = ContextVar("reading_public", default=False)


def _alias() -> str:
    alias = getattr(settings, "READ_REPLICA_ALIAS", "")
    return alias if alias and alias in connections.settings else ""


class PublicReadsOnReplicaMiddleware:
    """Anonymous GET/HEAD requests (no session cookie) read from the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        public = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and bool(_alias())
        )
        token = _reading_public.set(public)
        try:
            return self.get_response(request)
        finally:
            _reading_public.reset(token)


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
