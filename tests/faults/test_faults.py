"""The portal under faults, with the real services of the suite (scripts/test.sh): PostgreSQL
restarted in a burst, Redis stopped, a Celery worker killed mid-task, a mail server that
refuses. Each test prints its figures (run with -s to read them).

SPEC C12 (nothing lost), C14 (every step recorded), C13 (the reporter is told, late at worst).
"""

from __future__ import annotations

import glob
import os
import signal
import socketserver
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.test import override_settings
from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import Complaint, Status
from config.celery import app as celery_app
from notices import delivery
from notices.models import OutboundEmail, OutboundStatus
from reputation import services as rating_services
from reputation.models import Rating
from tests.personas import World

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
BASE_DIR = Path(settings.BASE_DIR)


def wait_for(check: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


# ---------------------------------------------------------------------------------------------
# A small SMTP server: accepts, refuses (554), or stalls before answering DATA.


class Smtp(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.mode = "accept"  # accept | refuse | stall
        self.received: list[str] = []
        self.sessions = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]


class SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        server: Smtp = self.server  # type: ignore[assignment]
        server.sessions += 1
        self.wfile.write(b"220 uji ESMTP\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 uji\r\n")
            elif verb == b"MAIL":
                self.wfile.write(b"250 ok\r\n")
            elif verb == b"RCPT":
                refuse = server.mode == "refuse"
                self.wfile.write(b"554 ditolak\r\n" if refuse else b"250 ok\r\n")
            elif verb == b"DATA":
                if server.mode == "stall":
                    time.sleep(600)  # the worker is killed while it waits here
                self.wfile.write(b"354 go\r\n")
                body = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(chunk.decode(errors="replace"))
                server.received.append("".join(body))
                self.wfile.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp()
    yield server
    server.shutdown()
    server.server_close()


def smtp_mailers(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


# ---------------------------------------------------------------------------------------------
# PostgreSQL restarted in the middle of a burst


def pg_ctl(*args: str) -> subprocess.CompletedProcess[str]:
    data = Path(os.environ["TEST_TMP"]) / "pg" / "data"
    binary = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    log = Path(os.environ["TEST_TMP"]) / "pg" / "server.log"
    # The server must not inherit a pipe of ours: its output goes to its log file.
    return subprocess.run(
        [*as_pg, binary, "-D", str(data), "-w", "-l", str(log), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60,
    )  # fmt: skip


def with_retry(work: Callable[[], object], counters: dict[str, int]) -> object:
    """A client that retries the same request (same idempotency key) until it is answered."""
    while True:
        try:
            return work()
        except (OperationalError, InterfaceError, DatabaseError):
            counters["retries"] += 1
            connection.close()
            time.sleep(0.2)


def test_postgresql_restarted_mid_burst_loses_and_doubles_nothing(world: World) -> None:
    """SPEC C12: clients retrying with their idempotency keys through a database restart end
    with exactly one complaint per intake token and one rating per key."""
    clients, per_client = 4, 12
    counters = {"retries": 0, "done": 0}
    lock = threading.Lock()
    tokens: list[uuid.UUID] = []
    keys: list[uuid.UUID] = []

    def client(n: int) -> None:
        try:
            for i in range(per_client):
                token, key = uuid.uuid4(), uuid.uuid4()
                with lock:
                    tokens.append(token)
                    keys.append(key)
                title = f"Burst {n}-{i}"
                with_retry(
                    lambda token=token, title=title: world.submit(intake_token=token, title=title),
                    counters,
                )
                with_retry(
                    lambda key=key, voter=f"b:klien-{n}-{i}", ok=i % 2 == 0: (
                        rating_services.rating_submit(
                            user=None,
                            service=world.service,
                            satisfied=ok,
                            idempotency_key=key,
                            voter_key=voter,
                        )
                    ),
                    counters,
                )
                with lock:
                    counters["done"] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    wait_for(lambda: counters["done"] >= clients * per_client // 3, seconds=60, what="a third")
    done_before = counters["done"]
    down = time.monotonic()
    restart = pg_ctl("restart", "-m", "fast")
    assert restart.returncode == 0, restart.stderr
    downtime = time.monotonic() - down
    for t in threads:
        t.join(timeout=180)
    connection.close()
    total = clients * per_client
    complaints = Complaint.objects.filter(intake_token__in=tokens).count()
    ratings = Rating.objects.filter(idempotency_key__in=keys).count()
    print(
        f"\nPostgreSQL restart: {total} submissions + {total} ratings by {clients} clients; "
        f"restart after {done_before} pairs, database down {downtime:.2f}s; "
        f"{counters['retries']} retries; in the database {complaints} complaints, "
        f"{ratings} ratings; lost {total - complaints}/{total - ratings}, doubled 0; "
        f"burst {time.monotonic() - started:.1f}s"
    )
    assert counters["retries"] > 0  # the restart really hit the burst
    assert complaints == total and ratings == total
    assert Complaint.objects.filter(title__startswith="Burst").count() == total


# ---------------------------------------------------------------------------------------------
# A mail server that refuses


def test_a_refusing_mail_server_gets_retries_with_backoff_and_nothing_is_dropped(
    world: World, smtp: Smtp
) -> None:
    """SPEC C13: refused mail stays in the outbox, is tried again after 1, 5 and 15 minutes,
    is visible to operators with its error, and goes out once the server accepts."""
    with override_settings(MAILERS=smtp_mailers(smtp.port)):
        smtp.mode = "refuse"
        world.submit()
        rows = list(OutboundEmail.objects.order_by("pk"))
        assert rows
        now = timezone.now()
        gaps = []
        for _attempt in range(3):
            for row in rows:
                OutboundEmail.objects.filter(pk=row.pk).update(status=OutboundStatus.PENDING)
                delivery.outbound_deliver(outbound_id=row.pk, now=now)
            row = OutboundEmail.objects.get(pk=rows[0].pk)
            gaps.append(round((row.next_attempt_at - now).total_seconds() / 60))
            assert not delivery.outbound_deliver(outbound_id=row.pk, now=now)  # not due yet
            now = row.next_attempt_at
        refused = OutboundEmail.objects.get(pk=rows[0].pk)
        assert refused.status == OutboundStatus.PENDING and refused.attempts == 3
        assert "554" in refused.last_error
        assert gaps == [1, 5, 15]
        smtp.mode = "accept"
        for row in rows:
            assert delivery.outbound_deliver(outbound_id=row.pk, now=now)
            assert not delivery.outbound_deliver(outbound_id=row.pk, now=now)
    sent = OutboundEmail.objects.filter(status=OutboundStatus.SENT).count()
    print(
        f"\nRefusing mail server: {len(rows)} mails, 3 refusals each, retry gaps {gaps} min, "
        f"{smtp.sessions} SMTP sessions, {len(smtp.received)} delivered, {sent} rows sent, "
        "0 dropped"
    )
    assert sent == len(rows) == len(smtp.received)


# ---------------------------------------------------------------------------------------------
# Redis stopped; a worker killed mid-task


def redis_ping(port: int) -> bool:
    out = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True)
    return out.stdout.strip() == "PONG"


def redis_start(port: int) -> None:
    folder = Path(os.environ["TEST_TMP"]) / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--daemonize", "yes",
         "--save", "", "--appendonly", "no", "--dir", str(folder),
         "--pidfile", str(folder / "redis.pid"), "--logfile", str(folder / "redis.log")],
        check=True,
    )  # fmt: skip
    wait_for(lambda: redis_ping(port), seconds=10, what="Redis to start")


def start_worker(tmp_path: Path, env_extra: dict[str, str]) -> tuple[subprocess.Popen, Path]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CONN_MAX_AGE": "0",
        **env_extra,
    }
    log = tmp_path / f"worker-{time.monotonic_ns()}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(BASE_DIR / ".venv/bin/celery"), "-A", "config", "worker", "--pool=solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", "celery",
             "--loglevel=INFO"],
            cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    wait_for(lambda: " ready." in log.read_text() or proc.poll() is not None, seconds=30,
             what="the worker")  # fmt: skip
    assert proc.poll() is None, log.read_text()
    return proc, log


def mails_in(folder: Path) -> int:
    """Messages the file backend wrote (one file may hold several)."""
    return sum(p.read_text(errors="replace").count("\nMessage-ID: ") for p in folder.iterdir())


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def test_redis_stopped_everything_still_works_and_the_outbox_drains_after(
    world: World, redis_port: int, tmp_path: Path
) -> None:
    """SPEC C12, C14: with the broker and cache down, citizens submit and rate and officials
    act; their mail waits in the outbox and all of it goes out once Redis is back."""
    seconds = float(os.environ.get("FAULT_REDIS_SECONDS", "15"))
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    celery_app.control.purge()
    subprocess.run(["redis-cli", "-p", str(redis_port), "shutdown", "nosave"], check=False)
    wait_for(lambda: not redis_ping(redis_port), seconds=10, what="Redis to stop")
    submitted = rated = acted = 0
    slowest = 0.0
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            c = world.submit(title=f"Saat Redis mati {submitted}").complaint
            submitted += 1
            rating_services.rating_submit(
                user=None, service=world.service, satisfied=True,
                idempotency_key=uuid.uuid4(), voter_key=f"b:redis-{rated}",
            )  # fmt: skip
            rated += 1
            complaint_services.complaint_request_data(
                complaint_id=c.pk, version=c.version, user=world.user("admin_nasional"),
                note="Mohon lengkapi nomor KTP-el.",
            )  # fmt: skip
            acted += 1
            slowest = max(slowest, time.monotonic() - t0)
    finally:
        redis_start(redis_port)
    waiting = OutboundEmail.objects.filter(status=OutboundStatus.PENDING).count()
    assert Complaint.objects.filter(status=Status.MENUNGGU_DATA).count() == acted
    proc, log = start_worker(tmp_path, {"EMAIL_FILE_PATH": str(mail_dir)})
    try:
        drained = time.monotonic()
        from notices.tasks import outbox_deliver_due

        outbox_deliver_due.delay()
        total = OutboundEmail.objects.count()
        wait_for(
            lambda: OutboundEmail.objects.filter(status=OutboundStatus.SENT).count() == total,
            seconds=120,
            what=f"the outbox to drain\n{log.read_text()[-2000:]}",
        )
        drain = time.monotonic() - drained
    finally:
        stop(proc)
    print(
        f"\nRedis down {seconds:.0f}s: {submitted} submissions, {rated} ratings, {acted} "
        f"officer actions, slowest round {slowest:.2f}s, 0 refused; {waiting} mails waited, "
        f"all {total} sent {drain:.1f}s after the worker came back, "
        f"{mails_in(mail_dir)} mails written"
    )
    assert submitted > 0 and Rating.objects.count() == rated
    assert mails_in(mail_dir) == total


def test_a_worker_killed_mid_task_the_mail_goes_out_once(
    world: World, smtp: Smtp, tmp_path: Path
) -> None:
    """SPEC C13: a worker killed while sending leaves the row claimed; the sweep releases it
    and a new worker sends it: the reporter gets the mail exactly once."""
    smtp.mode = "stall"
    celery_app.control.purge()
    mailers = f"smtp://127.0.0.1:{smtp.port}"
    proc, log = start_worker(tmp_path, {"EMAIL_URL": mailers})
    try:
        world.submit()
        total = OutboundEmail.objects.count()
        wait_for(
            lambda: OutboundEmail.objects.filter(status=OutboundStatus.SENDING).exists(),
            seconds=30,
            what=f"the worker to start sending\n{log.read_text()[-2000:]}",
        )
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        stop(proc)
    stuck = OutboundEmail.objects.filter(status=OutboundStatus.SENDING).count()
    assert stuck == 1 and smtp.received == []
    smtp.mode = "accept"
    # Let the claim age past delivery.STUCK_AFTER: the worker's own sweep releases it.
    released = OutboundEmail.objects.filter(status=OutboundStatus.SENDING).update(
        claimed_at=timezone.now() - delivery.STUCK_AFTER - timedelta(minutes=1)
    )
    proc, log = start_worker(tmp_path, {"EMAIL_URL": mailers})
    try:
        from notices.tasks import outbox_deliver_due

        outbox_deliver_due.delay()
        wait_for(
            lambda: OutboundEmail.objects.filter(status=OutboundStatus.SENT).count() == total,
            seconds=60,
            what=f"the mail to go out\n{log.read_text()[-2000:]}",
        )
    finally:
        stop(proc)
    reporter = [m for m in smtp.received if "siti.pelapor@example.net" in m]
    print(
        f"\nWorker killed mid-send: {total} mails, {stuck} left claimed by the dead worker, "
        f"{released} released by the sweep, {len(smtp.received)} delivered "
        f"({len(reporter)} to the reporter), {smtp.sessions} SMTP sessions"
    )
    assert released == 1 and len(smtp.received) == total and len(reporter) == 1
