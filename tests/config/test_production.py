"""Production is the same settings module with the environment set (ARCHITECTURE.md)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A clean process environment: only what a server would have, not the test harness's own
# variables (DJANGO_ALLOW_ASYNC_UNSAFE, TEST_*), which check --deploy rightly rejects.
BASE_VARS = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")


def production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    env = {k: os.environ[k] for k in BASE_VARS if k in os.environ}
    env.update(
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.go.id",
        VAR_DIR=str(tmp_path),
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_environment(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in output and "ERROR" not in output


def test_production_settings_are_strict(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL.split(':')[0], "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.MAILERS['default']['BACKEND'])"
    )
    result = manage(production_env(tmp_path), "shell", "-v", "0", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django.db.backends.postgresql",
        "redis",
        "True",
        "True",
        "True",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


@pytest.mark.parametrize("debug", ["0", "false", "off"])
def test_debug_off_without_secret_key_refuses_to_start(tmp_path: Path, debug: str) -> None:
    """With nothing set at all the settings are development (DEBUG on, ARCHITECTURE.md);
    switching DEBUG off without a SECRET_KEY must stop the process with a clear message."""
    result = manage(production_env(tmp_path, SECRET_KEY=None, DEBUG=debug), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set." in result.stderr
    assert "refuses to start without it" in result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set when DEBUG is off."),
        ("DATABASE_URL", "DATABASE_URL must point at PostgreSQL when DEBUG is off."),
        ("REDIS_URL", "REDIS_URL must be set when DEBUG is off."),
    ],
)
def test_production_refuses_to_start_without(tmp_path: Path, missing: str, message: str) -> None:
    result = manage(production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_sqlite(tmp_path: Path) -> None:
    """STYLE 9: no SQLite in production."""
    env = production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    result = manage(env, "check")
    assert result.returncode != 0
    assert "Production runs on PostgreSQL" in result.stderr
