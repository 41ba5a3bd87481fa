"""The officials' inbox (UX.md, Pak Budi): summary counts, tabs, filters, sorting,
pagination, and a query count that does not grow with the list (SPEC A2, C5, C8)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Category, Channel, Complaint, Kind, Privacy, SlaClass, Status
from tests.personas import World, fresh

INBOX = reverse("complaints:inbox")
CODE = re.compile(r"LP-[0-9A-Z]{4}-[0-9A-Z]{4}")


def login(w: World, key: str) -> Client:
    client = Client()
    client.force_login(w.users[key])
    return client


def codes(response) -> list[str]:
    """Item codes in the order the table lists them (each row links its code once)."""
    return re.findall(r'href="/dasbor/pengaduan/(LP-[0-9A-Z-]+)/"', response.text)


def counts(response) -> dict[str, int]:
    found = re.findall(r'data-count="(\w+)">(\d+)<', response.text)
    return {key: int(value) for key, value in found}


def due_in(c: Complaint, delta: timedelta) -> Complaint:
    # Test set-up: move the item's verification deadline to a chosen moment, and its receipt
    # back before it when needed (a deadline never precedes the receipt).
    deadline = timezone.now() + delta
    received = min(c.received_at, deadline - timedelta(days=1))
    Complaint.objects.filter(pk=c.pk).update(verification_due_at=deadline, received_at=received)
    return fresh(c)


@pytest.fixture
def desk(world: World) -> dict[str, Complaint]:
    """Items at the national desk: overdue, due soon, not due for a month, and one routed on."""
    w = world
    overdue = due_in(w.submit(title="Terlambat", channel=Channel.SMS).complaint, -timedelta(days=4))
    soon = w.submit(title="Segera", kind=Kind.ASPIRASI, location="").complaint
    later = due_in(w.submit(title="Nanti saja", description="lampu jalan mati").complaint,
                   timedelta(days=40))  # fmt: skip
    routed = w.submit(title="Sudah ke pemda").complaint
    nas = w.users["admin_nasional"]
    services.complaint_verify(nas, complaint_id=routed.pk, version=routed.version)
    services.complaint_route(
        complaint_id=routed.pk, version=fresh(routed).version, user=nas, to_agency=w.pemda
    )
    return {"overdue": overdue, "soon": soon, "later": later, "routed": fresh(routed)}


def test_summary_counts_and_deadline_phrases(world: World, desk) -> None:
    """SPEC C5 (UX.md): at a glance what is overdue, due within five working days, and new;
    each row says its deadline as a phrase."""
    r = login(world, "admin_nasional").get(INBOX)
    assert r.status_code == 200
    assert counts(r) == {"overdue": 1, "due_soon": 1, "new": 3}
    assert re.search(r"terlambat \d+ hari kerja", r.text)
    assert re.search(r"\d+ hari kerja lagi", r.text)


def test_default_tab_lists_what_waits_at_my_desk(world: World, desk) -> None:
    """SPEC A2, C6: the default tab holds the items waiting at the user's tier; the other
    tab everything the user may follow."""
    nas = login(world, "admin_nasional")
    waiting = set(codes(nas.get(INBOX)))
    assert desk["routed"].code not in waiting
    assert {desk["overdue"].code, desk["soon"].code, desk["later"].code} == waiting
    assert desk["routed"].code in codes(nas.get(INBOX, {"tab": "semua"}))

    ai = login(world, "admin_instansi")
    assert codes(ai.get(INBOX)) == [desk["routed"].code]
    assert login(world, "kepala").get(INBOX).status_code == 200
    assert codes(login(world, "pimpinan").get(INBOX)) == []
    assert codes(login(world, "pimpinan").get(INBOX, {"tab": "semua"})) == [desk["routed"].code]


def test_default_sort_is_by_nearest_deadline_and_sortable(world: World, desk) -> None:
    nas = login(world, "admin_nasional")
    order = [desk["overdue"].code, desk["soon"].code, desk["later"].code]
    assert codes(nas.get(INBOX)) == order
    assert codes(nas.get(INBOX, {"urut": "batas"})) == order
    assert codes(nas.get(INBOX, {"urut": "-batas"})) == order[::-1]
    # The overdue item was received 5 days ago (due_in); the others earlier still.
    Complaint.objects.filter(pk=desk["soon"].pk).update(
        received_at=timezone.now() - timedelta(days=6)
    )
    Complaint.objects.filter(pk=desk["later"].pk).update(
        received_at=timezone.now() - timedelta(days=9)
    )
    assert codes(nas.get(INBOX, {"urut": "-diterima"})) == [
        desk["overdue"].code,
        desk["soon"].code,
        desk["later"].code,
    ]
    assert codes(nas.get(INBOX, {"urut": "diterima"}))[0] == desk["later"].code


def test_filters(world: World, desk) -> None:
    """Every filter of the inbox narrows the list to the matching items."""
    nas = login(world, "admin_nasional")
    cat = Category.objects.create(name="Penerangan jalan", slug="pju")
    services.complaint_verify(
        world.users["admin_nasional"],
        complaint_id=desk["later"].pk,
        version=desk["later"].version,
        verification=services.Verification(category=cat, sla_class=SlaClass.PEMERIKSAAN_LAPANGAN),
    )

    def listed(**params: str) -> set[str]:
        response = nas.get(INBOX, {"tab": "semua", **params})
        assert response.status_code == 200
        return set(codes(response))

    o, s, la, ro = (desk[k].code for k in ("overdue", "soon", "later", "routed"))
    assert listed() == {o, s, la, ro}
    assert listed(overdue="ya") == {o}
    assert listed(overdue="tidak") == {s, la, ro}
    assert listed(segera="ya") == {s, ro}
    assert listed(baru="ya") == {o, s, ro}
    assert listed(status=Status.DIVERIFIKASI) == {la}
    assert listed(kind=Kind.ASPIRASI) == {s}
    assert listed(channel=Channel.SMS) == {o}
    assert listed(category=str(cat.pk)) == {la}
    assert listed(sla_class=SlaClass.PEMERIKSAAN_LAPANGAN) == {la}
    assert listed(q="lampu jalan") == {la}  # description
    assert listed(q="segera") == {s}  # title, any case
    assert listed(q=o.lower()[3:]) == {o}  # part of the code
    today = timezone.localdate()
    Complaint.objects.filter(pk=desk["later"].pk).update(
        received_at=timezone.now() - timedelta(days=30)
    )
    week_ago = (today - timedelta(days=7)).isoformat()
    assert listed(received_after=week_ago, received_before=today.isoformat()) == {o, s, ro}
    assert listed(received_before=week_ago) == {la}


def test_inbox_never_shows_reporter_identity(world: World) -> None:
    """SPEC C3, C4: the inbox carries no reporter identity, whatever the privacy."""
    world.submit(privacy=Privacy.PUBLIK)
    world.submit(privacy=Privacy.ANONIM)
    body = login(world, "admin_nasional").get(INBOX, {"tab": "semua"}).text
    for value in ("Siti Rahmawati Pelapor", "siti.pelapor@example.net", "081299887766"):
        assert value not in body


def test_pagination_by_25_with_keyset_cursors(world: World) -> None:
    """Pages of 25 follow each other by cursor (no OFFSET): every item once, in the inbox's
    order, forward and back, the same with another order."""
    for i in range(27):
        world.submit(title=f"Item {i}")
    nas = login(world, "admin_nasional")
    for order in ({}, {"urut": "-diterima"}, {"urut": "-batas"}, {"urut": "diterima"}):
        first = nas.get(INBOX, order)
        page = first.context["page"]
        assert len(codes(first)) == 25 and page.is_first
        assert first.context["total"] == 27
        assert f"setelah={page.next_cursor}" in first.text
        second = nas.get(INBOX, {**order, "setelah": page.next_cursor})
        assert len(codes(second)) == 2
        assert not second.context["page"].next_cursor
        assert set(codes(first)) | set(codes(second)) == {c.code for c in Complaint.objects.all()}
        back = nas.get(INBOX, {**order, "sebelum": second.context["page"].previous_cursor})
        assert codes(back) == codes(first)
    # A cursor this page did not write is the first page, never an error.
    assert len(codes(nas.get(INBOX, {"setelah": "x.1' OR 1=1"}))) == 25


@pytest.mark.parametrize("tab", ["menunggu", "semua"])
def test_query_count_does_not_grow_with_the_list(
    world: World, tab: str, django_assert_max_num_queries
) -> None:
    """STYLE 13: the inbox costs the same number of queries for 3 items as for 30."""
    nas = login(world, "admin_nasional")
    for i in range(3):
        world.submit(title=f"Sedikit {i}")
    nas.get(INBOX)  # warm the session and calendar caches
    with django_assert_max_num_queries(12) as few:
        assert len(codes(nas.get(INBOX, {"tab": tab}))) == 3
    for i in range(27):
        world.submit(title=f"Banyak {i}", channel=Channel.SMS)
    with django_assert_max_num_queries(12) as many:
        assert len(codes(nas.get(INBOX, {"tab": tab}))) == 25
    assert len(many.captured_queries) == len(few.captured_queries)


def test_deadline_phrases_read_the_calendar_once_per_page(world: World, monkeypatch) -> None:
    """STYLE 13: the rows' "N hari kerja lagi" phrases share one calendar per instansi, so
    the cache is read the same number of times for 3 rows as for 25."""
    from complaints import calendar

    reads: list[object] = []
    real_get_many = calendar.cache.get_many

    def counting_get_many(keys, *args, **kwargs):  # noqa: ANN001, ANN202 - a thin probe
        reads.append(keys)
        return real_get_many(keys, *args, **kwargs)

    nas = login(world, "admin_nasional")
    for i in range(3):
        world.submit(title=f"Sedikit {i}")
    nas.get(INBOX)
    monkeypatch.setattr(calendar.cache, "get_many", counting_get_many)
    assert len(codes(nas.get(INBOX))) == 3
    few = len(reads)
    for i in range(27):
        world.submit(title=f"Banyak {i}")
    reads.clear()
    assert len(codes(nas.get(INBOX))) == 25
    assert len(reads) == few
