"""Suite-wide fixtures. The suite runs against real PostgreSQL and Redis (`make test`)."""

from __future__ import annotations

import os
import re

import pytest
from django.conf import settings

from tests.personas import World, build_world


def pytest_report_header(config: pytest.Config) -> list[str]:
    db = settings.DATABASES["default"]
    lines = [f"database: {db['ENGINE']}"]
    if "postgresql" in db["ENGINE"]:
        import psycopg

        with psycopg.connect(
            host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres"
        ) as conn:
            version = conn.execute("select version()").fetchone()[0]
        lines = [f"database: PostgreSQL — {version}"]
    lines.append(f"redis: {settings.REDIS_URL or 'not configured'}")
    return lines


def pytest_configure(config: pytest.Config) -> None:
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        raise pytest.UsageError(
            "The test suite runs against PostgreSQL and Redis: use `make test`, which starts "
            "both, or set DATABASE_URL and REDIS_URL yourself."
        )
    # The one hasher setting of the suite. Tests create many users and tracking secrets;
    # production keeps Django's slow hashers (PBKDF2 stays listed so its hashes still verify).
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "complaints.hashers.TrackingSecretHasher",
    ]
    settings.COMPLAINT_SECRET_ITERATIONS = 1_000
    _own_redis_database_per_worker()


def _own_redis_database_per_worker() -> None:
    """Under pytest-xdist each worker has its own test database (pytest-django adds the
    suffix) and, here, its own Redis database: a test that clears the cache must not wipe
    the login throttle another worker's test is counting."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or not settings.REDIS_URL:
        return
    url = re.sub(r"/\d*$", "", settings.REDIS_URL) + f"/{int(worker[2:]) + 1}"
    settings.REDIS_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": url},
    }
    settings.CELERY_BROKER_URL = url
    from django.core.cache import caches

    from config.celery import app

    caches.__dict__.pop("settings", None)  # re-read CACHES if anything looked already
    app.conf.broker_url = url


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Each test starts with an empty cache (login throttles, counters)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _sms_locmem(settings) -> None:
    """Text messages land in notices.sms.outbox, empty at each test (as mail does in
    Django's test mode)."""
    from notices import sms

    settings.SMS_BACKEND = "notices.sms.LocmemSmsBackend"
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory, settings) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def world(db: None) -> World:
    """The complaint world of tests/personas.py (folders with a world of their own override it)."""
    return build_world()


@pytest.fixture(scope="session")
def redis_port() -> int:
    return int(os.environ["TEST_REDIS_PORT"])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/e2e/ drives Chromium: mark it, so `make check` leaves it out
    even when a new browser test forgets the marker."""
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)
