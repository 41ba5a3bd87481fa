"""Backups that restore (scripts/backup.sh, scripts/restore.sh, `make backup`): a dump of the
test database and its uploaded files is restored into an empty database and directory, and
every complaint, event and attachment comes back intact, compared by checksums."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image
from psycopg import sql

from complaints.models import Attachment, Event
from standards.uploads import clean_upload
from tests.factories import pdf_bytes
from tests.personas import build_world

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("complaints_complaint", "complaints_event", "complaints_attachment", "accounts_user")

pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str) -> str:
    s = connection.settings_dict
    return f"postgresql://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _table_digests(url: str) -> dict[str, tuple[int, str]]:
    with psycopg.connect(url) as db:
        out = {}
        for table in TABLES:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) "
                "FROM {} t"
            ).format(sql.Identifier(table))
            count, digest = db.execute(query).fetchone()
            out[table] = (count, digest)
        return out


def _photo(seed: int) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (seed * 40 % 255, 90, 160)).save(buf, format="PNG")
    return SimpleUploadedFile(f"foto-{seed}.png", buf.getvalue(), "image/png")


def test_a_backup_restores_every_complaint_event_and_file_intact(tmp_path, settings) -> None:
    """SPEC C12, C14: nothing is lost in a restore; the append-only triggers come back too."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    w = build_world()
    for i in range(5):
        pdf = pdf_bytes(author=f"Pelapor {i}")
        files = [clean_upload(_photo(i)), clean_upload(SimpleUploadedFile("s.pdf", pdf))]
        w.submit(title=f"Keluhan nomor {i}", files=files)
    attachments = list(Attachment.objects.order_by("pk"))
    assert len(attachments) == 10 and Event.objects.count() >= 5
    file_sums = {a.file.name: hashlib.sha256(a.file.read()).hexdigest() for a in attachments}

    source = _url(connection.settings_dict["NAME"])
    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": settings.MEDIA_ROOT}
    made = subprocess.run(
        ["scripts/backup.sh", str(tmp_path / "backups")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip().splitlines()[-1])
    assert {p.name for p in backup.iterdir()} == {"db.dump", "media.tar.gz", "SHA256SUMS"}

    target_name = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{target_name}"')
    try:
        target = _url(target_name)
        restored_media = tmp_path / "restored-media"
        env = {**os.environ, "DATABASE_URL": target, "MEDIA_ROOT": str(restored_media)}
        done = subprocess.run(
            ["scripts/restore.sh", str(backup)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        before, after = _table_digests(source), _table_digests(target)
        assert after == before
        for name, digest in file_sums.items():
            assert hashlib.sha256((restored_media / name).read_bytes()).hexdigest() == digest
        with psycopg.connect(target) as db, pytest.raises(psycopg.errors.RestrictViolation):
            db.execute("DELETE FROM complaints_event")
        again = subprocess.run(
            ["scripts/restore.sh", str(backup)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert again.returncode != 0 and "empty" in again.stderr  # never into live data
        print(
            f"\nbackup: {len(file_sums)} files, "
            + ", ".join(f"{t}={n}" for t, (n, _d) in before.items())
            + f"; dump {(backup / 'db.dump').stat().st_size} bytes, restored identical"
        )
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')


def test_a_tampered_backup_is_refused(tmp_path) -> None:
    backup = tmp_path / "b"
    backup.mkdir()
    (backup / "db.dump").write_bytes(b"x")
    (backup / "media.tar.gz").write_bytes(b"y")
    sums = "".join(
        f"{hashlib.sha256((backup / n).read_bytes()).hexdigest()}  {n}\n"
        for n in ("db.dump", "media.tar.gz")
    )
    (backup / "SHA256SUMS").write_text(sums)
    (backup / "db.dump").write_bytes(b"z")
    env = {**os.environ, "DATABASE_URL": _url("postgres"), "MEDIA_ROOT": str(tmp_path / "m")}
    done = subprocess.run(["scripts/restore.sh", str(backup)], cwd=ROOT, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode != 0 and not (tmp_path / "m").exists()
