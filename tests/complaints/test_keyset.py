"""Keyset pages (complaints.keyset): every row once, in order, forward and back, whatever the
order and however many rows share a deadline or have none (NULLs last)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from complaints import keyset, selectors
from complaints.models import Complaint
from tests.personas import World


def _walk(items, keys, size: int) -> tuple[list[int], list[int]]:
    """All pks page by page forward, then all pks page by page back from the last page."""
    forward, cursor, pages = [], "", []
    while True:
        page = keyset.page(items, keys, size=size, after=cursor)
        pages.append(page)
        forward += [c.pk for c in page.rows]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    backward, page = [], pages[-1]
    backward = [c.pk for c in page.rows]
    while page.previous_cursor:
        page = keyset.page(items, keys, size=size, before=page.previous_cursor)
        backward = [c.pk for c in page.rows] + backward
    return forward, backward


def _expected(rows: list[Complaint], keys: tuple[keyset.Key, ...]) -> list[int]:
    """The order in Python: each key ascending or descending, NULLs last either way."""
    ordered = list(rows)
    for key in reversed(keys):
        present = [r for r in ordered if getattr(r, key.field) is not None]
        missing = [r for r in ordered if getattr(r, key.field) is None]
        present.sort(key=lambda r, f=key.field: getattr(r, f), reverse=key.descending)
        ordered = present + missing
    return [r.pk for r in ordered]


@pytest.mark.parametrize("order", sorted(selectors.INBOX_ORDERS))
def test_every_item_once_in_order_forward_and_back(world: World, order: str) -> None:
    """SPEC A2: the inbox's pages cover what the official may see, each item once, in the
    order asked, also when deadlines tie or are missing."""
    now = timezone.now()
    for i in range(11):
        world.submit(title=f"Laporan {i}")
    items = list(Complaint.objects.order_by("pk"))
    # Ties: three items share a deadline and a receipt; three have no running deadline.
    shared = now + timedelta(days=3)
    Complaint.objects.filter(pk__in=[c.pk for c in items[:3]]).update(
        verification_due_at=shared, received_at=now - timedelta(days=1)
    )
    Complaint.objects.filter(pk__in=[c.pk for c in items[3:6]]).update(
        verification_due_at=None, resolution_due_at=None, data_due_at=None
    )
    keys = selectors.INBOX_ORDERS[order]
    qs = Complaint.objects.with_current_due()
    expected = _expected(list(qs), keys)
    for size in (1, 2, 4, 25):
        forward, backward = _walk(qs, keys, size)
        assert forward == expected, size
        assert backward == expected, size


def test_a_cursor_it_did_not_write_is_the_first_page(world: World) -> None:
    world.submit(title="Satu")
    keys = selectors.INBOX_ORDERS[""]
    qs = Complaint.objects.with_current_due()
    for junk in ("", "1.2", "n.n.n", "a.b.c", "9" * 40 + ".1.1", "-1.-1.-1x", "1.1.1.1.1"):
        assert keyset.decode(keys, junk) is None or junk == ""
        page = keyset.page(qs, keys, size=5, after=junk)
        assert len(page.rows) == 1 and page.is_first


def test_lists_count_up_to_a_bound_and_say_more_than(world: World, monkeypatch) -> None:
    """No count of a whole province per request: beyond the bound the page says "more
    than" (the public list and the inbox)."""
    for i in range(5):
        world.submit(title=f"Laporan {i}")
    monkeypatch.setattr(selectors, "PUBLIC_COUNT_CAP", 3)
    monkeypatch.setattr(selectors, "INBOX_COUNT_CAP", 3)
    client = Client()
    client.force_login(world.user("admin_nasional"))
    inbox = client.get("/dasbor/", {"tab": "semua"})
    assert inbox.context["total_capped"] and inbox.context["total"] == 3
    assert "Lebih dari 3 pengaduan" in inbox.text
    assert len(inbox.context["rows"]) == 5  # the rows themselves are all there
    listed = selectors.public_list_page(Complaint.objects.order_by("-received_at", "-pk"))
    assert listed.capped and listed.count == 4 and len(listed.object_list) == 5
