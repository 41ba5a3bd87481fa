"""The fixed window (accounts.throttle.window_take) beside the login counters it must not
change (failure_count keeps renewing a reached lock)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts import throttle


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1_800_000_000.0]
    monkeypatch.setattr("accounts.throttle._now", lambda: now[0])
    return now


def test_a_fixed_window_refuses_without_counting_and_ends_on_time(clock: list[float]) -> None:
    """SPEC R2: a refused request takes no place and never pushes the window's end back."""
    assert all(throttle.window_take("w:k", period=60, limit=3) for _ in range(3))
    for _ in range(20):
        clock[0] += 2.5
        assert throttle.window_take("w:k", period=60, limit=3) is False
    clock[0] += 10  # 60 s after the window began
    assert [throttle.window_take("w:k", period=60, limit=3) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    assert throttle.window_take("w:other", period=60, limit=3) is True  # keys are separate


def test_the_login_counter_still_renews_a_reached_lock() -> None:
    """The login throttle keeps its semantics: at the limit, each failure restarts the period."""
    for _ in range(3):
        throttle.failure_count("login-fail:test", period=600, limit=3)
    cache.touch("login-fail:test", timeout=5)
    assert throttle.failure_count("login-fail:test", period=600, limit=3) == 4
    key = cache.make_and_validate_key("login-fail:test")
    assert cache._cache.get_client(key).ttl(key) > 500


def test_a_fixed_window_fails_open_when_the_cache_is_down(settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert throttle.window_take("w:k", period=60, limit=1) is True
    assert throttle.window_take("w:k", period=60, limit=1) is True
