"""Profile: where a request of the public list and of the inbox spends its time.

A few hundred items are written straight to the database, then each page is requested through
the test client, once to warm the caches and then `RUNS` times under cProfile. Prints per page
the mean time per request, the share spent rendering templates and in SQL, and the functions
with the largest cumulative time. Asserts correctness only (status and rows shown), never a
time. Run with `scripts/test.sh tests/bench/test_list_profile.py -s -p no:cacheprovider`.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import secrets
import time as clock
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from complaints.models import (
    CODE_ALPHABET,
    Channel,
    Complaint,
    HolderTier,
    Kind,
    Privacy,
    Status,
)
from tests.personas import World, build_world

ITEMS = 400
RUNS = 20


def _code(i: int) -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))
    return f"LP-{body}-{i:04d}"


@pytest.fixture
def busy_world(db: None) -> World:
    world = build_world()
    now = timezone.now()
    opds = [world.dukcapil, world.rsud, world.inspektorat]
    statuses = [Status.DITERIMA, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI]
    Complaint.objects.bulk_create(
        Complaint(
            code=_code(i),
            kind=[Kind.PENGADUAN, Kind.ASPIRASI, Kind.INFORMASI][i % 3],
            title=f"Laporan nomor {i}",
            description="Uraian laporan untuk profil halaman daftar.",
            location="Pelaihari",
            privacy=[Privacy.PUBLIK, Privacy.PUBLIK, Privacy.RAHASIA][i % 3],
            channel=Channel.PORTAL,
            status=statuses[i % 4],
            holder_tier=HolderTier.NASIONAL if i % 2 else HolderTier.INSTANSI,
            holder_agency=world.nasional if i % 2 else world.pemda,
            instansi=world.pemda,
            agency=opds[i % 3],
            # Received a week earlier than the earliest deadline: deadlines never come first.
            received_at=now - timedelta(days=7, hours=i),
            verification_due_at=now + timedelta(days=(i % 11) - 4),
        )
        for i in range(ITEMS)
    )
    return world


def _plain(client: Client, url: str, data: dict[str, str]) -> float:
    """Mean seconds per request without the profiler's overhead."""
    start = clock.perf_counter()
    for _ in range(RUNS):
        assert client.get(url, data).status_code == 200
    return (clock.perf_counter() - start) / RUNS


def _profile(client: Client, url: str, data: dict[str, str]) -> tuple[float, str]:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(RUNS):
        response = client.get(url, data)
    profiler.disable()
    assert response.status_code == 200
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    total = stats.total_tt  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)
    return total / RUNS, out.getvalue()


def _share(stats_text: str, name: str) -> str:
    return next((line for line in stats_text.splitlines() if name in line), "")


@pytest.mark.parametrize(
    ("url", "data", "user"),
    [
        ("/pengaduan/", {}, None),
        ("/pengaduan/", {"q": "Laporan", "kind": Kind.PENGADUAN}, None),
        ("/pengaduan/statistik/", {}, None),
        ("/dasbor/", {"tab": "menunggu"}, "admin_nasional"),
        ("/dasbor/", {"tab": "semua"}, "admin_instansi"),
    ],
)
def test_profile_list_pages(
    busy_world: World, url: str, data: dict[str, str], user: str | None
) -> None:
    client = Client()
    if user:
        client.force_login(busy_world.users[user])
    assert client.get(url, data).status_code == 200  # warm caches, compiled templates
    plain = _plain(client, url, data)
    per_request, text = _profile(client, url, data)
    print(
        f"\n=== {url} {data} as {user or 'anonymous'}: {plain * 1000:.1f} ms/request "
        f"({per_request * 1000:.1f} ms under cProfile)"
    )
    for name in ("render_to_string", "execute_sql", "as_crispy_field", "{method 'execute'"):
        line = _share(text, name)
        if line:
            print("   ", line.strip())
    print(text)
