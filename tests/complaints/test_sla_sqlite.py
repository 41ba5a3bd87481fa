"""The SLA sweep on the development settings (`make run`: SQLite, no DATABASE_URL).

The beat job runs every five minutes there too; its alert INSERT must not depend on
PostgreSQL. A subprocess migrates a fresh SQLite file in a temporary VAR_DIR, files items
through the services, and runs the Celery task's function twice at the same moment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Nothing that would point the run at the test suite's PostgreSQL and Redis.
BASE_VARS = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")

SCRIPT = r"""
import json
from datetime import datetime

from django.db import connection
from django.utils import timezone

from accounts.models import Membership, Role, User
from complaints import services
from complaints.models import Complaint, DeadlineAlert, Event, EventAction, Kind, Privacy, Status
from complaints.tasks import sla_sweep
from standards.models import Agency, AgencyKind

assert connection.vendor == "sqlite", connection.vendor


def at(*args):
    return timezone.make_aware(datetime(*args))


pemda = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Uji", slug="uji")
opd = Agency.objects.create(kind=AgencyKind.DINAS, name="Dinas Uji", slug="dinas", parent=pemda)


def member(username, agency, role):
    user = User.objects.create_user(username=username, password="x-" * 8, full_name=username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


ai = member("admin.uji", pemda, Role.ADMIN_INSTANSI)
ph = member("penghubung.uji", opd, Role.PENGHUBUNG)


def filed(title, now):
    content = services.ComplaintContent(
        kind=Kind.ASPIRASI, title=title, description="Uraian.", privacy=Privacy.PUBLIK
    )
    return services.complaint_submit(None, content=content, now=now).complaint


def fresh(c):
    c.refresh_from_db()
    return c


def accepted(title, now):
    c = filed(title, now)
    c = services.complaint_verify(ai, complaint_id=c.pk, version=c.version, now=now)
    c = services.complaint_route(ai, complaint_id=c.pk, version=c.version, to_agency=opd, now=now)
    return services.complaint_accept(
        ph,
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class="normatif"),
        now=now,
    )


LONG_AGO = at(2026, 10, 1, 9)
unverified = filed("Belum diverifikasi", LONG_AGO)
late = accepted("Terlambat", LONG_AGO)
soon = accepted("Hampir jatuh tempo", at(2026, 11, 2, 9))
waiting = accepted("Menunggu data", LONG_AGO)
services.complaint_request_data(
    ph, complaint_id=waiting.pk, version=waiting.version, note="Foto?", now=LONG_AGO
)
answered = accepted("Dijawab", LONG_AGO)
services.complaint_respond(
    ph,
    complaint_id=answered.pk,
    version=answered.version,
    answer=services.Answer(text="Sudah."),
    now=LONG_AGO,
)

first = sla_sweep("2026-11-04T10:00")
second = sla_sweep("2026-11-04T10:00")


def events(c, action):
    return Event.objects.filter(complaint=c, action=action).count()


print(json.dumps({
    "first": first,
    "second": second,
    "alerts": sorted(
        (Complaint.objects.get(pk=a.complaint_id).title, a.kind, a.deadline_kind)
        for a in DeadlineAlert.objects.all()
    ),
    "reminder_events": events(soon, EventAction.REMINDER),
    "breach_events": events(late, EventAction.BREACH) + events(unverified, EventAction.BREACH),
    "waiting": [fresh(waiting).status, events(waiting, EventAction.ARCHIVED)],
    "answered_closed": fresh(answered).closed_at is not None,
    "closed_events": events(answered, EventAction.CLOSED),
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


def test_sla_sweep_runs_on_the_development_settings_and_does_each_thing_once(
    tmp_path: Path,
) -> None:
    """SPEC C7, C8, C9: under `make run` (SQLite) the beat job reminds, records breaches,
    archives and closes what is due, each exactly once however often it runs."""
    migrated = run_on_sqlite(tmp_path, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    assert (tmp_path / "db.sqlite3").exists()

    ran = run_on_sqlite(tmp_path, "shell", "--no-imports", "-c", SCRIPT)
    assert ran.returncode == 0, ran.stderr[-3000:]
    result = json.loads(ran.stdout.strip().splitlines()[-1])

    assert result["first"] == {
        "reminders": 1,
        "breaches": 1,
        "verification_breaches": 1,
        "archived": 1,
        "closed": 1,
    }
    assert result["second"] == dict.fromkeys(result["first"], 0)
    assert result["alerts"] == [
        ["Belum diverifikasi", "breach", "verification"],
        ["Hampir jatuh tempo", "reminder", "resolution"],
        ["Terlambat", "breach", "resolution"],
    ]
    assert result["reminder_events"] == 1
    assert result["breach_events"] == 2
    assert result["waiting"] == ["diarsipkan", 1]
    assert result["answered_closed"] is True
    assert result["closed_events"] == 1
