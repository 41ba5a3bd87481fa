"""With the cache server unreachable, throttles fail open instead of locking everyone out."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import throttle
from accounts.models import User

DEAD_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    }
}


@pytest.fixture
def dead_cache(settings) -> None:
    settings.CACHES = DEAD_CACHE


def test_counters_tolerate_an_unreachable_cache(dead_cache: None) -> None:
    assert throttle.failure_count("x:ip:1", period=60, limit=3) == 0
    assert throttle.failures_reached(["x:ip:1"], 3) is False
    throttle.login_failure_record(username="budi", ip="10.0.0.1")
    throttle.login_success_record(username="budi")
    assert throttle.login_locked_for(username="budi", ip="10.0.0.1") == 0


@pytest.mark.django_db
def test_login_and_tracking_work_while_the_cache_is_down(client, dead_cache: None) -> None:
    User.objects.create_user(
        username="budi", password="kata-sandi-uji-123", full_name="Budi", email="b@example.net"
    )
    response = client.post(
        reverse("accounts:login"), {"username": "budi", "password": "salah-sandi"}
    )
    assert response.status_code == 200  # a wrong password is still just a wrong password
    response = client.post(
        reverse("accounts:login"), {"username": "budi", "password": "kata-sandi-uji-123"}
    )
    assert response.status_code == 302
    response = client.post(reverse("complaints:track"), {"code": "LP-AAAA-BBBB", "secret": "X"})
    assert response.status_code == 400  # the usual "wrong code or secret", not a 500 or a 429


@pytest.mark.django_db
def test_mail_sending_pages_are_rate_limited_per_address(client) -> None:
    """Pages that mail any address typed in (verification resend, password reset) answer 429
    after a few requests an hour from one client, so no one floods a stranger's mailbox."""
    from django.core import mail

    for _ in range(throttle.MAIL_REQUEST_LIMIT):
        response = client.post(reverse("accounts:password_reset"), {"email": "a@example.net"})
        assert response.status_code == 302
    refused = client.post(reverse("accounts:password_reset"), {"email": "a@example.net"})
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan email" in refused.content.decode()
    refused = client.post(reverse("accounts:verify_resend"), {"email": "a@example.net"})
    assert refused.status_code == 429
    assert mail.outbox == []  # no account has that address: nothing was mailed at all
