"""`make run`: migrate, seed twice, then scripts/run.sh serves the portal with a worker and
the scheduler on SQLite and the embedded broker; one Ctrl-C stops every process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Nothing that would point the run at the test suite's PostgreSQL and Redis.
BASE_VARS = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate: Callable[[], bool], timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def home_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
            return response.status
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    # Zombies awaiting their reaper still count for killpg; they run nothing.
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def test_make_run_serves_the_portal_with_worker_and_beat_and_stops_on_ctrl_c(
    tmp_path: Path,
) -> None:
    env = {k: os.environ[k] for k in BASE_VARS if k in os.environ}
    env["VAR_DIR"] = str(tmp_path)
    python = str(ROOT / ".venv" / "bin" / "python")

    def manage(*args: str) -> str:
        result = subprocess.run(
            [python, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,  # seed_demo on a loaded 2-core machine
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    manage("migrate", "--noinput", "-v", "0")
    assert "baris baru" in manage("seed_demo")
    assert "(0 baris baru, 0 diperbarui)" in manage("seed_demo")
    assert (tmp_path / "db.sqlite3").exists()

    port = free_port()
    log = tmp_path / "run.log"
    with log.open("w") as out:
        run = subprocess.Popen(
            ["scripts/run.sh", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # A terminal's Ctrl-C: SIGINT at its default disposition, whatever ours is.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    try:
        assert wait_for(lambda: home_status(f"http://127.0.0.1:{port}/") == 200, 30), (
            log.read_text()
        )
        # The worker consumes from the embedded broker: a queued message is taken off it.
        subprocess.run(
            [python, "-c", "from config.celery import app; app.send_task('celery.accumulate')"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=60,
        )
        queue = tmp_path / "broker" / "queue"
        assert wait_for(lambda: not any(queue.iterdir()), 20), log.read_text()
        # The embedded scheduler (beat) keeps its schedule in VAR_DIR.
        assert wait_for(lambda: any(tmp_path.glob("celerybeat-schedule*")), 10)
        # The banner lists the demo logins.
        assert wait_for(lambda: "layanan-demo-2026" in log.read_text(), 15), log.read_text()
        assert "admin.nasional" in log.read_text()

        os.killpg(run.pid, signal.SIGINT)
        run.wait(timeout=30)
        assert wait_for(lambda: not group_alive(run.pid), 15), log.read_text()
        assert home_status(f"http://127.0.0.1:{port}/") is None
    finally:
        if run.poll() is None or group_alive(run.pid):
            try:
                os.killpg(run.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            run.wait(timeout=10)
