"""The Rekapitulasi desk (/dasbor/laporan/rekap/): who sees, builds, downloads and signs
(SPEC A2, C17), through the one door `reports.selectors.get_rekap_for_user`."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import services
from reports.models import JobStatus, Rekap, RekapJob
from standards.models import AgencyKind
from tests.factories import AgencyFactory
from tests.personas import ReportWorld, local

pytestmark = pytest.mark.django_db

INDEX = "/dasbor/laporan/rekap/"


@pytest.fixture
def rekap(world: ReportWorld) -> Rekap:
    world.item(at=local(2026, 11, 3, 9))
    return services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)


def test_the_secretariat_sees_every_agency_and_a_kepala_only_their_own(client, world, rekap):
    """SPEC C17: the Sekretariat sees which agencies submitted; a Kepala their own agency."""
    client.force_login(world.users["sekretariat"])
    page = client.get(INDEX, {"bulan": "2026-11"}).content.decode()
    for name in ["Dinas Pekerjaan Umum", "Perumda Air Minum Tirta", "Inspektorat Daerah"]:
        assert name in page
    client.force_login(world.users["kepala.pdam"])
    page = client.get(INDEX, {"bulan": "2026-11"}).content.decode()
    assert "Perumda Air Minum Tirta" in page
    assert "Dinas Pekerjaan Umum" not in page


def test_officials_without_the_rekap_role_and_citizens_are_refused(client, world):
    """SPEC A2: the Penghubung and citizens get 403; anonymous visitors go to the login."""
    assert client.get(INDEX).status_code == 302
    for key in ["penghubung.dpu", "warga"]:
        client.force_login(world.users[key])
        assert client.get(INDEX).status_code == 403


def test_a_refusal_is_the_shared_access_denied_page_with_its_reason(client, world):
    """SPEC A2: the rekap desk refuses through PermissionDenied, like every officer page: the
    site's 403 page (title, the way home) carrying the page's own reason."""
    client.force_login(world.users["penghubung.dpu"])
    response = client.get(INDEX)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak" in page and "Ke beranda" in page
    assert "Halaman ini untuk Kepala OPD dan Sekretariat Pengaduan." in page


def test_another_agency_rekap_is_not_found(client, world, rekap):
    """SPEC A2: a Kepala of another OPD gets 404 for the page and the files."""
    client.force_login(world.users["kepala.pdam"])
    assert client.get(rekap.get_absolute_url()).status_code == 404
    assert client.get(f"/dasbor/laporan/rekap/{rekap.pk}/unduh.pdf").status_code == 404
    assert client.post(f"/dasbor/laporan/rekap/{rekap.pk}/tandatangani/").status_code == 404


def test_downloads_are_the_stored_files(client, world, rekap):
    client.force_login(world.users["sekretariat"])
    pdf = client.get(f"/dasbor/laporan/rekap/{rekap.pk}/unduh.pdf")
    xlsx = client.get(f"/dasbor/laporan/rekap/{rekap.pk}/unduh.xlsx")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(Rekap.objects.get(pk=rekap.pk).pdf)
    assert xlsx.content[:2] == b"PK"
    assert "attachment" in xlsx["Content-Disposition"]
    assert client.get(f"/dasbor/laporan/rekap/{rekap.pk}/unduh.exe").status_code == 404


def test_sign_off_goes_through_the_one_door(client, world, rekap):
    """SPEC C17: the secretariat may see the rekap but not sign it (403); the Kepala signs."""
    url = f"/dasbor/laporan/rekap/{rekap.pk}/tandatangani/"
    client.force_login(world.users["sekretariat"])
    assert client.post(url).status_code == 403
    client.force_login(world.users["kepala.dpu"])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "ditandatangani" in response.content.decode()
    rekap.refresh_from_db()
    assert rekap.signed_by == world.users["kepala.dpu"]


def test_rebuild_on_demand_shows_progress_to_whoever_asked(client, world, rekap):
    """SPEC C17: any month can be rebuilt on demand, with progress shown."""
    client.force_login(world.users["sekretariat"])
    response = client.post("/dasbor/laporan/rekap/buat/", {"bulan": "2026-11"})
    job = RekapJob.objects.get()
    assert response.url == f"/dasbor/laporan/proses/{job.pk}/"
    assert job.total == 3 and job.status == JobStatus.QUEUED
    page = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' in page and "0 dari 3" in page
    services.rekap_job_run(job_id=job.pk)
    page = client.get(response.url).content.decode()
    assert "3 dari 3" in page and 'http-equiv="refresh"' not in page
    assert Rekap.objects.get(agency=world.dinas, version=2).row_count == 1
    client.force_login(world.users["kepala.dpu"])
    assert client.get(response.url).status_code == 404


def test_build_requests_refuse_bad_months_and_agencies_out_of_reach(client, world):
    client.force_login(world.users["kepala.dpu"])
    bad = client.post("/dasbor/laporan/rekap/buat/", {"bulan": "2026-13"}, follow=True)
    assert bad.status_code == 200 and "TTTT-BB" in bad.content.decode()
    future = client.post("/dasbor/laporan/rekap/buat/", {"bulan": "2099-01"}, follow=True)
    assert "Bulan tidak valid" in future.content.decode()
    other = client.post("/dasbor/laporan/rekap/buat/", {"bulan": "2026-11", "opd": world.pdam.pk})
    assert other.status_code == 404
    assert client.get(INDEX, {"bulan": "x'<script>"}).status_code == 200
    assert not RekapJob.objects.exists()


def test_the_month_overview_takes_the_same_queries_for_3_or_30_agencies(client, world):
    """STYLE 13: a fixed number of queries whatever the number of agencies."""
    services.rekap_monthly_run(now=local(2026, 12, 1, 1))
    client.force_login(world.users["sekretariat"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(INDEX, {"bulan": "2026-11"}).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(27):
        AgencyFactory.opd(parent=world.pemda, kind=AgencyKind.BADAN, name=f"Badan {n}")
    services.rekap_monthly_run(now=local(2026, 12, 2, 1))
    assert Rekap.objects.filter(year=2026, month=11).count() == 30
    assert count() == few
