"""Open data (SPEC C15): anonymised monthly aggregates per agency and category, CSV and JSON,
with a documented, versioned schema."""

from __future__ import annotations

import csv
import io
import json

import pytest

from complaints.models import Privacy
from reports.opendata import FIELD_NAMES, SCHEMA_VERSION
from tests.personas import ReportWorld, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world: ReportWorld) -> None:
    world.item(at=local(2026, 1, 31, 23, 30), response="Selesai.")  # January in the pemda zone
    world.item(
        at=local(2026, 1, 5, 9),
        breached=True,
        privacy=Privacy.ANONIM,
        reporter_name="Anonimus Tersembunyi",
        title="Rahasia sekali",
    )
    world.item(opd=world.pdam, at=local(2026, 2, 1, 8), privacy=Privacy.RAHASIA)


def test_csv_and_json_carry_the_same_rows_in_the_documented_schema(client, world, data):
    """SPEC C15: counts per month, agency and category; a version field in every row."""
    text = client.get("/laporan/data/pengaduan-bulanan.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0].keys()) == FIELD_NAMES
    assert [
        (r["bulan"], r["opd_kode"], r["diterima"], r["selesai"], r["melewati_batas_waktu"])
        for r in rows
    ] == [("2026-01", "dpu", "2", "1", "1"), ("2026-02", "pdam", "1", "0", "0")]
    assert {r["versi_skema"] for r in rows} == {SCHEMA_VERSION}
    payload = json.loads(client.get("/laporan/data/pengaduan-bulanan.json").content)
    assert payload["versi_skema"] == SCHEMA_VERSION
    assert [c["nama"] for c in payload["kolom"]] == FIELD_NAMES
    assert [r["diterima"] for r in payload["data"]] == [2, 1]
    assert payload["data"][0]["kategori"] == "Infrastruktur"


def test_open_data_holds_no_text_and_no_reporter(client, world, data):
    """SPEC C3: only counts leave the portal, whatever the privacy of the items."""
    for fmt in ["csv", "json"]:
        body = client.get(f"/laporan/data/pengaduan-bulanan.{fmt}").content.decode()
        for secret in ["Anonimus", "Budi Santoso", "Rahasia sekali", "Lampu jalan", "LP-", "0812"]:
            assert secret not in body


def test_year_filter_and_unknown_formats(client, world, data):
    body = client.get("/laporan/data/pengaduan-bulanan.csv", {"tahun": "2025"}).content.decode()
    assert body.strip() == ",".join(FIELD_NAMES)
    assert client.get("/laporan/data/pengaduan-bulanan.csv", {"tahun": "x"}).status_code == 200
    assert client.get("/laporan/data/pengaduan-bulanan.xml").status_code == 404


def test_the_schema_is_documented_on_the_reports_page(client, world):
    page = client.get("/laporan/").content.decode()
    for name in FIELD_NAMES:
        assert f"<code>{name}</code>" in page
    assert f"versi {SCHEMA_VERSION}" in page
