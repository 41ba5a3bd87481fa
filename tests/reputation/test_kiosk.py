"""Kiosk tokens: issued, named and revoked by officers; a full-screen page that resets (SPEC R1)."""

from __future__ import annotations

import datetime
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reputation import services
from reputation.kiosk import KIOSK_BATCH, KIOSK_LIMIT_PER_MINUTE
from reputation.models import Channel, KioskToken, Rating, RatingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def kiosk(world) -> KioskToken:
    return services.kiosk_token_issue(
        user=world.penghubung, agency=world.dukcapil, service=world.ktp, name="Loket KTP"
    )


def _tap(client: Client, kiosk: KioskToken, **data: str):
    payload = {"puas": "1", "kunci": str(uuid.uuid4())}
    payload.update(data)
    return client.post(reverse("reputation:kiosk", args=[kiosk.token]), payload)


def test_kiosk_page_rates_thanks_and_resets_without_script(client: Client, world, kiosk) -> None:
    """SPEC R1: the page thanks the citizen, then reloads the empty form by itself."""
    page = client.get(reverse("reputation:kiosk", args=[kiosk.token]))
    assert page.status_code == 200 and "site-nav" not in page.content.decode()
    response = _tap(client, kiosk, puas="0")
    assert response.status_code == 302 and response["Location"].endswith("?terima=1")
    thanks = client.get(response["Location"]).content.decode()
    assert "Terima kasih" in thanks
    assert 'http-equiv="refresh"' in thanks
    rating = Rating.objects.get()
    assert rating.channel == Channel.KIOSK and rating.kiosk == kiosk and not rating.satisfied
    kiosk.refresh_from_db()
    assert kiosk.last_used_at is not None


def test_many_citizens_rate_on_one_kiosk_the_same_day(client: Client, world, kiosk) -> None:
    """One device, many people: the per-person daily rule does not apply to a kiosk."""
    for _ in range(3):
        assert _tap(client, kiosk).status_code == 302
    assert RatingDay.objects.get().total == 3


def test_a_kiosk_has_its_own_per_minute_limit(client: Client, world, kiosk) -> None:
    """000:Pasal 3c: a kiosk token has its own per-minute limit."""
    for _ in range(KIOSK_LIMIT_PER_MINUTE):
        assert _tap(client, kiosk).status_code == 302
    assert _tap(client, kiosk).status_code == 429
    assert Rating.objects.count() == KIOSK_LIMIT_PER_MINUTE


def test_a_revoked_kiosk_token_is_refused(client: Client, world, kiosk) -> None:
    services.kiosk_token_revoke(user=world.kepala, kiosk=kiosk)
    assert client.get(reverse("reputation:kiosk", args=[kiosk.token])).status_code == 404
    assert _tap(client, kiosk).status_code == 404
    sync = client.post(
        reverse("reputation:kiosk_sync", args=[kiosk.token]),
        {"puas": "1", "kunci": str(uuid.uuid4())},
    )
    assert sync.status_code == 410
    assert not Rating.objects.exists()


def test_queued_kiosk_rating_keeps_its_original_time_and_counts_once(
    client: Client, world, kiosk
) -> None:
    """SPEC R2: ratings queued offline arrive later with their time, each counted once."""
    taken = timezone.now() - datetime.timedelta(days=1, hours=2)
    data = {"puas": "1", "kunci": str(uuid.uuid4()), "waktu": taken.isoformat()}
    url = reverse("reputation:kiosk_sync", args=[kiosk.token])
    assert client.post(url, data).json() == {"status": "ok"}
    assert client.post(url, data).json() == {"status": "ok"}  # resent: still one
    rating = Rating.objects.get()
    assert abs((rating.rated_at - taken).total_seconds()) < 1
    assert RatingDay.objects.get().day == timezone.localtime(taken).date()


def test_a_kiosk_rating_from_the_future_is_dated_now_and_one_too_old_refused(
    client: Client, world, kiosk
) -> None:
    url = reverse("reputation:kiosk_sync", args=[kiosk.token])
    future = timezone.now() + datetime.timedelta(days=3)
    client.post(url, {"puas": "1", "kunci": str(uuid.uuid4()), "waktu": future.isoformat()})
    assert Rating.objects.get().rated_at <= timezone.now()
    old = timezone.now() - datetime.timedelta(days=30)
    stale = client.post(url, {"puas": "1", "kunci": str(uuid.uuid4()), "waktu": old.isoformat()})
    assert stale.status_code == 400 and Rating.objects.count() == 1


def test_agency_kiosk_asks_which_service(client: Client, world) -> None:
    kiosk = services.kiosk_token_issue(user=world.kepala, agency=world.dukcapil, name="Lobi")
    assert _tap(client, kiosk).status_code == 400  # no service chosen
    assert _tap(client, kiosk, layanan=str(world.unit_service.pk)).status_code == 302
    assert _tap(client, kiosk, layanan=str(world.poli.pk)).status_code == 400  # another OPD's
    assert Rating.objects.get().service == world.unit_service


def test_officer_issues_names_and_revokes_kiosks(client: Client, world) -> None:
    """SPEC R4: kiosks are the OPD's to manage (MANAGE_RATINGS)."""
    client.force_login(world.penghubung)
    response = client.post(
        reverse("reputation:kiosks"),
        {"agency": world.dukcapil.pk, "service": world.kk.pk, "name": "Loket KK"},
    )
    assert response.status_code == 302
    kiosk = KioskToken.objects.get()
    assert kiosk.name == "Loket KK" and kiosk.created_by == world.penghubung
    listing = client.get(reverse("reputation:kiosks")).content.decode()
    assert kiosk.token in listing
    assert client.post(reverse("reputation:kiosk_revoke", args=[kiosk.pk])).status_code == 302
    kiosk.refresh_from_db()
    assert kiosk.is_revoked and kiosk.revoked_by == world.penghubung


def test_officer_of_another_opd_cannot_see_or_revoke_a_kiosk(client: Client, world, kiosk) -> None:
    client.force_login(world.penghubung_rsud)
    assert kiosk.token not in client.get(reverse("reputation:kiosks")).content.decode()
    assert client.post(reverse("reputation:kiosk_revoke", args=[kiosk.pk])).status_code == 404
    refused = client.post(
        reverse("reputation:kiosks"),
        {"agency": world.dukcapil.pk, "name": "Curian"},
    )
    assert refused.status_code == 400
    kiosk.refresh_from_db()
    assert not kiosk.is_revoked and KioskToken.objects.count() == 1


def test_citizen_gets_403_on_kiosk_management(client: Client, world) -> None:
    client.force_login(world.citizen)
    assert client.get(reverse("reputation:kiosks")).status_code == 403


def _queue(n: int, *, start: datetime.datetime, step: datetime.timedelta) -> list[dict[str, str]]:
    """What static/js/kiosk.js keeps in localStorage: one item per tap, with its time."""
    return [
        {
            "kunci": str(uuid.uuid4()),
            "puas": "1" if i % 3 else "0",
            "waktu": (start + i * step).isoformat(),
            "bintang": "",
            "komentar": "",
        }
        for i in range(n)
    ]


def _drain(client: Client, kiosk: KioskToken, queue: list[dict[str, str]], clock) -> int:
    """Send the queue as the script does: batches of KIOSK_BATCH, drop what is answered `ok`
    or `invalid`, and after a 429 wait a full minute. Returns the number of requests."""
    url = reverse("reputation:kiosk_sync", args=[kiosk.token])
    queue = list(queue)
    requests = 0
    while queue:
        requests += 1
        assert requests < 100, "the queue does not drain"
        batch = queue[:KIOSK_BATCH]
        response = client.post(url, json.dumps({"antrian": batch}), content_type="application/json")
        assert response.status_code in (200, 429)
        results = response.json()["results"]
        answered = zip(batch, results, strict=True)
        done = {item["kunci"] for item, answer in answered if answer != "retry"}
        assert all(answer != "invalid" for answer in results)
        queue = [item for item in queue if item["kunci"] not in done]
        if response.status_code == 429:
            clock.advance(60)
    return requests


def _arrived_once_with_their_times(queue: list[dict[str, str]]) -> None:
    ratings = {str(r.idempotency_key): r for r in Rating.objects.all()}
    assert len(ratings) == len(queue)
    for item in queue:
        rating = ratings[item["kunci"]]
        sent = datetime.datetime.fromisoformat(item["waktu"])
        assert abs((rating.rated_at - sent).total_seconds()) < 1
        assert rating.satisfied == (item["puas"] == "1")
    assert sum(RatingDay.objects.values_list("total", flat=True)) == len(queue)


@pytest.mark.parametrize("size", [25, 200])
def test_a_long_outage_queue_drains_in_batches_each_rating_once(
    client: Client, world, kiosk, clock, size: int
) -> None:
    """SPEC R2: 25 or 200 ratings queued during an outage all arrive, once, with their times."""
    start = timezone.now() - datetime.timedelta(hours=5)
    queue = _queue(size, start=start, step=datetime.timedelta(seconds=30))
    requests = _drain(client, kiosk, queue, clock)
    assert requests == -(-size // KIOSK_BATCH)  # no request refused: whole batches
    _arrived_once_with_their_times(queue)
    # The script resends a batch whose answer it lost: nothing counts twice.
    _drain(client, kiosk, queue[:KIOSK_BATCH], clock)
    _arrived_once_with_their_times(queue)


def test_25_live_ratings_over_the_minute_limit_go_through_in_the_next_minute(
    client: Client, world, kiosk, clock
) -> None:
    """SPEC R2: the per-minute window is fixed and counts accepted ratings only, so the five
    over the limit are recorded in the next minute however often the kiosk retried."""
    queue = _queue(25, start=timezone.now(), step=datetime.timedelta(milliseconds=10))
    url = reverse("reputation:kiosk_sync", args=[kiosk.token])
    first = client.post(url, json.dumps({"antrian": queue}), content_type="application/json")
    assert first.status_code == 429
    assert first.json()["results"].count("ok") == KIOSK_LIMIT_PER_MINUTE
    rest = queue[KIOSK_LIMIT_PER_MINUTE:]
    for _ in range(10):  # the old script retried every 15 s: each retry is refused...
        clock.advance(5)
        again = client.post(url, json.dumps({"antrian": rest}), content_type="application/json")
        assert again.status_code == 429 and again.json()["results"] == ["retry"] * 5
    clock.advance(10)  # ...and still cannot push the window's end back: 60 s are up
    last = client.post(url, json.dumps({"antrian": rest}), content_type="application/json")
    assert last.status_code == 200 and last.json() == {"status": "ok", "results": ["ok"] * 5}
    _arrived_once_with_their_times(queue)


def test_a_kiosk_day_is_capped_and_a_batch_takes_at_most_its_size(
    client: Client, world, kiosk, monkeypatch
) -> None:
    """000:Pasal 3c: queued ratings skip the minute window but not the per-day cap per kiosk."""
    monkeypatch.setattr("reputation.kiosk.KIOSK_LIMIT_PER_DAY", 3)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    queue = _queue(KIOSK_BATCH + 2, start=yesterday, step=datetime.timedelta(seconds=1))
    url = reverse("reputation:kiosk_sync", args=[kiosk.token])
    response = client.post(url, json.dumps({"antrian": queue}), content_type="application/json")
    results = response.json()["results"]
    assert response.status_code == 429 and len(results) == KIOSK_BATCH + 2
    # Three recorded; the rest of yesterday can never fit (dropped); past the batch: later.
    assert results[:3] == ["ok"] * 3
    assert set(results[3:KIOSK_BATCH]) == {"invalid"}
    assert results[KIOSK_BATCH:] == ["retry", "retry"]
    assert Rating.objects.count() == 3


def test_a_malformed_batch_is_refused_with_400_not_500(client: Client, world, kiosk) -> None:
    url = reverse("reputation:kiosk_sync", args=[kiosk.token])
    for body in ("{", "[]", '{"antrian": [1, 2]}', '{"antrian": "x"}'):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400, body
    bad = client.post(
        url,
        json.dumps({"antrian": [{"puas": "1"}, {"puas": "2", "kunci": str(uuid.uuid4())}]}),
        content_type="application/json",
    )
    assert bad.status_code == 200 and bad.json()["results"] == ["invalid", "invalid"]
    assert not Rating.objects.exists()


def test_kiosk_sync_refuses_the_token_of_a_deactivated_agency(client: Client, world, kiosk) -> None:
    """SPEC R2: like the kiosk page, the sync refuses a kiosk whose OPD is no longer active."""
    world.dukcapil.is_active = False
    world.dukcapil.save(update_fields=["is_active"])
    url = reverse("reputation:kiosk_sync", args=[kiosk.token])
    single = client.post(url, {"puas": "1", "kunci": str(uuid.uuid4())})
    batch = client.post(
        url,
        json.dumps({"antrian": _queue(2, start=timezone.now(), step=datetime.timedelta())}),
        content_type="application/json",
    )
    assert single.status_code == 410 and batch.status_code == 410
    assert not Rating.objects.exists()
