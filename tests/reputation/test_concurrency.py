"""Aggregates exact under concurrent ratings on PostgreSQL (SPEC R2, R3)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from reputation import services
from reputation.models import Rating, RatingDay
from tests.factories import ServiceFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_ratings_of_one_service_lose_no_count() -> None:
    """SPEC R2: 8 threads x 15 ratings of the same service on the same day: every one counted."""
    assert connection.vendor == "postgresql"
    service = ServiceFactory()
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            start.wait()
            for i in range(15):
                services.rating_submit(
                    user=None,
                    service=service,
                    satisfied=(n + i) % 3 != 0,
                    stars=(i % 5) + 1,
                    idempotency_key=uuid.uuid4(),
                    voter_key=f"b:{n}-{i}",
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    day = RatingDay.objects.get(service=service)
    assert day.total == Rating.objects.filter(service=service).count() == 120
    assert day.satisfied == Rating.objects.filter(service=service, satisfied=True).count()
    assert day.stars_sum == sum(Rating.objects.values_list("stars", flat=True))


@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_at_once_from_two_threads_counts_once() -> None:
    """SPEC R2: a kiosk resending while the first request is in flight is counted once."""
    service = ServiceFactory()
    key = uuid.uuid4()
    start = threading.Barrier(4)
    created: list[bool] = []

    def worker(n: int) -> None:
        try:
            start.wait()
            created.append(
                services.rating_submit(
                    user=None, service=service, satisfied=True, idempotency_key=key
                ).created
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(created) == [False, False, False, True]
    assert RatingDay.objects.get(service=service).total == 1
