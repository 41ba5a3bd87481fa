"""The public /laporan/ list and the rekap desk answer in a fixed number of queries (STYLE 13),
and their lists stand on partial indexes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports import selectors
from reports.models import Evaluation, RekapObligation
from tests.personas import ReportWorld

pytestmark = pytest.mark.django_db

INDEX = "/laporan/"


def _publish(world: ReportWorld, year: int, semester: int) -> Evaluation:
    return Evaluation.objects.create(
        instansi=world.pemda,
        year=year,
        semester=semester,
        causes="Lampu jalan padam.",
        corrective_actions="Ganti lampu LED.",
        figures={"received": 1},
        pdf=b"%PDF-1.7",
        pdf_sha256="0" * 64,
        published_at=timezone.now(),
    )


def _count(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(INDEX)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_public_reports_page_takes_the_same_queries_for_3_or_30_evaluations(client, world):
    """STYLE 13: /laporan/ lists published evaluations in the same number of queries."""
    for n in range(3):
        _publish(world, 2000 + n, 1)
    few, page = _count(client)
    assert page.count("/laporan/evaluasi/") == 2 * 3
    for n in range(27):
        _publish(world, 2003 + n // 2, 2 - n % 2)
    many, page = _count(client)
    assert page.count("/laporan/evaluasi/") == 2 * 30
    assert many == few


def test_drafts_stay_off_the_public_list(client, world):
    """SPEC C16: only what the secretariat published appears on /laporan/."""
    draft = _publish(world, 2026, 1)
    Evaluation.objects.filter(pk=draft.pk).update(published_at=None)
    _queries, page = _count(client)
    assert draft.get_absolute_url() not in page
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_rekap_month_filter_uses_the_shared_filter_bar(client, world):
    """SPEC C17: the month field is the list kit's filter bar; a bad month gets its message."""
    client.force_login(world.users["sekretariat"])
    page = client.get("/dasbor/laporan/rekap/", {"bulan": "2026-11"}).content.decode()
    assert 'id="div_id_bulan"' in page and 'value="2026-11"' in page
    bad = client.get("/dasbor/laporan/rekap/", {"bulan": "2026-13"})
    assert bad.status_code == 200
    assert "Tulis bulan sebagai TTTT-BB" in bad.content.decode()


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


def test_the_report_lists_read_their_partial_indexes(world):
    """STYLE 13: the published evaluations and the late months each have a partial index the
    planner takes (sequential scans switched off, as on a table of many rows)."""
    _publish(world, 2026, 1)
    # The list's own filter and order, without the join that names each instansi (on a
    # handful of rows the planner may as well start from the instansi).
    newest = selectors.published_evaluations().select_related(None).order_by("-year", "-semester")
    assert "evaluation_published" in _plan(newest.values("pk"))
    late = RekapObligation.objects.filter(agency_id__in=[world.dinas.pk], is_late=True)
    assert "rekap_obligation_late" in _plan(late.values("agency_id"))
