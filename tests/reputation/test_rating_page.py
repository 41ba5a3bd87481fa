"""The one-tap rating page /nilai/<code>/ (SPEC R1, R2; 000:Pasal 3c)."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from reputation.models import CommentStatus, Rating, RatingDay

pytestmark = pytest.mark.django_db


def _post(client: Client, code: str, **data: str) -> object:
    payload = {"puas": "1", "kunci": str(uuid.uuid4())}
    payload.update(data)
    return client.post(reverse("reputation:rate", args=[code]), payload)


def test_a_visitor_rates_with_one_tap_without_an_account(client: Client, world) -> None:
    """SPEC R1: one tap on Puas records the rating and lands on the thank-you page."""
    page = client.get(reverse("reputation:rate", args=["DKC-KTP"]))
    assert page.status_code == 200
    assert "Puas" in page.content.decode() and "Tidak puas" in page.content.decode()
    response = _post(client, "DKC-KTP", puas="0")
    assert response.status_code == 302
    assert response["Location"] == reverse("reputation:thanks", args=["DKC-KTP"])
    rating = Rating.objects.get()
    assert rating.satisfied is False and rating.service == world.ktp and rating.user is None
    day = RatingDay.objects.get()
    assert (day.total, day.satisfied) == (1, 0)


def test_the_rating_page_weighs_under_30_kb_with_its_styles_and_no_script(
    client: Client, world
) -> None:
    """SPEC R1: the QR page is light enough for a cheap phone on 3G: page + CSS < 30 KB."""
    html = client.get(reverse("reputation:rate", args=["DKC-KTP"])).content.decode()
    assert "<script" not in html
    assert "bootstrap" not in html
    weight = len(html.encode())
    for href in ("css/site.css", "css/rate.css"):
        assert f"{settings.STATIC_URL}{href}" in html
        with open(finders.find(href), "rb") as f:
            weight += len(f.read())
    assert weight < 30 * 1024, weight


def test_a_double_tap_with_the_same_key_counts_once(client: Client, world) -> None:
    """SPEC R2: a resubmit after a dropped connection carries the same idempotency key."""
    key = str(uuid.uuid4())
    first = _post(client, "DKC-KTP", kunci=key)
    second = _post(client, "DKC-KTP", kunci=key)
    assert first.status_code == second.status_code == 302
    assert Rating.objects.count() == 1
    assert RatingDay.objects.get().total == 1


def test_the_same_browser_rates_a_service_once_a_day(client: Client, world) -> None:
    """000:Pasal 3c: one rating per person per service per day (signed browser token)."""
    assert _post(client, "DKC-KTP").status_code == 302
    again = _post(client, "DKC-KTP")
    assert again.status_code == 409
    assert "sudah menilai" in again.content.decode()
    assert _post(client, "DKC-KK").status_code == 302  # another service is fine
    assert Rating.objects.count() == 2
    assert RatingDay.objects.get(service=world.ktp).total == 1


def test_another_browser_may_rate_the_same_service(world) -> None:
    assert _post(Client(), "DKC-KTP").status_code == 302
    assert _post(Client(), "DKC-KTP").status_code == 302
    assert RatingDay.objects.get().total == 2


def test_a_forged_browser_cookie_is_ignored(client: Client, world) -> None:
    """The browser token is signed: a hand-made cookie gets a fresh token, never a chosen one."""
    client.cookies["lp_penilai"] = "chosen-token"
    _post(client, "DKC-KTP")
    assert not Rating.objects.filter(voter_key="b:chosen-token").exists()


def test_a_logged_in_citizen_is_one_person_on_any_browser(world) -> None:
    """000:Pasal 3c: with an account the account is the person, whatever the browser."""
    a, b = Client(), Client()
    a.force_login(world.citizen)
    b.force_login(world.citizen)
    assert _post(a, "DKC-KTP").status_code == 302
    assert _post(b, "DKC-KTP").status_code == 409
    assert Rating.objects.get().user == world.citizen


def test_an_address_is_limited_per_hour(world) -> None:
    """000:Pasal 3c: a rate limit per client address stops one machine stuffing the score."""
    for _ in range(settings.RATING_IP_LIMIT_PER_HOUR):
        assert _post(Client(), "DKC-KTP").status_code == 302
    refused = _post(Client(), "DKC-KTP")
    assert refused.status_code == 429
    assert "Terlalu banyak" in refused.content.decode()
    assert Rating.objects.count() == settings.RATING_IP_LIMIT_PER_HOUR


def _via_proxy(client_address: str) -> Client:
    """A visitor behind the bundled nginx: REMOTE_ADDR is nginx, which appends the address it
    saw to X-Forwarded-For (the client may have sent a forged one before it)."""
    return Client(REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {client_address}")


def test_behind_one_trusted_proxy_each_citizen_has_their_own_allowance(world, settings) -> None:
    """SPEC R2 (000:Pasal 3c): with LOGIN_TRUSTED_PROXIES=1 (docker-compose.yml) the limit is
    per citizen's address, not one allowance for the whole city behind nginx."""
    settings.LOGIN_TRUSTED_PROXIES = 1
    for _ in range(settings.RATING_IP_LIMIT_PER_HOUR):
        assert _post(_via_proxy("36.80.1.1"), "DKC-KTP").status_code == 302
    assert _post(_via_proxy("36.80.1.1"), "DKC-KTP").status_code == 429
    assert _post(_via_proxy("114.5.2.2"), "DKC-KTP").status_code == 302
    assert Rating.objects.count() == settings.RATING_IP_LIMIT_PER_HOUR + 1


def test_a_refused_rating_does_not_extend_the_hour(world, clock) -> None:
    """SPEC R2: the per-address limit is a fixed clock hour; a busy office's network retrying
    all through the hour is served again when the hour ends."""
    for _ in range(settings.RATING_IP_LIMIT_PER_HOUR):
        assert _post(Client(), "DKC-KTP").status_code == 302
    for _ in range(6):
        clock.advance(590)  # retries every ten minutes, the last one 59 minutes in
        assert _post(Client(), "DKC-KTP").status_code == 429
    clock.advance(60)
    assert _post(Client(), "DKC-KTP").status_code == 302
    assert Rating.objects.count() == settings.RATING_IP_LIMIT_PER_HOUR + 1


def test_stars_and_comment_are_optional_and_checked(client: Client, world) -> None:
    assert _post(client, "DKC-KTP", bintang="4", komentar="Cepat dan ramah").status_code == 302
    rating = Rating.objects.get()
    assert rating.stars == 4 and rating.comment_status == CommentStatus.APPROVED
    bad = _post(Client(), "DKC-KTP", bintang="9")
    assert bad.status_code == 400
    assert Rating.objects.count() == 1


def test_comment_markup_is_removed_and_links_or_abuse_are_held(world) -> None:
    """000:Pasal 3c: comments are sanitised; links and abuse wait for moderation."""
    _post(Client(), "DKC-KTP", komentar="<script>alert(1)</script><b>Lambat</b> sekali")
    _post(Client(), "DKC-KTP", komentar="Lihat www.judi-online.xyz sekarang")
    _post(Client(), "DKC-KTP", komentar="Petugasnya goblok")
    plain, link, abuse = Rating.objects.order_by("pk")
    assert plain.comment == "Lambat sekali" and plain.comment_status == CommentStatus.APPROVED
    assert link.comment_status == CommentStatus.HELD
    assert abuse.comment_status == CommentStatus.HELD


def test_unknown_or_inactive_service_is_404(client: Client, world) -> None:
    world.kk.is_active = False
    world.kk.save()
    assert client.get(reverse("reputation:rate", args=["TIDAK-ADA"])).status_code == 404
    assert _post(client, "DKC-KK").status_code == 404


def test_missing_choice_gets_a_translated_error_not_a_500(client: Client, world) -> None:
    response = client.post(reverse("reputation:rate", args=["DKC-KTP"]), {"kunci": "x"})
    assert response.status_code == 400
    assert "Pilih Puas atau Tidak puas" in response.content.decode()


def test_thanks_page_links_back_to_the_service_score(client: Client, world) -> None:
    response = client.get(reverse("reputation:thanks", args=["DKC-KTP"]))
    assert response.status_code == 200
    assert world.ktp.get_absolute_url() in response.content.decode()
