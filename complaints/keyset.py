"""Keyset pages over any order of timestamps and ids: the next page starts after the last row
shown, so a deep page costs what the first costs (no OFFSET, no COUNT of the whole list).

An order is a tuple of `Key`s, the last one unique (the primary key). A nullable key sorts its
NULLs last in both directions, as the inbox shows items without a running deadline after the
others. `page(...)` fetches one page after (or before) a cursor; a cursor is the row's key
values written as text, and anything that does not parse is the first page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import F, OrderBy, Q, QuerySet

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
_PART = re.compile(r"-?\d{1,18}|n")
MAX_KEYS = 4


@dataclass(frozen=True)
class Key:
    field: str
    descending: bool = False
    nullable: bool = False
    is_time: bool = True  # a timestamp; else an integer (the primary key)


def _order(key: Key, *, reverse: bool) -> OrderBy:
    descending = key.descending != reverse
    # NULLs last in the page's order; the reverse walk (the page before) meets them first.
    # (Only on a nullable key: a plain DESC matches the indexes' order, NULLS FIRST.)
    nulls: dict[str, bool] = {}
    if key.nullable:
        nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
    expression = F(key.field)
    return expression.desc(**nulls) if descending else expression.asc(**nulls)


def ordering(keys: Sequence[Key], *, reverse: bool = False) -> list[OrderBy]:
    """The ORDER BY of `keys` (or of their reverse: the walk to the page before)."""
    return [_order(k, reverse=reverse) for k in keys]


def _beyond(key: Key, value: Any, *, reverse: bool) -> Q:
    """Rows strictly past `value` on this key, in the page's order (or its reverse)."""
    descending = key.descending != reverse
    if value is None:
        # NULLs come last: nothing lies past them, and in reverse every value does.
        return Q(**{f"{key.field}__isnull": False}) if reverse else Q(pk__in=[])
    past = Q(**{f"{key.field}__{'lt' if descending else 'gt'}": value})
    if key.nullable and not reverse:
        past |= Q(**{f"{key.field}__isnull": True})
    return past


def _equal(key: Key, value: Any) -> Q:
    return Q(**{f"{key.field}__isnull": True}) if value is None else Q(**{key.field: value})


def _past(keys: Sequence[Key], values: Sequence[Any], *, reverse: bool) -> Q:
    """Lexicographically past `values`: past on the first key, or equal on it and past on
    the rest."""
    branches = []
    for i, key in enumerate(keys):
        branch = _beyond(key, values[i], reverse=reverse)
        for prior, value in zip(keys[:i], values[:i], strict=True):
            branch &= _equal(prior, value)
        branches.append(branch)
    return reduce(or_, branches)


def encode(keys: Sequence[Key], row: Any) -> str:
    parts = []
    for key in keys:
        value = getattr(row, key.field)
        if value is None:
            parts.append("n")
        elif key.is_time:
            parts.append(str((value - _EPOCH) // _MICRO))
        else:
            parts.append(str(int(value)))
    return ".".join(parts)


def decode(keys: Sequence[Key], text: str) -> list[Any] | None:
    """The values a cursor holds, or None for anything this module did not write."""
    parts = (text or "").split(".")
    if len(parts) != len(keys) or len(parts) > MAX_KEYS:
        return None
    values: list[Any] = []
    for key, part in zip(keys, parts, strict=True):
        if not _PART.fullmatch(part) or (part == "n" and not key.nullable):
            return None
        if part == "n":
            values.append(None)
        elif key.is_time:
            try:
                values.append(_EPOCH + int(part) * _MICRO)
            except OverflowError:
                return None
        else:
            values.append(int(part))
    return values


@dataclass(frozen=True)
class KeysetPage:
    rows: list[Any]
    next_cursor: str
    previous_cursor: str

    @property
    def is_first(self) -> bool:
        return not self.previous_cursor


def page(
    items: QuerySet, keys: Sequence[Key], *, size: int, after: str = "", before: str = ""
) -> KeysetPage:
    """The `size` rows of `items` after the cursor `after`, or those just before `before`,
    or the first ones; one query."""
    back = decode(keys, before)
    forward = None if back is not None else decode(keys, after)
    if back is not None:
        rows = list(
            items.filter(_past(keys, back, reverse=True)).order_by(*ordering(keys, reverse=True))[
                : size + 1
            ]
        )
        has_previous, has_next = len(rows) > size, True
        rows = rows[:size][::-1]
    else:
        if forward is not None:
            items = items.filter(_past(keys, forward, reverse=False))
        rows = list(items.order_by(*ordering(keys))[: size + 1])
        has_previous, has_next = forward is not None, len(rows) > size
        rows = rows[:size]
    return KeysetPage(
        rows=rows,
        next_cursor=encode(keys, rows[-1]) if rows and has_next else "",
        previous_cursor=encode(keys, rows[0]) if rows and has_previous else "",
    )
