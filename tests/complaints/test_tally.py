"""The tally of items kept by PostgreSQL (complaints.tally) gives exactly the figures counted
from the items, after every kind of write, under concurrent writes, and for any period.

The statistics page and the scorecard read the tally (SPEC C15); these tests hold it to the
items it summarises: any drift would show on public pages as wrong numbers.
"""

from __future__ import annotations

import io
import threading
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from complaints import selectors, services, tally
from complaints.models import (
    AlertKind,
    Category,
    Channel,
    Complaint,
    ComplaintTally,
    ComplaintTallyDelta,
    DeadlineAlert,
    DeadlineKind,
    HolderTier,
    Kind,
    Status,
    TallyDimension,
)
from tests.personas import World, build_world

WITA = ZoneInfo("Asia/Makassar")
GROUPINGS: list[tuple[str, tuple[str, ...]]] = [
    (TallyDimension.ALL, ()),
    (TallyDimension.ALL, ("opd",)),
    (TallyDimension.ALL, ("month",)),
    (TallyDimension.ALL, ("opd", "month")),
    (TallyDimension.KIND, ("value",)),
    (TallyDimension.CATEGORY, ("value",)),
    (TallyDimension.CHANNEL, ("opd", "value")),
    (TallyDimension.SERVICE, ("value", "month")),
]


def _keyed(rows: list[dict[str, Any]], group: tuple[str, ...]) -> dict[tuple, dict[str, Any]]:
    return {tuple(r[g] for g in group): r for r in rows if r["received"]}


def assert_tally_matches_items() -> None:
    """Every grouping of every dimension: the tally equals the count from the items."""
    for dimension, group in GROUPINGS:
        kept = _keyed(tally.counts(dimension, group=group), group)
        live = _keyed(tally.live_counts(Complaint.objects.all(), dimension, group=group), group)
        assert kept == live, (dimension, group)


def _submit(when: datetime, *, kind: str = Kind.PENGADUAN, title: str = "Jalan berlubang"):
    return services.complaint_submit(
        None,
        content=services.ComplaintContent(
            kind=kind, title=title, description="Uraian.", privacy="publik", location="Pelaihari"
        ),
        reporter=services.Reporter(name="Sari", email="sari@contoh.id"),
        now=when,
    ).complaint


def test_the_tally_follows_every_write_of_an_item(world: World) -> None:
    """SPEC C15: received, not yet responded, not yet resolved, late and the time to follow
    up, kept by the database through filing, verification, disposition to an OPD, a first
    follow-up, a breach on record, the end, a move to another month and a deletion."""
    category = Category.objects.create(name="Jalan")
    march = datetime(2026, 3, 2, 10, tzinfo=WITA)
    first = _submit(march)
    second = _submit(march + timedelta(days=1), kind=Kind.ASPIRASI, title="Usul taman")
    # 23:30 WITA on 30 April: still April in the pemda's zone, already 15:30 UTC.
    third = _submit(datetime(2026, 4, 30, 23, 30, tzinfo=WITA), title="Lampu padam")
    assert_tally_matches_items()

    services.complaint_verify(
        world.user("admin_nasional"), complaint_id=first.pk, version=first.version, now=march
    )
    assert_tally_matches_items()
    # Disposed to an OPD with a category, followed up after 3 working days, then late.
    Complaint.objects.filter(pk=first.pk).update(
        opd=world.dukcapil,
        holder_agency=world.dukcapil,
        holder_tier=HolderTier.OPD,
        instansi=world.pemda,
        category=category,
        status=Status.DITINDAKLANJUTI,
        first_followup_at=march + timedelta(days=3),
        followup_working_days=3,
        channel=Channel.SMS,
    )
    assert_tally_matches_items()
    DeadlineAlert.objects.create(
        complaint=first,
        kind=AlertKind.BREACH,
        deadline_kind=DeadlineKind.RESOLUTION,
        due_at=march + timedelta(days=20),
    )
    # A second breach of the same item changes nothing: it was late already.
    DeadlineAlert.objects.create(
        complaint=first,
        kind=AlertKind.BREACH,
        deadline_kind=DeadlineKind.VERIFICATION,
        due_at=march + timedelta(days=2),
    )
    assert_tally_matches_items()
    Complaint.objects.filter(pk=first.pk).update(
        status=Status.SELESAI, responded_at=march + timedelta(days=25)
    )
    Complaint.objects.filter(pk=second.pk).update(received_at=march - timedelta(days=40))
    assert_tally_matches_items()

    overall = tally.counts(TallyDimension.ALL)[0]
    assert overall["received"] == 3
    assert overall["unresolved"] == 2
    assert overall["late"] == 1
    assert overall["done_on_time"] == 0
    assert (overall["followup_n"], overall["followup_sum"]) == (1, 3)
    months = {r["month"] for r in tally.counts(TallyDimension.ALL, group=("month",))}
    assert months == {date(2026, 1, 1), date(2026, 3, 1), date(2026, 4, 1)}
    assert third.received_at.astimezone(WITA).month == 4


@pytest.fixture
def world_committed(transactional_db: None) -> World:
    return build_world()


@pytest.mark.django_db(transaction=True)
def test_the_tally_stays_exact_under_concurrent_writes(world_committed: World) -> None:
    """SPEC C15: eight threads file, move and end items of the same OPD and month at once;
    the upserts and row locks leave the tally equal to the items (no lost update)."""
    when = datetime(2026, 5, 4, 9, tzinfo=WITA)
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            for j in range(6):
                item = _submit(when + timedelta(minutes=i * 10 + j), title=f"Laporan {i}-{j}")
                with transaction.atomic():
                    Complaint.objects.filter(pk=item.pk).update(
                        opd=world_committed.dukcapil,
                        holder_agency=world_committed.dukcapil,
                        holder_tier=HolderTier.OPD,
                        instansi=world_committed.pemda,
                        status=Status.SELESAI if j % 2 else Status.DITINDAKLANJUTI,
                        first_followup_at=item.received_at + timedelta(days=1),
                        followup_working_days=1,
                    )
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert Complaint.objects.count() == 48
    assert_tally_matches_items()
    row = tally.counts(TallyDimension.ALL, opds=[world_committed.dukcapil.pk])[0]
    assert (row["received"], row["unresolved"], row["followup_n"]) == (48, 24, 48)


def test_statistics_of_any_period_equal_the_items_counted_one_by_one(world: World) -> None:
    """SPEC C15: a period that starts and ends inside months reads its whole months from the
    tally and its other days from the items; the figures are those of the items."""
    days = [date(2026, 1, 10), date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 14),
            date(2026, 3, 31), date(2026, 4, 1), date(2026, 4, 20)]  # fmt: skip
    for i, day in enumerate(days):
        _submit(datetime(day.year, day.month, day.day, 8 + i, tzinfo=WITA), title=f"Hari {i}")
    periods = [
        selectors.Period(),
        selectors.Period(date(2026, 1, 15), date(2026, 4, 10)),
        selectors.Period(date(2026, 2, 1), date(2026, 3, 31)),
        selectors.Period(date(2026, 2, 2), date(2026, 2, 20)),
        selectors.Period(None, date(2026, 2, 13)),
        selectors.Period(date(2026, 3, 31), None),
    ]
    for period in periods:
        stats = selectors.public_statistics(period)
        items = Complaint.objects.filter(period.q())
        live = tally.live_counts(items, TallyDimension.ALL)
        expected = live[0]["received"] if live else 0
        assert stats.overall["received"] == expected, period
        assert sum(r["n"] for r in stats.by_month) == expected, period
        assert sum(r["n"] for r in stats.by_kind) == expected, period


def test_a_tally_that_lost_rows_is_recounted_exactly(world: World) -> None:
    """`manage.py tally_rebuild` (complaints.tally) recounts the tally from the items, the
    deltas waiting included, whatever happened to its rows."""
    item = _submit(datetime(2026, 6, 1, 9, tzinfo=WITA))
    tally.tally_fold()
    ComplaintTally.objects.all().delete()
    Complaint.objects.filter(pk=item.pk).update(status=Status.SELESAI)
    with pytest.raises(AssertionError):
        assert_tally_matches_items()
    call_command("tally_rebuild", stdout=io.StringIO())
    assert_tally_matches_items()
    assert not ComplaintTallyDelta.objects.exists()


def test_a_bulk_load_with_the_triggers_off_is_recounted_exactly(world: World) -> None:
    """seed_scale's way: triggers off for the COPY, then one recount (complaints.tally)."""
    _submit(datetime(2026, 7, 1, 9, tzinfo=WITA))
    tally.set_triggers(False)
    try:
        _submit(datetime(2026, 7, 2, 9, tzinfo=WITA))
    finally:
        tally.set_triggers(True)
    assert tally.counts(TallyDimension.ALL)[0]["received"] == 1
    tally.tally_rebuild()
    assert_tally_matches_items()
    assert tally.counts(TallyDimension.ALL)[0]["received"] == 2


def test_folding_adds_the_deltas_into_the_tally_and_keeps_it_exact(world: World) -> None:
    """SPEC C15: the figures are the same before and after a fold, which empties the deltas;
    a key that came and went (net zero) leaves no row behind."""
    when = datetime(2026, 8, 3, 9, tzinfo=WITA)
    items = [_submit(when + timedelta(hours=i), title=f"Laporan {i}") for i in range(4)]
    Complaint.objects.filter(pk=items[0].pk).update(status=Status.SELESAI)
    before = tally.counts(TallyDimension.ALL, group=("month",))
    assert ComplaintTallyDelta.objects.exists()
    assert tally.tally_fold() > 0
    assert not ComplaintTallyDelta.objects.exists()
    assert tally.counts(TallyDimension.ALL, group=("month",)) == before
    Complaint.objects.filter(pk=items[1].pk).update(status=Status.SELESAI)
    assert_tally_matches_items()
    tally.tally_fold()
    assert_tally_matches_items()
    assert tally.tally_fold() == 0
    # Filed and finished between two folds: its open rows came and went, none is written.
    september = _submit(datetime(2026, 9, 1, 9, tzinfo=WITA), title="Selesai cepat")
    Complaint.objects.filter(pk=september.pk).update(status=Status.SELESAI)
    tally.tally_fold()
    rows = ComplaintTally.objects.filter(month=date(2026, 9, 1))
    assert rows.exists()
    assert not rows.filter(is_open=True).exists()
    assert_tally_matches_items()
