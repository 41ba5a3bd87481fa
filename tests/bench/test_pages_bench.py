"""Benchmark: every page that matters under load, beside the framework floor (`make bench`).

`seed_scale` fills the test database with a province (BENCH_SIZE=small by default; medium or
province for the real figures, see docs/bench.md). gunicorn then serves it with the
production settings (DEBUG off, manifest static files, persistent connections, Redis cache)
from a second process, with one extra page for the measurement only: the floor, a view doing
one primary-key lookup and rendering a three-line template through the portal's middleware
(tests/bench/floor.py), anonymous and signed in.

For each page wrk runs twice on loopback: with one connection (p95 as one person sees it) and
with 8 connections on the 2 workers (req/s and p50/p95/p99 under load). Each page's req/s is
shown as a share of the floor's in the same run (the signed-in floor for signed-in pages), and
its weight over the wire on a first visit (HTML gzipped plus the CSS and JavaScript it links,
as WhiteNoise serves them compressed). The table, the command, the versions and the machine go
to docs/bench.md.

The write paths run the same way (`test_write_paths_under_load`): complaint submissions and
ratings posted by wrk as new visitors (each request its own form token, so none is a resubmit),
then counted in the database: every answered request left its row, none was lost.

`BENCH_DATABASE_URL` points the bench at a database seeded beforehand (`seed_scale --size
province` takes longer than a bench run): nothing is seeded, migrated or flushed there; the
write-path test adds its rows to it.

Asserts correctness only (every page answers 200 with what it must show, wrk saw no errors
and no non-2xx answers, every write counted), never a time: the machine is shared, compare
ratios within one run.
"""

from __future__ import annotations

import gzip
import os
import platform
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
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import django
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.db.models.functions import Coalesce
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from complaints import keyset, selectors
from complaints.models import Complaint, HolderTier, Privacy, Status
from reputation.models import Rating
from standards.models import Agency, Service
from surveys.models import Response, Survey

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
REPORT = ROOT / "docs" / "bench.md"
HOST = "127.0.0.1"
SIZE = os.environ.get("BENCH_SIZE", "small")
EXTERNAL = bool(os.environ.get("BENCH_DATABASE_URL"))
WORKERS = 2
LOAD = ["-t2", "-c8", "-d5s"]
ALONE = ["-t1", "-c1", "-d3s"]
PENGHUBUNG = "penghubung.dukcapil"
PIMPINAN = "pimpinan.sekda"
INBOX_PAGE = 25  # rows on one page of /dasbor/
OPEN = [s for s in Status if s not in (Status.SELESAI, Status.DIARSIPKAN, Status.DITOLAK)]
# Only what a server would have from the harness's environment (as tests/config does).
BASE_VARS = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")
# wrk prints the percentiles this harness needs (its own --latency has no p95).
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d %d %d %d %d\\n", summary.requests,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


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
        # Every wrk request is a new visitor from the same loopback address: the per-address
        # rating limit (30 an hour) would answer 429 after the first few.
        RATING_IP_LIMIT_PER_HOUR="100000000",
        DJANGO_SETTINGS_MODULE="tests.bench.floor_settings",
    )
    return env


@pytest.fixture
def bench_db(request: pytest.FixtureRequest, django_db_blocker: Any) -> Iterator[None]:
    """The database the bench reads: the test database, seeded by the test and emptied
    afterwards, or (BENCH_DATABASE_URL) a database seeded beforehand and left as it is."""
    if EXTERNAL:
        with django_db_blocker.unblock():
            yield
    else:
        request.getfixturevalue("transactional_db")
        yield


@pytest.fixture
def server(bench_db: None, settings: Any, tmp_path: Path) -> Iterator[str]:
    """gunicorn on a free loopback port, serving the bench's database; stopped at the end
    (before a test database is emptied)."""
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


@dataclass
class WrkResult:
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def _drain(url: str, cookie: str) -> None:
    """Wait until the previous run's queued requests are served: a request sent now answers
    only after those ahead of it, once per worker."""
    for _ in range(WORKERS):
        _get(url, cookie)


def _wrk(url: str, args: list[str], script: Path, cookie: str = "") -> WrkResult:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    run = subprocess.run(  # noqa: S603 - fixed argument list, loopback URL
        [shutil.which("wrk") or "wrk", *args, "--timeout", "10s", "-s", str(script), *headers, url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    line = re.search(r"^BENCH (.*)$", out, re.MULTILINE)
    assert line, f"{url}: no summary from wrk\n{out}"
    requests, *errors, p50, p95, p99 = (int(v) for v in line.group(1).split())
    return WrkResult(
        requests=requests,
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=p50 / 1000,
        p95_ms=p95 / 1000,
        p99_ms=p99 / 1000,
        errors=sum(errors),
    )


def _first_visit_bytes(server: str, path: str, cookie: str, body: str) -> int:
    """The page's HTML gzipped plus every stylesheet and script it links, as served (WhiteNoise
    sends the precompressed file to a browser that accepts gzip)."""
    total = len(gzip.compress(body.encode(), compresslevel=6))
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', body)
    for asset in dict.fromkeys(assets):
        request = urllib.request.Request(  # noqa: S310 - loopback
            server + asset if asset.startswith("/") else asset,
            headers={"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            total += len(response.read())
    return total


def _version(command: list[str]) -> str:
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=10)  # noqa: S603
    except OSError:
        return "?"
    return (run.stdout or run.stderr).strip().splitlines()[0] if (run.stdout or run.stderr) else "?"


def _machine() -> str:
    cpu = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
             if line.startswith("model name")),
            "?",
        )  # fmt: skip
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs ({cpu}); load average at the start {load}"


@dataclass
class Page:
    label: str
    path: str
    cookie: str
    expected: tuple[str, ...]
    floor: str  # the label of the floor it is compared with ("" for a floor)


def _pages(anon_floor: str, cookies: dict[str, str]) -> list[Page]:
    dukcapil = Agency.objects.get(slug="disdukcapil")
    service = (
        Service.objects.filter(agency=dukcapil)
        .annotate(n=Coalesce(F("rating_days__total"), 0))
        .order_by("-n", "pk")
        .first()
    )
    survey = (
        Survey.objects.filter(status="published", agency=dukcapil).order_by("-period_end").first()
    )
    assert service and survey, "the demo's Disdukcapil has services and a published SKM"
    detail = (
        Complaint.objects.public()
        .filter(opd=dukcapil, status=Status.SELESAI)
        .order_by("-received_at")
        .first()
    )
    inbox = (
        Complaint.objects.filter(
            opd=dukcapil, status__in=OPEN, holder_tier__in=[HolderTier.OPD, HolderTier.UNIT]
        )
        .annotate(due=Coalesce("data_due_at", "verification_due_at", "resolution_due_at"))
        .order_by("due", "-received_at")
        .values_list("code", flat=True)[:INBOX_PAGE]
    )
    # A deep page: the keyset cursor of the item halfway down (at most 5,000 items) the
    # OPD's history, newest first, as the page's own "Berikutnya" links would reach it.
    total = Complaint.objects.filter(opd=dukcapil).count()
    halfway = Complaint.objects.filter(opd=dukcapil).order_by("-received_at", "-pk")[
        min(total // 2, 5000)
    ]
    deep = keyset.encode(selectors.INBOX_ORDERS["-diterima"], halfway)
    name = escape(dukcapil.name)
    anon, signed = "floor, anonymous", "floor, signed in"
    officer, sekda = cookies[PENGHUBUNG], cookies[PIMPINAN]
    return [
        Page(anon, anon_floor, "", (dukcapil.slug,), ""),
        Page(signed, anon_floor, officer, (dukcapil.slug,), ""),
        Page("home", "/", "", ("",), anon),
        Page("agency list", "/opd/", "", ("Disdukcapil",), anon),
        Page("agency page", dukcapil.get_absolute_url(), "", (name,), anon),
        Page("service page", service.get_absolute_url(), "", (escape(service.name),), anon),
        Page("tracking form", "/pengaduan/lacak/", "", ("",), anon),
        Page("item page", f"/pengaduan/{detail.code}/", "", (detail.code,), anon),
        Page("public list", "/pengaduan/", "", ("",), anon),
        Page("public list, search", "/pengaduan/?q=KTP", "", ("",), anon),
        Page("statistics", "/pengaduan/statistik/", "", (name,), anon),
        Page("reputation league", "/reputasi/", "", ("",), anon),
        Page("SKM results", survey.get_results_url(), "", (escape(survey.title),), anon),
        Page("inbox", "/dasbor/", officer, tuple(inbox) or ("",), signed),
        Page(
            "inbox, filtered", "/dasbor/?tab=semua&status=ditindaklanjuti", officer, ("",), signed
        ),
        Page(
            "inbox, deep page",
            f"/dasbor/?tab=semua&urut=-diterima&setelah={deep}",
            officer,
            ("",),
            signed,
        ),
        Page("scorecard", "/dasbor/kinerja/", sekda, ("",), signed),
    ]


def _cookie(username: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# ---------------------------------------------------------------------------------------------


def _seed() -> float:
    """Seconds spent seeding (0 for a database seeded beforehand)."""
    if EXTERNAL:
        return 0.0
    started = clock.perf_counter()
    call_command("seed_scale", "--size", SIZE, "--force", stdout=sys.stdout)
    return clock.perf_counter() - started


# Committed data (gunicorn reads it from another process): `server` asks for a transactional
# test database, or for none with BENCH_DATABASE_URL.
def test_page_speed_under_load(server: str, tmp_path: Path) -> None:
    """Every page answers 200 with its content under load, without errors; writes the table."""
    assert server.startswith(f"http://{HOST}:")  # traffic stays on loopback
    machine = _machine()
    seeding = _seed()
    seeded = {
        "complaints": Complaint.objects.count(),
        "public": Complaint.objects.filter(privacy=Privacy.PUBLIK).count(),
        "ratings": Rating.objects.count(),
        "SKM answers": Response.objects.count(),
        "agencies": Agency.objects.count(),
        "services": Service.objects.count(),
    }
    print(f"\n[pages bench] seed_scale --size {SIZE} in {seeding:.0f} s: {seeded}")

    script = tmp_path / "percentiles.lua"
    script.write_text(WRK_SCRIPT)
    cookies = {u: _cookie(u) for u in (PENGHUBUNG, PIMPINAN)}
    dukcapil = Agency.objects.get(slug="disdukcapil")
    pages = _pages(f"/__floor__/{dukcapil.pk}/", cookies)
    weights = {}
    for page in pages:
        status, body = _get(server + page.path, page.cookie)
        assert status == 200, f"{page.path}: {status}\n{body[:2000]}"
        assert any(w in body for w in page.expected), f"{page.path}: none of {page.expected!r}"
        weights[page.label] = _first_visit_bytes(server, page.path, page.cookie, body)
        for _ in range(WORKERS):  # every worker has rendered the page once
            _get(server + page.path, page.cookie)

    results: dict[str, tuple[WrkResult, WrkResult]] = {}
    problems = []
    for page in pages:
        _drain(server + page.path, page.cookie)
        alone = _wrk(server + page.path, ALONE, script, page.cookie)
        _drain(server + page.path, page.cookie)
        load = _wrk(server + page.path, LOAD, script, page.cookie)
        results[page.label] = (alone, load)
        print(f"[pages bench] {page.label}: {load.rps:.0f} req/s, alone p95 {alone.p95_ms:.1f} ms")
        for r in (alone, load):
            if r.requests == 0 or r.errors:
                problems.append(f"{page.path}: {r.requests} requests, {r.errors} errors")

    header = (
        "| page | path | req/s | p50 ms | p95 ms | p99 ms | p95 ms, one client | "
        "share of the floor | KB first visit (gzip) |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    rows = []
    for page in pages:
        alone, load = results[page.label]
        share = f"{load.rps / results[page.floor][1].rps:.0%}" if page.floor else "100%"
        rows.append(
            f"| {page.label} | `{page.path}` | {load.rps:,.0f} | {load.p50_ms:.1f} | "
            f"{load.p95_ms:.1f} | {load.p99_ms:.1f} | {alone.p95_ms:.1f} | {share} | "
            f"{weights[page.label] / 1024:.1f} |"
        )
    table = "\n".join([header, *rows])
    print("\n" + table)
    versions = [
        f"Python {platform.python_version()}, Django {django.get_version()}",
        _version([str(GUNICORN), "--version"]),
        _pg_version(),
        _version([shutil.which("wrk") or "wrk", "--version"]),
    ]
    _write_report(table, seeded, seeding, machine, versions)
    assert not problems, problems


def _pg_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def _write_report(table: str, seeded: dict[str, int], seeding: float, machine: str,
                  versions: list[str]) -> None:  # fmt: skip
    """Replace the generated part of docs/bench.md (between the markers), keep the rest."""
    now = datetime.now(tz=timezone.get_current_timezone()).strftime("%Y-%m-%d %H:%M %Z")
    data = ", ".join(f"{v:,} {k}" for k, v in seeded.items())
    block = "\n".join(
        [
            "<!-- bench:start (written by tests/bench/test_pages_bench.py) -->",
            f"Run {now}: `BENCH_SIZE={SIZE} make bench` "
            f"(gunicorn -w {WORKERS} with the production settings; wrk {' '.join(LOAD)} for "
            f"req/s and p50/p95/p99, wrk {' '.join(ALONE)} for the one-client p95).",
            "",
            (
                f"- Data: seeded beforehand with `seed_scale --size {SIZE}` (BENCH_DATABASE_URL):"
                f" {data}."
                if EXTERNAL
                else f"- Data: `seed_scale --size {SIZE}` in {seeding:.0f} s: {data}."
            ),
            f"- Machine: {machine}.",
            f"- Versions: {'; '.join(versions)}.",
            "",
            table,
            "<!-- bench:end -->",
        ]
    )
    text = (
        REPORT.read_text()
        if REPORT.exists()
        else "# Benchmarks\n\n<!-- bench:start -->\n<!-- bench:end -->\n"
    )  # noqa: E501
    text = re.sub(r"<!-- bench:start.*?<!-- bench:end -->", lambda _m: block, text, flags=re.DOTALL)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(text)


# ---------------------------------------------------------------------------------------------
# The write paths

WRITE_LOAD = ["-t2", "-c8", "-d10s"]
CSRF_SECRET = "B" * 32  # the form's token and the cookie's, as a browser sends them
# Each request its own form token (a UUID): none is a resubmit of another. `tid` is set per
# wrk thread by setup(); `RUN` makes the tokens of this run unlike any earlier run's.
POST_SCRIPT = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local counter = 0
request = function()
  counter = counter + 1
  local token = string.format("%08x-RUN-4000-8000-%012x", tid, counter)
  return wrk.format("POST", nil, nil, (string.gsub(wrk.body, "@UUID@", token)))
end
"""


@dataclass
class WritePath:
    label: str
    path: str
    fields: dict[str, str]
    token_field: str
    model: Any


def _post_once(server: str, path: str, body: str) -> int:
    request = urllib.request.Request(  # noqa: S310 - loopback
        server + path,
        data=body.encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF_SECRET}",
        },
    )
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_write_paths_under_load(server: str, tmp_path: Path) -> None:
    """Complaint submissions and ratings under load: every request answered without an error
    left exactly its row (counted in the database afterwards); writes the table."""
    _seed()
    service = (
        Service.objects.filter(agency__slug="disdukcapil", is_active=True).order_by("pk").first()
    )
    assert service is not None
    paths = [
        WritePath(
            "complaint submission",
            "/pengaduan/baru/",
            {
                "kind": "pengaduan",
                "title": "Antrean perekaman KTP-el terlalu panjang",
                "description": "Sejak pagi menunggu, nomor antrean tidak bergerak.",
                "location": "Kantor Disdukcapil, Pelaihari",
                "privacy": "publik",
                "reporter_name": "Warga Uji Beban",
                "reporter_email": "warga@contoh.id",
            },
            "intake_token",
            Complaint,
        ),
        WritePath(
            "rating submission",
            f"/nilai/{service.code}/",
            {"puas": "1", "bintang": "4", "komentar": ""},
            "kunci",
            Rating,
        ),
    ]
    run = secrets.token_hex(2)
    rows, problems = [], []
    for write in paths:
        fields = {"csrfmiddlewaretoken": CSRF_SECRET, **write.fields, write.token_field: "@UUID@"}
        body = "&".join(f"{k}={quote(v, safe='@')}" for k, v in fields.items())
        # The form as posted is valid: a single request answers with the redirect of success.
        before = write.model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        single = body.replace("@UUID@", f"00000000-{run}-4000-8000-000000000000")
        status = _post_once(server, write.path, single)
        assert status == 302, f"{write.path}: {status} for one valid form"
        script = tmp_path / f"post-{write.token_field}.lua"
        script.write_text(POST_SCRIPT.replace("RUN", run) + WRK_SCRIPT)
        result = _wrk_post(server + write.path, body, script)
        added = write.model.objects.filter(pk__gt=before).count() - 1  # minus the single one
        answered = result.requests - result.errors
        # wrk stops with up to one request per connection in flight: served, not counted.
        if result.errors or not answered <= added <= answered + 8:
            problems.append(
                f"{write.label}: {result.requests} requests, {result.errors} errors, "
                f"{added} rows written"
            )
        rows.append((write, result, added))
        print(
            f"[write bench] {write.label}: {result.rps:.0f}/s, p95 {result.p95_ms:.1f} ms, "
            f"{added} rows for {answered} answers"
        )
    header = (
        "| write | path | per second | p50 ms | p95 ms | p99 ms | requests answered | "
        "rows written |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    lines = [
        f"| {w.label} | `{w.path}` | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | "
        f"{r.p99_ms:.1f} | {r.requests - r.errors:,} | {added:,} |"
        for w, r, added in rows
    ]
    _write_writes_report("\n".join([header, *lines]))
    assert not problems, problems


def _wrk_post(url: str, body: str, script: Path) -> WrkResult:
    wrk_script = script.read_text() + f"\nwrk.body = [[{body}]]\n"
    script.write_text(wrk_script)
    return _wrk(
        url,
        [
            *WRITE_LOAD,
            "-H",
            "Content-Type: application/x-www-form-urlencoded",
        ],
        script,
        cookie=f"csrftoken={CSRF_SECRET}",
    )


def _write_writes_report(table: str) -> None:
    """Replace the write-path block of docs/bench.md (between its markers), keep the rest."""
    now = datetime.now(tz=timezone.get_current_timezone()).strftime("%Y-%m-%d %H:%M %Z")
    source = "seeded beforehand" if EXTERNAL else f"`seed_scale --size {SIZE}`"
    block = "\n".join(
        [
            "<!-- bench-writes:start (written by tests/bench/test_pages_bench.py) -->",
            f"Run {now} on the same server ({source} data; wrk {' '.join(WRITE_LOAD)}, each "
            "request a new visitor with its own form token; rows counted in PostgreSQL "
            "afterwards).",
            "",
            table,
            "<!-- bench-writes:end -->",
        ]
    )
    text = REPORT.read_text() if REPORT.exists() else "# Benchmarks\n"
    if "<!-- bench-writes:start" not in text:
        text = text.replace("<!-- bench:end -->", "<!-- bench:end -->\n\n" + block, 1)
    else:
        text = re.sub(
            r"<!-- bench-writes:start.*?<!-- bench-writes:end -->",
            lambda _m: block,
            text,
            flags=re.DOTALL,
        )
    REPORT.write_text(text)
