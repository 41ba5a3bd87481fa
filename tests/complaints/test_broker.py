"""Mail through a real Celery worker and a real Redis, and a broker outage (ARCHITECTURE.md,
Data flow: "The broker being down delays mail; it never loses or refuses a complaint").

SPEC C13 (the reporter is told), C14 (every step is recorded whatever the broker does).
The worker is a separate process on the test database; it writes mail to files
(EMAIL_FILE_PATH in config/settings.py) that this process reads.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from complaints import services
from complaints.models import Complaint, Status
from config.celery import app as celery_app
from notices.models import OutboundEmail, OutboundStatus
from notices.tasks import outbox_deliver_due
from tests.personas import World

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

REPORTER_EMAIL = "siti.pelapor@example.net"
BASE_DIR = Path(settings.BASE_DIR)


def wait_for(check: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


def redis_ping(port: int) -> bool:
    result = subprocess.run(
        ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() == "PONG"


def redis_stop(port: int) -> None:
    subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], check=False)
    wait_for(lambda: not redis_ping(port), seconds=10, what="Redis to stop")


def redis_start(port: int) -> None:
    """The same command line as scripts/test.sh, in its folder."""
    folder = Path(os.environ["TEST_TMP"]) / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--daemonize",
            "yes",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
            "--pidfile",
            str(folder / "redis.pid"),
            "--logfile",
            str(folder / "redis.log"),
        ],
        check=True,
    )
    wait_for(lambda: redis_ping(port), seconds=10, what="Redis to start")


def mail_files(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(folder.glob("*")))


class Worker:
    def __init__(self, proc: subprocess.Popen, log: Path, mail_dir: Path) -> None:
        self.proc, self.log, self.mail_dir = proc, log, mail_dir

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Worker]:
    db = connection.settings_dict  # the test database while tests run
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    database_url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_FILE_PATH": str(mail_dir),
        "CONN_MAX_AGE": "0",
    }
    celery_app.control.purge()  # nothing left over from earlier tests
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                str(BASE_DIR / ".venv/bin/celery"),
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-Q",
                "celery",
                "--loglevel=INFO",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    w = Worker(proc, log, mail_dir)
    try:
        wait_for(
            lambda: " ready." in w.output() or proc.poll() is not None,
            seconds=30,
            what="the worker to start",
        )
        assert proc.poll() is None, w.output()
        yield w
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def test_the_worker_delivers_the_receipt_mail(world: World, worker: Worker) -> None:
    """C13: on commit, the worker sends the reporter's confirmation; the row is marked sent."""
    c = world.submit().complaint
    wait_for(
        lambda: REPORTER_EMAIL in mail_files(worker.mail_dir),
        seconds=20,
        what=f"the worker's mail\n{worker.output()}",
    )
    assert c.code in mail_files(worker.mail_dir)
    wait_for(
        lambda: OutboundEmail.objects.filter(status=OutboundStatus.SENT).count() == 2,
        seconds=10,
        what="the rows to be marked sent",
    )
    row = OutboundEmail.objects.get(to_email=REPORTER_EMAIL)
    assert row.attempts == 0 and row.sent_at is not None
    assert "succeeded" in worker.output()


def test_a_broker_outage_delays_mail_but_refuses_nothing(
    world: World, worker: Worker, redis_port: int
) -> None:
    """Data flow: with Redis down a citizen's submit and an officer's action both succeed;
    their mail waits in the outbox and goes out once the broker is back."""
    redis_stop(redis_port)
    try:
        receipt = world.submit()
        c = receipt.complaint
        services.complaint_request_data(
            complaint_id=c.pk,
            version=c.version,
            user=world.user("admin_nasional"),
            note="Mohon sebutkan nomor registrasi KTP-el.",
        )
        stored = Complaint.objects.get(pk=c.pk)
        assert stored.status == Status.MENUNGGU_DATA
        assert stored.events.count() == 2
        rows = list(OutboundEmail.objects.order_by("pk"))
        assert [r.to_email for r in rows] == [
            REPORTER_EMAIL,
            "admin.nasional@example.go.id",
            REPORTER_EMAIL,
        ]
        assert {r.status for r in rows} == {OutboundStatus.PENDING}
        assert mail_files(worker.mail_dir) == ""
    finally:
        redis_start(redis_port)

    outbox_deliver_due.delay()
    wait_for(
        lambda: OutboundEmail.objects.filter(status=OutboundStatus.SENT).count() == 3,
        seconds=30,
        what=f"the sweep to deliver the outbox\n{worker.output()}",
    )
    delivered = mail_files(worker.mail_dir)
    assert delivered.count(f"To: {REPORTER_EMAIL}") == 2
    assert "Mohon sebutkan nomor registrasi KTP-el." in delivered
    assert receipt.secret not in delivered
    assert worker.proc.poll() is None  # the worker rode out the outage
