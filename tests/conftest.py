"""Suite-wide fixtures. The suite runs against real PostgreSQL and Redis (`make test`)."""

from __future__ import annotations

import os

import pytest
from django.conf import settings


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


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Each test starts with an empty cache (login throttles, counters)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_hasher(settings) -> None:
    """Tests create many users and tracking secrets; production keeps Django's slow hashers."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory, settings) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def redis_port() -> int:
    return int(os.environ["TEST_REDIS_PORT"])
