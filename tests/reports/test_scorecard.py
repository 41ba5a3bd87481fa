"""The Sekda's scorecard (/dasbor/kinerja/): complaint columns, rekap lateness, columns of
apps not yet built, unmet obligations, the quality tools of 003:Pasal 21, fixed queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Category, Channel
from reports import services
from standards.models import AgencyKind
from standards.scorecard import Cell, Column, agency_scorecard
from tests.factories import AgencyFactory, ServiceFactory
from tests.personas import ReportWorld, local

pytestmark = pytest.mark.django_db

URL = "/dasbor/kinerja/"


@pytest.fixture
def data(world: ReportWorld) -> None:
    world.item(at=local(2026, 2, 2, 9), response="Selesai.")
    world.item(at=local(2026, 3, 2, 9), breached=True)
    world.item(opd=world.pdam, at=local(2026, 4, 2, 9), channel=Channel.SMS)


def test_only_pimpinan_and_secretariat_see_the_scorecard(client, world):
    """SPEC R4: the city-wide view is for the Sekretariat Daerah (VIEW_CITYWIDE)."""
    for key in ["kepala.dpu", "penghubung.dpu", "warga"]:
        client.force_login(world.users[key])
        assert client.get(URL).status_code == 403
    client.force_login(world.users["sekda"])
    assert client.get(URL).status_code == 200


def test_columns_show_complaints_rekap_and_say_belum_tersedia_for_missing_sources(
    client, world, data
):
    """SPEC C15, C17: volume, on-time share and breaches per OPD; a column whose source is
    not built says "belum tersedia", never zero; unmet obligations are named."""
    client.force_login(world.users["sekda"])
    page = client.get(URL, {"tahun": "2026"}).content.decode()
    row = re.search(r"Dinas Pekerjaan Umum</a></th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert cells[:3] == ["2", "100%", "1"]
    assert "belum tersedia" in cells[4]
    assert "penyelesaian tepat waktu" in cells[-1]
    assert "Reputasi (persen puas)" in page and "IKM dan mutu" in page


def test_a_column_registered_by_another_app_replaces_the_placeholder(client, world, data):
    """The registry in standards/scorecard.py: an app below reports fills its column."""
    saved = {c.key: c for c in agency_scorecard.columns()}
    agency_scorecard.register(
        Column(
            key="reputasi",
            title="Reputasi (persen puas)",
            values=lambda agencies: {a.pk: Cell(text="87%", sort=87, unmet=True) for a in agencies},
            obligation="penilaian layanan",
            order=10,
        )
    )
    try:
        client.force_login(world.users["sekda"])
        page = client.get(URL, {"tahun": "2026"}).content.decode()
        assert "87%" in page and "penilaian layanan" in page
    finally:
        agency_scorecard.register(saved["reputasi"])


def test_late_rekap_is_an_unmet_obligation(client, world):
    """SPEC C17: months submitted late are counted on the scorecard."""
    services.rekap_monthly_run(now=local(2026, 1, 1, 1))
    services.rekap_monthly_run(now=local(2026, 1, 12, 1))
    client.force_login(world.users["sekda"])
    page = client.get(URL, {"tahun": "2026"}).content.decode()
    assert "1 bulan terlambat" in page and "rekapitulasi bulanan" in page


def test_quality_tools_draw_svg_with_their_tables(client, world, data):
    """003:Pasal 21: Pareto of categories, histogram of resolution times, stratification by
    agency, channel and kind; each chart with its numbers as a table (UX.md)."""
    Category.objects.create(name="Air bersih", slug="air")
    client.force_login(world.users["sekda"])
    page = client.get(URL, {"tahun": "2026"}).content.decode()
    assert page.count("<svg") == 2
    assert "<polyline" in page
    assert re.search(r"<td>Infrastruktur</td><td[^>]*>3</td><td[^>]*>100[,.]0%</td>", page)
    assert re.search(r"<td>0-5</td><td[^>]*>1</td>", page)
    assert "Menurut kanal" in page and "SMS" in page and "Menurut jenis" in page


def test_sorting_and_bad_parameters(client, world, data):
    client.force_login(world.users["sekda"])
    page = client.get(URL, {"tahun": "2026", "urut": "-volume"}).content.decode()
    assert page.index("Dinas Pekerjaan Umum</a>") < page.index("Perumda Air Minum Tirta</a>")
    page = client.get(URL, {"tahun": "2026", "urut": "volume"}).content.decode()
    assert page.index("Dinas Pekerjaan Umum</a>") > page.index("Perumda Air Minum Tirta</a>")
    for params in [{"tahun": "abc"}, {"tahun": "1900"}, {"urut": "'<script>"}]:
        assert client.get(URL, params).status_code == 200


def test_the_scorecard_takes_the_same_queries_for_3_or_30_agencies(client, world, data):
    """STYLE 13: one page, a fixed number of queries."""
    client.force_login(world.users["sekda"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"tahun": "2026"}).status_code == 200
        return len(ctx.captured_queries)

    count()  # warms the working-day calendar's cache
    few = count()
    for n in range(27):
        opd = AgencyFactory.opd(parent=world.pemda, kind=AgencyKind.BADAN, name=f"Badan {n}")
        ServiceFactory(agency=opd)
        world.users[f"penghubung.{opd.slug}"] = world.users["penghubung.dpu"]
        world.item(opd=opd, at=local(2026, 5, 1 + n, 9), response="Selesai.")
    services.rekap_monthly_run(now=local(2026, 6, 12, 1))
    assert count() == few
