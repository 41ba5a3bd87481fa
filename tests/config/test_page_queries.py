"""Every page costs the same number of queries whatever the size of the data.

The demo is seeded with a small province on top (`seed_scale`: so that every section of every
page has something to show), every page is requested as the person who uses it and its
queries are counted; then `seed_scale` adds ten times as much (more pemda, OPDs, services,
thousands of items with their timelines, ratings, SKM answers, standards and rekaps) and
every page is counted again. A page whose count moved does work per row or per agency: at a
province's size that is what makes a page slow. The app-level tests compare 3 rows with 30
for their lists; this one walks the whole portal with real demo data.

Each count is taken on the second request (the first warms the per-process caches: compiled
templates, the working-day calendar) with the cache emptied before the pair, and with the
anonymous page cache off (it would answer without any query).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from complaints.models import Complaint, HolderTier
from reports.models import Rekap
from reputation.models import KioskToken
from standards.models import Agency, Service
from standards.models_standard import ServiceStandard
from surveys.models import Survey, SurveyStatus

pytestmark = pytest.mark.django_db(transaction=True)  # seed_scale ends with VACUUM ANALYZE

SMALL = [
    "--skip-demo", "--pemda", "1", "--agencies", "4", "--services", "12",
    "--complaints", "250", "--ratings", "600", "--answers", "60", "--years", "2",
]  # fmt: skip
GROW = [
    "--skip-demo", "--pemda", "2", "--agencies", "16", "--services", "80",
    "--complaints", "2500", "--ratings", "6000", "--answers", "600", "--years", "2",
    "--seed", "7",
]  # fmt: skip


def _pages() -> list[tuple[str, str | None]]:
    """(path, username) of every page a person reads, on the demo's data."""
    dukcapil = Agency.objects.get(slug="disdukcapil")
    # The demo's busiest service: an adopted standard, ratings with comments, a published
    # SKM, so that every section of its page has something to show before and after.
    service = Service.objects.select_related("agency").get(code="dukcapil-ktp")
    standard = (
        ServiceStandard.objects.filter(status="ditetapkan", service__agency=dukcapil)
        .select_related("service__agency")
        .order_by("pk")
        .first()
    )
    public_item = Complaint.objects.public().filter(opd=dukcapil).order_by("pk").first()
    held = (
        Complaint.objects.filter(holder_agency=dukcapil, holder_tier=HolderTier.OPD)
        .order_by("pk")
        .first()
    )
    survey = Survey.objects.filter(status=SurveyStatus.PUBLISHED).order_by("pk").first()
    open_survey = Survey.objects.filter(status=SurveyStatus.OPEN).order_by("pk").first()
    rekap = Rekap.objects.filter(agency=dukcapil).order_by("pk").first()
    kiosk = KioskToken.objects.order_by("pk").first()
    assert all((standard, public_item, held, survey, open_survey, rekap, kiosk))
    penghubung, kepala, sekda, warga = (
        "penghubung.dukcapil",
        "kepala.dukcapil",
        "pimpinan.sekda",
        "warga",
    )
    return [
        ("/", None),
        ("/opd/", None),
        (dukcapil.get_absolute_url(), None),
        (service.get_absolute_url(), None),
        (standard.service.get_absolute_url(), None),
        (f"{standard.service.get_absolute_url()}standar/riwayat/", None),
        ("/pengaduan/", None),
        ("/pengaduan/?q=KTP", None),
        ("/pengaduan/statistik/", None),
        ("/pengaduan/statistik/?dari=2025-02-10&sampai=2026-03-20", None),
        ("/pengaduan/peta/", None),
        (f"/pengaduan/{public_item.code}/", None),
        ("/pengaduan/lacak/", None),
        ("/pengaduan/baru/", None),
        ("/laporan/", None),
        ("/reputasi/", None),
        (f"/nilai/{service.code}/", None),
        (f"/kios/{kiosk.token}/", None),
        (f"/survei/{open_survey.pk}/", None),
        (f"/survei/{survey.pk}/hasil/", None),
        ("/pengaduan/saya/", warga),
        ("/akun/profil/", warga),
        ("/dasbor/", penghubung),
        ("/dasbor/?tab=semua", penghubung),
        ("/dasbor/?tab=semua&status=ditindaklanjuti&urut=-diterima", penghubung),
        (f"/dasbor/pengaduan/{held.code}/", penghubung),
        ("/dasbor/standar/", penghubung),
        ("/dasbor/survei/", penghubung),
        (f"/dasbor/survei/{survey.pk}/", penghubung),
        ("/dasbor/reputasi/", penghubung),
        ("/dasbor/reputasi/kios/", penghubung),
        ("/akun/notifikasi/", penghubung),
        ("/dasbor/", kepala),
        ("/dasbor/standar/kepatuhan/", kepala),
        ("/dasbor/laporan/rekap/", kepala),
        (f"/dasbor/laporan/rekap/{rekap.pk}/", kepala),
        ("/dasbor/kinerja/", kepala),
        ("/dasbor/", sekda),
        ("/dasbor/kinerja/", sekda),
        ("/dasbor/reputasi/", sekda),
        ("/dasbor/reputasi/teguran/", sekda),
        ("/dasbor/standar/kepatuhan/", sekda),
    ]


def _counter() -> Callable[[str, str | None], list[str]]:
    clients: dict[str | None, Client] = {}

    def count(path: str, username: str | None) -> list[str]:
        if username not in clients:
            client = Client()
            if username:
                client.force_login(User.objects.get(username=username))
            clients[username] = client
        client = clients[username]
        cache.clear()
        assert client.get(path).status_code == 200, (path, username)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (path, username)
        return [q["sql"] for q in ctx.captured_queries]

    return count


def test_every_page_costs_the_same_queries_on_a_province_as_on_the_demo(settings) -> None:
    """SPEC A2, C15, R3, K3: the pages of citizens, officials and the Sekda read a fixed
    number of queries, whatever the number of items, ratings, answers and agencies."""
    settings.PAGE_CACHE_SECONDS = 0
    call_command("seed_demo", "--quiet", "--force", stdout=io.StringIO())
    call_command("seed_scale", *SMALL, stdout=io.StringIO())
    pages = _pages()
    count = _counter()
    before = {(path, user): count(path, user) for path, user in pages}
    call_command("seed_scale", *GROW, stdout=io.StringIO())
    assert Complaint.objects.count() > 2750
    after = {(path, user): count(path, user) for path, user in pages}
    moved = {
        page: (len(before[page]), len(after[page]), _tables(after[page]) - _tables(before[page]))
        for page in pages
        if len(before[page]) != len(after[page])
    }
    assert moved == {}


def _tables(queries: list[str]) -> set[str]:
    """The first table each query names: what a page that moved read in addition."""
    return {q.split('FROM "', 1)[1].split('"', 1)[0] for q in queries if 'FROM "' in q}
