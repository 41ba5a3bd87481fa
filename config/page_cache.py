"""Whole-page cache for anonymous visitors, shared by every web process (the cache is Redis).

A visitor without a session cookie who GETs a page gets the stored copy when there is one.
A response is stored only when it is the same for everyone who could receive it: status 200,
no cookie set (a page with a form sets the CSRF cookie, so forms are never stored), no CSP
nonce, no `private`/`no-store`. Requests carrying any cookie but the CSRF and language ones
(a session, flash messages) bypass it: their pages may differ. The key is the language and
the full path with its query string.

Invalidation on write: every stored page carries the generation it was made in; any model
saved or deleted through the ORM in this process, and every POST/PUT/PATCH/DELETE answered
here, bump the shared generation, so the next visitor gets a fresh page. Bulk updates (and
writes in Celery workers) do not fire signals: `PAGE_CACHE_SECONDS` bounds how long such a page
can lag. `PAGE_CACHE_SECONDS=0` switches the cache off (the default with DEBUG on).

With a read replica (config/replica.py) a page rendered just after a write may still show the
replica's older rows; so each bump also records when it happened, and no page rendered within
PAGE_CACHE_AFTER_WRITE_SECONDS of the last write is stored (it is served, not kept).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from config.replica import plain_cookies, replica_alias

logger = logging.getLogger(__name__)
GENERATION = "page-cache:generation"
WRITTEN_AT = "page-cache:written-at"
# Longer than a healthy replica's lag: pages rendered this soon after a write are not stored.
PAGE_CACHE_AFTER_WRITE_SECONDS = 5
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Rows whose writes change no public page (sessions are written on every sign-in).
QUIET_TABLES = {"django_session", "django_admin_log"}


def bump(**_kwargs: Any) -> None:
    """A new generation: every stored page is stale from now on, and again after the commit
    (a page rendered between the write and its commit still showed the old rows)."""

    if not getattr(settings, "PAGE_CACHE_SECONDS", 0):
        return

    def _bump() -> None:
        # A cache that is down must never fail a write: the stored pages expire on their own
        # within PAGE_CACHE_SECONDS, and nothing is served from a cache that cannot be read.
        try:
            try:
                cache.incr(GENERATION)
            except ValueError:  # not there yet (or evicted)
                cache.set(GENERATION, 1, timeout=None)
            cache.set(WRITTEN_AT, _now(), timeout=3600)
        except Exception:  # noqa: BLE001 - any backend error (Redis down, timeout)
            logger.warning("page cache: could not bump the generation", exc_info=True)

    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _on_model_write(sender: type, **kwargs: Any) -> None:
    if sender._meta.db_table not in QUIET_TABLES:
        bump()


post_save.connect(_on_model_write, dispatch_uid="page_cache_save")
post_delete.connect(_on_model_write, dispatch_uid="page_cache_delete")


def _now() -> float:
    return time.time()


def _just_written(written_at: float | None) -> bool:
    """True while a replica may not yet show the last write."""
    if not replica_alias() or written_at is None:
        return False
    return _now() - float(written_at) < PAGE_CACHE_AFTER_WRITE_SECONDS


def _cacheable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


class AnonymousPageCacheMiddleware:
    """Outside (before) the session, locale, CSRF and CSP middleware: it sees the cookies and
    headers they add."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if request.method in UNSAFE:
            response = self.get_response(request)
            if seconds:
                bump()
            return response
        if not seconds or request.method != "GET" or set(request.COOKIES) - plain_cookies():
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        try:
            found = cache.get_many([GENERATION, WRITTEN_AT])
            generation = found.get(GENERATION)
            if generation is None:
                generation = cache.get_or_set(GENERATION, 1, timeout=None)
            key = f"page-cache:{generation}:{language}:{path}"
            stored = cache.get(key)
        except Exception:  # noqa: BLE001 - the cache is down: serve the page fresh
            logger.warning("page cache: unreadable, serving uncached", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            stored["X-Page-Cache"] = "hit"
            return stored
        response = self.get_response(request)
        if _cacheable(response) and not _just_written(found.get(WRITTEN_AT)):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            try:
                cache.set(key, response, timeout=seconds)
            except Exception:  # noqa: BLE001 - not stored; the visitor has the page anyway
                logger.warning("page cache: could not store", exc_info=True)
        return response
