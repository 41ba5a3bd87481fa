"""SITE_URL: the address links in mail and SMS are built from (SPEC A1, C13: a reporter's link
must lead to the portal they used, never to a developer's loopback address)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_VARS = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")
READ = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"


def read_site_url(tmp_path: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {k: os.environ[k] for k in BASE_VARS if k in os.environ}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", VAR_DIR=str(tmp_path), **env_vars)
    return subprocess.run(
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def production(**extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "lapor.tanahlaut.go.id,www.lapor.tanahlaut.go.id",
        **extra,
    }


def test_development_defaults_to_runserver(tmp_path: Path) -> None:
    result = read_site_url(tmp_path)
    assert result.stdout.strip() == "http://127.0.0.1:8000", result.stderr


def test_the_environment_wins_without_a_trailing_slash(tmp_path: Path) -> None:
    result = read_site_url(tmp_path, SITE_URL="http://127.0.0.1:8123/")
    assert result.stdout.strip() == "http://127.0.0.1:8123", result.stderr
    result = read_site_url(tmp_path, **production(SITE_URL="https://layanan.tanahlautkab.go.id"))
    assert result.stdout.strip() == "https://layanan.tanahlautkab.go.id", result.stderr


def test_production_without_site_url_uses_https_and_the_first_allowed_host(
    tmp_path: Path,
) -> None:
    result = read_site_url(tmp_path, **production())
    assert result.stdout.strip() == "https://lapor.tanahlaut.go.id", result.stderr


def test_production_refuses_a_wildcard_host_without_site_url(tmp_path: Path) -> None:
    result = read_site_url(tmp_path, **production(ALLOWED_HOSTS=".tanahlaut.go.id"))
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_a_site_url_without_scheme_is_refused(tmp_path: Path) -> None:
    result = read_site_url(tmp_path, SITE_URL="lapor.tanahlaut.go.id")
    assert result.returncode != 0
    assert "SITE_URL must start with http:// or https://" in result.stderr


def test_make_run_points_links_at_the_port_it_serves(tmp_path: Path) -> None:
    """`PORT=8080 make run`: the demo's mail and the server agree on the address."""
    run = (ROOT / "scripts" / "run.sh").read_text()
    assert "export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}" in run
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:8123}"' in result.stdout
