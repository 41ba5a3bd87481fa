"""docker-compose.yml and the Dockerfile cannot be run here (no Docker daemon): these tests
keep them consistent with the code they start."""

from __future__ import annotations

import ast
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def command_words(service: dict) -> list[str]:
    command = service.get("command", [])
    if isinstance(command, str):
        command = shlex.split(command)
    # `sh -c "a && b"`: the shell script's words count as the command's.
    words: list[str] = []
    for part in command:
        words.extend(shlex.split(part) if " " in part else [part])
    return words


def settings_env_names() -> set[str]:
    """Environment variables config/settings.py reads: env.<cast>("NAME"), "NAME" in env."""
    tree = ast.parse((ROOT / "config" / "settings.py").read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and re.fullmatch(r"[A-Z][A-Z0-9_]*", node.args[0].value)
        ):
            names.add(node.args[0].value)
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.ops[0], ast.In)
        ):
            names.add(node.left.value)
    return names


def test_compose_has_the_five_services_on_the_right_images(compose: dict) -> None:
    services = compose["services"]
    assert set(services) >= {"postgres", "redis", *APP_SERVICES}
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    for name in APP_SERVICES:
        assert services[name]["build"] == "."


def test_every_celery_app_named_in_compose_loads(compose: dict) -> None:
    seen = []
    for name, service in compose["services"].items():
        words = command_words(service)
        for i, word in enumerate(words):
            if word == "celery" and words[i + 1] == "-A":
                seen.append((name, words[i + 3]))
                # What `celery -A X` does: import X and find the Celery app in it.
                assert isinstance(find_app(words[i + 2]), Celery), name
    assert sorted(seen) == [("beat", "beat"), ("worker", "worker")]


def test_every_gunicorn_target_imports(compose: dict) -> None:
    targets = []
    for service in compose["services"].values():
        words = command_words(service)
        targets += [words[i + 1] for i, w in enumerate(words) if w == "gunicorn"]
    assert targets
    for target in targets:
        module, _, attribute = target.partition(":")
        # In a fresh interpreter, as gunicorn loads it.
        code = (
            f"import importlib; app = getattr(importlib.import_module({module!r}), "
            f"{attribute or 'application'!r}); assert callable(app)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr


def test_web_migrates_and_collects_static_before_gunicorn(compose: dict) -> None:
    words = command_words(compose["services"]["web"])
    order = [words.index("migrate"), words.index("collectstatic"), words.index("gunicorn")]
    assert order == sorted(order)
    assert "0.0.0.0:8000" in words


def test_web_scales_behind_the_bundled_proxy_after_one_migration(compose: dict) -> None:
    """`docker compose up --scale web=3`: web publishes no host port (replicas would clash),
    the proxy publishes one and forwards to web:8000; migrations run once, before web."""
    services = compose["services"]
    assert "ports" not in services["web"] and "8000" in services["web"]["expose"]
    assert any(p.endswith(":80") for p in services["proxy"]["ports"])
    mount = next(v for v in services["proxy"]["volumes"] if v.startswith("./deploy/"))
    config = (ROOT / mount.split(":")[0]).read_text()
    assert "http://web:8000" in config and "resolver 127.0.0.11" in config
    assert "migrate" in command_words(services["migrate"])
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )


def test_every_environment_variable_is_one_the_settings_read(compose: dict) -> None:
    read = settings_env_names()
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "TIME_ZONE"} <= read
    shared = compose["x-env"]
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "TIME_ZONE"} <= set(shared)
    for name in APP_SERVICES:
        env = compose["services"][name]["environment"]
        assert env == shared, name
        assert set(env) <= read, set(env) - read
    assert "@postgres:5432/" in shared["DATABASE_URL"]
    assert shared["REDIS_URL"].startswith("redis://redis:6379/")
    # The secret is never written into the file.
    assert shared["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_healthchecks_gate_the_app_services(compose: dict) -> None:
    services = compose["services"]
    for name in ("postgres", "redis", "web"):
        assert services[name]["healthcheck"]["test"], name
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_media_and_beat_schedule_live_in_volumes(compose: dict) -> None:
    services = compose["services"]
    media_root = compose["x-env"]["MEDIA_ROOT"]
    for name in ("web", "worker"):
        assert f"media:{media_root}" in services[name]["volumes"], name
    words = command_words(services["beat"])
    schedule = Path(words[words.index("--schedule") + 1])
    mounts = [v.split(":") for v in services["beat"]["volumes"]]
    assert any(schedule.is_relative_to(target) for _, target in mounts)
    assert {"media", "beat", "pgdata"} <= set(compose["volumes"])


def test_dockerfile_copies_the_project_and_installs_it() -> None:
    lines = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "FROM python:3.12-slim"
    copy = next(i for i, line in enumerate(lines) if line.startswith("COPY . "))
    install = next(i for i, line in enumerate(lines) if "pip install /app" in line)
    assert copy < install
    assert (ROOT / "pyproject.toml").exists() and (ROOT / "manage.py").exists()
    workdir = next(line.split()[1] for line in lines if line.startswith("WORKDIR"))
    assert lines[copy].split()[2] in (".", workdir)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".git", "var"} <= set(ignored)


def test_the_app_trusts_exactly_the_bundled_proxy_for_the_client_address(compose: dict) -> None:
    """SPEC R2 (000:Pasal 3c): behind the bundled nginx, which appends the client's address to
    X-Forwarded-For, the app trusts one proxy hop; at 0 every citizen would share nginx's
    address and one per-address rating allowance."""
    nginx = (Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf").read_text()
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in nginx
    assert "proxy" in compose["services"]
    assert compose["x-env"]["LOGIN_TRUSTED_PROXIES"] == "${LOGIN_TRUSTED_PROXIES:-1}"
