"""Benchmark: page speed of the busiest pages under load (gunicorn + wrk on loopback).

The demo kabupaten (`seed_demo`) plus 5,000 items spread over its OPDs, statuses, kinds and
privacy levels, with their timelines and recorded breaches, are committed to the test
database. gunicorn then serves that database with the production settings (DEBUG off,
manifest static files collected into a temporary folder, persistent database connections)
from a second process, and wrk drives each page for a few seconds: the public pages, one
public item page and a Penghubung's inbox (a session made here, sent as a cookie).

Asserts correctness only (every page answers 200 with what it must show, wrk saw no errors),
never the time. Prints per page: the time of one request alone on the warm server, then under
wrk requests/s and the 50th/99th percentile latency (8 connections on 2 sync workers, so a
request mostly waits for those ahead of it). Run with `make bench`. wrk, gunicorn and
PostgreSQL share the machine, so the figures are comparable within one run only.
"""

from __future__ import annotations

import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time as clock
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from complaints.models import (
    CODE_ALPHABET,
    Category,
    Channel,
    Complaint,
    DeadlineAlert,
    Event,
    HolderTier,
    Kind,
    Privacy,
    SlaClass,
    Status,
)
from demo import directory
from standards.models import Agency, Service

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
TOTAL = 5_000
WORKERS = 2
WRK_ARGS = ["-t2", "-c8", "-d5s", "--timeout", "10s", "--latency"]
PENGHUBUNG = "penghubung.dukcapil"
INBOX_PAGE = 25  # rows on one page of /dasbor/
# Only what a server would have from the harness's environment (as tests/config does).
BASE_VARS = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")

# (status, share of the items). Open items are recent; final ones spread over the year.
STATUS_SHARES = [
    (Status.DITERIMA, 8),
    (Status.DIVERIFIKASI, 5),
    (Status.DIDISPOSISIKAN, 10),
    (Status.DITINDAKLANJUTI, 25),
    (Status.MENUNGGU_DATA, 4),
    (Status.SELESAI, 38),
    (Status.DIARSIPKAN, 5),
    (Status.DITOLAK, 5),
]
PRIVACY_SHARES = [(Privacy.PUBLIK, 60), (Privacy.RAHASIA, 25), (Privacy.ANONIM, 15)]
KIND_SHARES = [(Kind.PENGADUAN, 70), (Kind.ASPIRASI, 20), (Kind.INFORMASI, 10)]
CHANNELS = [Channel.PORTAL] * 6 + [Channel.TATAP_MUKA, Channel.SMS, Channel.EMAIL, Channel.SURAT]
CATEGORIES = ["Administrasi kependudukan", "Kesehatan", "Infrastruktur", "Pendidikan", "Lainnya"]
TITLES = [
    "KTP-el belum jadi setelah enam minggu",
    "Antrean pelayanan terlalu panjang",
    "Jalan berlubang di depan sekolah",
    "Air PDAM tidak mengalir tiga hari",
    "Petugas meminta biaya di luar ketentuan",
    "Permohonan salinan dokumen anggaran",
    "Usulan penambahan loket pelayanan",
    "Lampu jalan padam sepanjang malam",
]
DESCRIPTION = (
    "Saya sudah datang tiga kali ke kantor pelayanan dan setiap kali diminta kembali minggu "
    "depan tanpa kejelasan. Mohon ditindaklanjuti dan diberi kepastian waktu penyelesaian."
)


def _pick(rng: random.Random, shares: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _w in shares], weights=[w for _v, w in shares])[0]


def _code(rng: random.Random, taken: set[str]) -> str:
    """A tracking code in the real format (LP-XXXX-XXXX), unique among `taken`."""
    while True:
        body = "".join(rng.choices(CODE_ALPHABET, k=8))
        code = f"LP-{body[:4]}-{body[4:]}"
        if code not in taken:
            taken.add(code)
            return code


@dataclass
class Seeded:
    complaints: int
    events: int
    breaches: int
    detail_code: str
    inbox_codes: tuple[str, ...]  # the first page of the Penghubung's inbox, of these items


def _seed_items(rng: random.Random) -> Seeded:
    """TOTAL items over the demo OPDs, as the workflow would have left them."""
    now = timezone.now()
    nasional = Agency.objects.get(slug=directory.NASIONAL)
    pemda = Agency.objects.get(slug=directory.PEMDA)
    opds = list(Agency.objects.active().opds().filter(path__startswith=pemda.path))
    dukcapil = next(a for a in opds if a.slug == "disdukcapil")
    # Disdukcapil and the RSUD get most of the traffic, as in any kabupaten.
    weights = [20 if a.slug == "disdukcapil" else 8 if a.kind == "rsud" else 1 for a in opds]
    units: dict[int, list[Agency]] = {}
    for unit in Agency.objects.active().filter(parent__in=opds, tier="unit"):
        units.setdefault(unit.parent_id, []).append(unit)
    services: dict[int, list[Service]] = {}
    for service in Service.objects.filter(agency__in=opds):
        services.setdefault(service.agency_id, []).append(service)
    categories = [
        Category.objects.get_or_create(name=name, defaults={"slug": f"kategori-{n}"})[0]
        for n, name in enumerate(CATEGORIES)
    ]

    items: list[Complaint] = []
    codes: set[str] = set()
    resolution_due: dict[str, Any] = {}
    for n in range(TOTAL):
        status = _pick(rng, STATUS_SHARES)
        kind = _pick(rng, KIND_SHARES)
        final = status in (Status.SELESAI, Status.DIARSIPKAN, Status.DITOLAK)
        received = now - timedelta(days=rng.uniform(0, 365 if final else 60))
        opd = rng.choices(opds, weights=weights)[0]
        c = Complaint(
            code=_code(rng, codes),
            secret_hash="x",
            kind=kind,
            title=f"{rng.choice(TITLES)} ({n})",
            description=DESCRIPTION,
            agency=opd if rng.random() < 0.7 else None,
            service=rng.choice(services[opd.pk]) if services.get(opd.pk) else None,
            location="Jl. A. Yani, Pelaihari" if kind == Kind.PENGADUAN else "",
            privacy=_pick(rng, PRIVACY_SHARES),
            channel=rng.choice(CHANNELS),
            reporter_name=f"Pelapor {n}",
            status=status,
            received_at=received,
            holder_since=received,
            nasional=nasional,
            instansi=pemda,
        )
        if status in (Status.DITERIMA, Status.DIVERIFIKASI, Status.MENUNGGU_DATA, Status.DITOLAK):
            c.holder_tier, c.holder_agency = HolderTier.INSTANSI, pemda
            if status in (Status.DITERIMA, Status.DIVERIFIKASI):
                c.verification_due_at = received + timedelta(days=3)
            if status == Status.MENUNGGU_DATA:
                c.status_before_wait = Status.DIVERIFIKASI
                c.data_due_at = received + timedelta(days=14)
            if status == Status.DITOLAK:
                c.decline_reason = "tidak_bertanggung_jawab"
            if status != Status.DITERIMA:
                c.category = rng.choice(categories)
        else:
            c.category = rng.choice(categories)
            c.sla_class = (
                SlaClass.INFORMASI_PUBLIK
                if kind == Kind.INFORMASI
                else rng.choice([SlaClass.NORMATIF, SlaClass.TANPA_PEMERIKSAAN])
            )
            c.opd = opd
            c.holder_tier, c.holder_agency = HolderTier.OPD, opd
            c.penghubung_received_at = received + timedelta(days=2)
            # The clocks as complaints.deadlines leaves them at each stage.
            due = received + timedelta(days=rng.choice([7, 14, 21]))
            resolution_due[c.code] = due
            if status == Status.DIDISPOSISIKAN:
                c.verification_due_at = c.penghubung_received_at + timedelta(days=3)
            elif status == Status.DITINDAKLANJUTI:
                c.resolution_due_at = due
            if units.get(opd.pk) and rng.random() < 0.15:
                c.unit = rng.choice(units[opd.pk])
                c.holder_tier, c.holder_agency = HolderTier.UNIT, c.unit
            if status != Status.DIDISPOSISIKAN:
                days = rng.randint(1, 10)
                c.first_followup_at = received + timedelta(days=days)
                c.followup_working_days = max(1, days * 5 // 7)
            if status == Status.SELESAI:
                c.response = "Sudah kami tindak lanjuti; dokumen dapat diambil di loket 2."
                c.responded_at = received + timedelta(days=rng.randint(3, 20))
                closure_due = c.responded_at + timedelta(days=14)
                if closure_due < now:
                    c.closed_at = closure_due
                    c.satisfied = rng.random() < 0.7
                else:
                    c.closure_due_at = closure_due
        items.append(c)
    Complaint.objects.bulk_create(items, batch_size=1_000)

    events: list[Event] = []
    breaches: list[DeadlineAlert] = []
    for c in items:
        at = c.received_at
        events.append(Event(complaint=c, created_at=at, action="submitted", to_status="diterima"))
        if c.status == Status.DITOLAK:
            events.append(
                Event(
                    complaint=c,
                    created_at=at + timedelta(days=1),
                    action="declined",
                    actor_role="admin_instansi",
                    actor_agency=pemda,
                    from_status=Status.DITERIMA,
                    to_status=Status.DITOLAK,
                )
            )
        if c.opd_id:
            for step, (action, to_status) in enumerate(
                [("verified", Status.DIVERIFIKASI), ("routed", Status.DIDISPOSISIKAN)], start=1
            ):
                events.append(
                    Event(
                        complaint=c,
                        created_at=at + timedelta(hours=step * 5),
                        action=action,
                        actor_role="admin_instansi",
                        actor_agency=pemda,
                        to_status=to_status,
                        target_agency=c.opd if action == "routed" else None,
                    )
                )
            events.append(
                Event(
                    complaint=c,
                    created_at=at + timedelta(days=2),
                    action="note",
                    actor_role="penghubung",
                    actor_agency=c.opd,
                    is_public=False,
                    note="Sudah dikoordinasikan dengan bidang terkait.",
                )
            )
        if c.responded_at:
            events.append(
                Event(
                    complaint=c,
                    created_at=c.responded_at,
                    action="responded",
                    actor_role="penghubung",
                    actor_agency=c.opd,
                    note=c.response,
                    from_status=Status.DITINDAKLANJUTI,
                    to_status=Status.SELESAI,
                )
            )
        due = resolution_due.get(c.code)
        late_answer = c.responded_at is not None and c.responded_at > due
        late_open = c.status == Status.DITINDAKLANJUTI and due < now
        if late_answer or late_open:
            breaches.append(
                DeadlineAlert(
                    complaint=c,
                    kind="breach",
                    deadline_kind="resolution",
                    due_at=due,
                )
            )
    Event.objects.bulk_create(events, batch_size=2_000)
    DeadlineAlert.objects.bulk_create(breaches, batch_size=2_000)
    with connection.cursor() as cursor:
        for model in (Complaint, Event, DeadlineAlert):
            cursor.execute(f"ANALYZE {model._meta.db_table}")  # noqa: S608 - model metadata

    def waiting_at_dukcapil(c: Complaint) -> bool:
        open_ = c.status not in (Status.SELESAI, Status.DIARSIPKAN, Status.DITOLAK)
        return open_ and c.holder_tier in (HolderTier.OPD, HolderTier.UNIT) and c.opd == dukcapil

    detail = next(
        c
        for c in items
        if c.opd_id == dukcapil.pk and c.privacy == Privacy.PUBLIK and c.status == Status.SELESAI
    )
    # The inbox lists the earliest current deadline (data, verification, resolution) first.
    inbox = sorted(
        (c for c in items if waiting_at_dukcapil(c)),
        key=lambda c: (
            c.data_due_at or c.verification_due_at or c.resolution_due_at,
            -c.received_at.timestamp(),
        ),
    )
    codes = tuple(c.code for c in inbox[:INBOX_PAGE])
    return Seeded(len(items), len(events), len(breaches), detail.code, codes)


# ---------------------------------------------------------------------------------------------
# The server and the load generator


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _server_env(var_dir: Path) -> dict[str, str]:
    """Production settings on the test database and Redis (what `settings` reads)."""
    db = settings.DATABASES["default"]
    user = quote(db["USER"] or "postgres", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    env = {k: os.environ[k] for k in BASE_VARS if k in os.environ}
    env.update(
        DATABASE_URL=f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        SECRET_KEY=settings.SECRET_KEY,  # the session cookie made here must verify there
        DEBUG="0",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
        EMAIL_FILE_PATH=str(var_dir / "mail"),  # no page sends mail; if one did, to a file
        LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture
def server(transactional_db: None, settings: Any, tmp_path: Path) -> Iterator[str]:
    """gunicorn on a free loopback port, serving the test database; stopped at the end (before
    the database is emptied)."""
    # Sessions made in this process must verify in the server: one key for both.
    settings.SECRET_KEY = secrets.token_urlsafe(64)
    env = _server_env(tmp_path)
    started = clock.perf_counter()
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collect.returncode == 0, collect.stdout + collect.stderr
    print(f"[pages bench] collectstatic in {clock.perf_counter() - started:.1f} s")

    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - fixed argument list
            [str(GUNICORN), "config.wsgi", "-w", str(WORKERS), "-b", f"{HOST}:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://{HOST}:{port}"
    try:
        deadline = clock.monotonic() + 30
        while True:
            assert proc.poll() is None, log.read_text()
            try:
                with socket.create_connection((HOST, port), timeout=1):
                    break
            except OSError:
                assert clock.monotonic() < deadline, "gunicorn did not listen within 30 s"
                clock.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect (to the login page, say) is an answer, not a 200


def _get(url: str, cookie: str = "") -> tuple[int, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


@dataclass
class WrkResult:
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: str


def _drain(url: str, cookie: str) -> None:
    """Wait (30 s at most) until the previous run's queued requests are served: a request sent
    now answers only after those ahead of it, once per worker."""
    deadline = clock.monotonic() + 30
    for _ in range(WORKERS):
        if clock.monotonic() > deadline:
            break
        _get(url, cookie)


def _wrk(url: str, cookie: str = "") -> WrkResult:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    run = subprocess.run(  # noqa: S603 - fixed argument list, loopback URL
        [shutil.which("wrk") or "wrk", *WRK_ARGS, *headers, url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    percentiles = dict(re.findall(r"^ *(\d+)% +(\S+) *$", out, re.MULTILINE))
    assert {"50", "99"} <= percentiles.keys(), f"{url}: no latency distribution\n{out}"
    errors = [
        line.strip()
        for line in out.splitlines()
        if line.strip().startswith(("Socket errors", "Non-2xx"))
    ]
    return WrkResult(
        requests=int(re.search(r"(\d+) requests in", out).group(1)),
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=_ms(percentiles["50"]),
        p99_ms=_ms(percentiles["99"]),
        errors="; ".join(errors),
    )


# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # committed: gunicorn reads it from another process
def test_page_speed_under_load(server: str) -> None:
    """Every page answers 200 under load, without errors; prints requests/s and latency."""
    assert server.startswith(f"http://{HOST}:")  # traffic stays on loopback
    started = clock.perf_counter()
    call_command("seed_demo", "--quiet", "--force")
    before = Complaint.objects.count(), Event.objects.count()  # the seed's own items, if any
    seeded = _seed_items(random.Random(20260601))  # noqa: S311 - test data, not security
    assert Complaint.objects.count() == before[0] + TOTAL
    assert Event.objects.count() == before[1] + seeded.events
    public = Complaint.objects.public().count()
    print(
        f"\n[pages bench] demo data + {seeded.complaints:,} items ({public:,} public), "
        f"{seeded.events:,} events, {seeded.breaches:,} breaches in "
        f"{clock.perf_counter() - started:.1f} s"
    )

    client = Client()
    client.force_login(User.objects.get(username=PENGHUBUNG))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    dukcapil = escape(Agency.objects.get(slug="disdukcapil").name)
    # (path, session cookie, a string the page must contain)
    pages = [
        ("/", "", ""),
        ("/opd/", "", "Disdukcapil"),
        ("/opd/disdukcapil/", "", dukcapil),
        ("/pengaduan/", "", ""),
        ("/pengaduan/statistik/", "", dukcapil),
        (f"/pengaduan/{seeded.detail_code}/", "", seeded.detail_code),
        ("/dasbor/", cookie, seeded.inbox_codes),
        ("/dasbor/?tab=semua", cookie, ""),
    ]
    single = []
    for path, page_cookie, expected in pages:
        status, body = _get(server + path, page_cookie)
        assert status == 200, f"{path}: {status}\n{body[:2000]}"
        wanted = expected if isinstance(expected, tuple) else (expected,)
        assert any(w in body for w in wanted), f"{path}: none of {wanted!r} on the page"
        for _ in range(WORKERS - 1):  # every worker has rendered the page once
            _get(server + path, page_cookie)
        times = []
        for _ in range(2):  # then the best of two, each alone on the server
            began = clock.perf_counter()
            assert _get(server + path, page_cookie)[0] == 200, path
            times.append((clock.perf_counter() - began) * 1000)
        single.append(min(times))

    width = max(len(p) for p, _c, _e in pages)
    header = f"{'URL':<{width}}  {'alone ms':>8}  {'req/s':>8}  {'p50 ms':>8}  {'p99 ms':>8}"
    print(f"\n[pages bench] gunicorn -w {WORKERS}, DEBUG off; wrk {' '.join(WRK_ARGS)}\n{header}")
    lines, problems = [], []
    for (path, page_cookie, _expected), alone in zip(pages, single, strict=True):
        _drain(server + path, page_cookie)
        r = _wrk(server + path, page_cookie)
        line = f"{path:<{width}}  {alone:>8.1f}  {r.rps:>8.1f}  {r.p50_ms:>8.1f}  {r.p99_ms:>8.1f}"
        print(line)
        lines.append(line)
        if r.requests == 0 or r.errors:
            problems.append(f"{path}: {r.requests} requests; {r.errors}")
    _drain(server + "/", "")
    print("\n".join(["\n[pages bench] summary", header, *lines]))
    assert not problems, problems
