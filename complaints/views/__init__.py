"""Complaint views: `public` for citizens (filing, tracking, the item page), `engagement` for
me-too, followers, photos and the map, `listing` for the public list and statistics, `officer`
for the officials' desk."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def code_in_path(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """404 for a tracking code that no item can have, before any query sees it.

    PostgreSQL text cannot hold NUL, and a lookup with one fails in the database instead of
    finding nothing; a script sending `%00` must get the same 404 as any unknown code.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if "\x00" in code:
            raise Http404
        return view(request, code, *args, **kwargs)

    return wrapped
