"""Kiosk tokens: issued, named and revoked by officers; a full-screen page that resets (SPEC R1)."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reputation import services
from reputation.models import Channel, KioskToken, Rating, RatingDay
from reputation.views import KIOSK_LIMIT_PER_MINUTE

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
