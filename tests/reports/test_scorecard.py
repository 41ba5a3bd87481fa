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


def test_only_pimpinan_secretariat_and_kepala_see_a_scorecard(client, world):
    """SPEC R4: the city-wide view is for the Sekretariat Daerah (VIEW_CITYWIDE); a Kepala
    OPD sees a scorecard too, of their own OPD only."""
    for key in ["penghubung.dpu", "warga"]:
        client.force_login(world.users[key])
        assert client.get(URL).status_code == 403
    client.force_login(world.users["sekda"])
    assert client.get(URL).status_code == 200


def test_a_kepala_sees_the_scorecard_of_their_own_opd_only(client, world, data):
    """SPEC R4, C17: the Kepala's scorecard has the Sekda's columns for one OPD; other OPDs'
    rows, services and complaints stay out of it."""
    client.force_login(world.users["kepala.dpu"])
    page = client.get(URL, {"tahun": "2026"}).content.decode()
    assert "Kinerja Dinas Pekerjaan Umum 2026" in page
    rows = re.findall(r'<th scope="row"><a href="[^"]*">([^<]*)</a></th>', page)
    assert set(rows) >= {"Dinas Pekerjaan Umum"}
    assert world.pdam.name not in page
    row = re.search(r"Dinas Pekerjaan Umum</a></th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[:3] == ["2", "100%", "1"]
    dashboard = client.get("/dasbor/").content.decode()
    assert 'href="/dasbor/kinerja/"' in dashboard


def test_columns_show_complaints_rekap_and_what_the_other_apps_report(client, world, data):
    """SPEC C15, C17, R5: volume, on-time share and breaches per OPD; the reputation, SKM,
    standard and maklumat columns come from their apps; unmet obligations are named."""
    client.force_login(world.users["sekda"])
    page = client.get(URL, {"tahun": "2026"}).content.decode()
    row = re.search(r"Dinas Pekerjaan Umum</a></th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert cells[:3] == ["2", "100%", "1"]
    # The reputation column reads the ratings: none yet, so the duty is unmet.
    assert "belum ada penilaian" in cells[4]
    assert "penyelesaian tepat waktu" in cells[-1]
    assert "penilaian layanan" in cells[-1]
    assert "Reputasi (persen puas" in page and "IKM dan mutu" in page


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
    Category.objects.create(name="Kategori tanpa laporan", slug="tanpa-laporan")
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

    # The service table has a row from the start, so each registered column's query runs
    # in both measurements (an empty table needs none).
    ServiceFactory(agency=world.dinas)
    count()  # warms the working-day calendar's cache
    few = count()
    for n in range(27):
        opd = AgencyFactory.opd(parent=world.pemda, kind=AgencyKind.BADAN, name=f"Badan {n}")
        ServiceFactory(agency=opd)
        world.users[f"penghubung.{opd.slug}"] = world.users["penghubung.dpu"]
        world.item(opd=opd, at=local(2026, 5, 1 + n, 9), response="Selesai.")
    services.rekap_monthly_run(now=local(2026, 6, 12, 1))
    assert count() == few


def test_reputation_standard_and_maklumat_columns_read_their_apps(world):
    """SPEC R3, S2, S6: the scorecard's columns come from the apps that hold the figures; an
    OPD's row counts its units' services; nothing rated or signed is an unmet duty."""
    import uuid

    from reputation.services import rating_submit
    from standards.models_standard import Maklumat

    columns = {c.key: c for c in agency_scorecard.columns()}
    unit = AgencyFactory.unit(parent=world.dinas)
    rated = ServiceFactory(agency=unit)
    ServiceFactory(agency=world.dinas)
    before = {key: columns[key].values([world.dinas])[world.dinas.pk] for key in columns}
    assert before["reputasi"].unmet and before["maklumat"].unmet
    assert before["standar"].unmet and before["standar"].text == "0 dari 2"
    for n, satisfied in enumerate([True, True, False]):
        rating_submit(
            user=None,
            service=rated,
            satisfied=satisfied,
            idempotency_key=uuid.uuid4(),
            voter_key=f"pemilih-{n}",
        )
    Maklumat.objects.create(
        agency=world.dinas,
        version=1,
        statement_standard="Sesuai standar.",
        statement_duty="Sesuai kewajiban.",
        statement_sanction="Bersedia menerima sanksi.",
        signer_name="Kepala Dinas",
        signer_position="Kepala",
        signed_on=local(2026, 3, 2, 9).date(),
    )
    after = {key: columns[key].values([world.dinas])[world.dinas.pk] for key in columns}
    assert after["reputasi"].text == "66,7% (3)" and not after["reputasi"].unmet
    assert after["maklumat"].text == "ada" and not after["maklumat"].unmet
    assert after["ikm"].unmet  # no published survey yet
