"""Every kind of page carries the security headers (CSP without 'unsafe-inline', nonces on
scripts, Referrer-Policy, Permissions-Policy, nosniff, framing refused), and production adds
HSTS on HTTPS."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from complaints.models import Attachment
from standards.uploads import clean_upload
from tests.factories import pdf_bytes
from tests.personas import build_world

ROOT = Path(__file__).resolve().parents[2]


def _csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _assert_headers(response, where: str) -> None:
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where
    assert response.headers.get("X-Frame-Options") == "DENY", where
    policy = response.headers.get("Permissions-Policy", "")
    assert "camera=()" in policy and "microphone=()" in policy, where
    assert "geolocation=(self)" in policy, where
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", where
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        return
    csp = _csp_directives(response)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], where
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"], where
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"], where
    assert csp["frame-ancestors"] == ["'none'"], where
    nonces = [v[7:-1] for v in csp["script-src"] if v.startswith("'nonce-")]
    body = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", body):
        # A script is a file of this origin ('self'), or inline with this response's nonce.
        assert re.search(r'\ssrc="/', tag) or (nonces and f'nonce="{nonces[0]}"' in tag), (
            f"{where}: {tag}"
        )
    assert not re.search(r"\son[a-z]+\s*=", body.split("<body", 1)[-1]), f"{where}: handler"


@pytest.mark.django_db
def test_every_kind_of_page_carries_the_security_headers() -> None:
    w = build_world()
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = pdf_bytes()
    receipt = w.submit(files=[clean_upload(SimpleUploadedFile("a.pdf", pdf))])
    code = receipt.complaint.code
    attachment = Attachment.objects.get(complaint=receipt.complaint)
    visitor = Client()
    official = Client()
    official.force_login(w.user("admin_nasional"))
    superuser = Client()
    w.user("operator").is_staff = w.user("operator").is_superuser = True
    w.user("operator").save()
    superuser.force_login(w.user("operator"))
    pages = [
        (visitor, "/", 200),
        (visitor, reverse("complaints:list"), 200),
        (visitor, reverse("complaints:create"), 200),
        (visitor, reverse("complaints:statistics"), 200),
        (visitor, reverse("standards:agency_list"), 200),
        (visitor, reverse("reputation:league"), 200),
        (visitor, reverse("accounts:login"), 200),
        (visitor, "/tidak-ada/", 404),
        (visitor, reverse("complaints:inbox"), 302),
        (official, reverse("complaints:inbox"), 200),
        (official, reverse("complaints:officer_detail", args=[code]), 200),
        (official, reverse("complaints:attachment", args=[attachment.pk]), 200),
        (superuser, "/admin/", 200),
        (superuser, "/admin/complaints/complaint/", 200),
    ]
    for client, url, status in pages:
        response = client.get(url)
        assert response.status_code == status, url
        _assert_headers(response, url)


def test_production_sends_hsts_on_https(tmp_path: Path) -> None:
    """check --deploy's own test covers the settings; this reads the header a browser gets."""
    import os
    import secrets

    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TZ") if k in os.environ}
    env.update(
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.go.id",
        VAR_DIR=str(tmp_path),
    )
    # Without collectstatic's manifest, the page renders with plain static storage.
    code = (
        "from django.conf import settings; from django.test import Client, override_settings; "
        "plain = {**settings.STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}; "
        "override_settings(STORAGES=plain).enable(); "
        "r = Client(HTTP_HOST='portal.example.go.id').get('/akun/masuk/', secure=True); "
        "print(r.status_code); print(r.headers.get('Strict-Transport-Security')); "
        "print(r.headers.get('Permissions-Policy'))"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    status, hsts, policy = done.stdout.strip().splitlines()[-3:]
    assert status == "200"
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "camera=()" in policy


def test_production_collects_every_static_file_with_hashed_names(tmp_path: Path) -> None:
    """A deployment's first step (docker compose's image, `make bench`): collectstatic with
    the manifest storage must succeed, so every file a stylesheet or script refers to exists
    (a vendored script naming a source map that is not shipped stops it)."""
    import json
    import os
    import secrets

    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TZ") if k in os.environ}
    env.update(
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.go.id",
        VAR_DIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    manifest = json.loads((tmp_path / "staticfiles" / "staticfiles.json").read_text())
    for name in ("css/site.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"):
        assert name in manifest["paths"], name
