"""The public search and statistics on the development settings (`make run`: SQLite, no
DATABASE_URL), where there is no GIN index and no full-text search.

A subprocess migrates a fresh SQLite file in a temporary VAR_DIR (the search index's
migration skips itself there), files items through the services, and reads the list and the
statistics through the same selectors and views as production.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_VARS = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")

SCRIPT = r"""
import json
from datetime import date, datetime

from django.db import connection
from django.test import Client
from django.utils import timezone

from complaints import selectors, services
from complaints.models import Complaint, Kind, Privacy
from standards.models import Agency, AgencyKind

assert connection.vendor == "sqlite", connection.vendor
Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Uji", slug="uji")


def filed(title, description, now):
    content = services.ComplaintContent(
        kind=Kind.ASPIRASI, title=title, description=description, privacy=Privacy.PUBLIK
    )
    item = services.complaint_submit(None, content=content, now=now).complaint
    # Published as a verification would (SPEC C3); verification itself is tested elsewhere.
    Complaint.objects.filter(pk=item.pk).update(published_at=now)
    return item


def at(*args):
    return timezone.make_aware(datetime(*args))


road = filed("Jalan berlubang", "Di depan pasar.", at(2026, 9, 30, 23, 30))
lamp = filed("Lampu jalan padam", "Sudah seminggu.", at(2026, 10, 1, 8))
filed("Antrean KTP-el", "Panjang sekali.", at(2026, 10, 20, 9))

def titles(q):
    return sorted(c.title for c in selectors.public_list(q=q))

client = Client(HTTP_HOST="localhost")
found = client.get("/pengaduan/", {"q": road.code.lower()})
october = selectors.public_statistics(
    selectors.Period(start=date(2026, 10, 1), end=date(2026, 10, 31))
)
stats_page = client.get("/pengaduan/statistik/", {"dari": "2026-10-01"})
csv_page = client.get("/pengaduan/statistik/unduh/")
print(json.dumps({
    "jalan": titles("jalan"),
    "berlub pasar": titles("berlub PASAR"),
    "nothing": titles("sungai"),
    "code": [found.status_code, found.get("Location")],
    "october": [
        october.overall["received"], [(str(m["month"]), m["n"]) for m in october.by_month]
    ],
    "pages": [stats_page.status_code, csv_page.status_code, client.get("/pengaduan/").status_code],
}))
"""


def run_on_sqlite(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: os.environ[k] for k in BASE_VARS if k in os.environ}
    env |= {"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_search_and_statistics_work_on_the_development_settings(tmp_path: Path) -> None:
    """SPEC C15: under `make run` (SQLite) words and codes are found, and the period and
    months of the statistics are counted in the pemda's zone, without PostgreSQL."""
    migrated = run_on_sqlite(tmp_path, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    ran = run_on_sqlite(tmp_path, "shell", "--no-imports", "-c", SCRIPT)
    assert ran.returncode == 0, ran.stderr[-3000:]
    result = json.loads(ran.stdout.strip().splitlines()[-1])
    assert result["jalan"] == ["Jalan berlubang", "Lampu jalan padam"]
    assert result["berlub pasar"] == ["Jalan berlubang"]
    assert result["nothing"] == []
    assert result["code"][0] == 302 and result["code"][1].startswith("/pengaduan/LP-")
    # 30 September 23.30 local time is not October, even where UTC says so.
    assert result["october"] == [2, [["2026-10-01", 2]]]
    assert result["pages"] == [200, 200, 200]
