"""Complaints adds its part to the agency profile through the page registry of
standards/sections.py, from ComplaintsConfig.ready(), like the other apps (SPEC C1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from standards.models import PublicOfficer
from standards.sections import agency_page
from tests.personas import World

pytestmark = pytest.mark.django_db


def test_complaints_registers_the_agency_complaint_section() -> None:
    """SPEC C1: the "Penanganan pengaduan" part of the profile is complaints' registered
    section, placed among the profile's own parts (order below 10)."""
    section = {s.key: s for s in agency_page.sections()}["pengaduan"]
    assert section.template == "complaints/sections/agency_complaints.html"
    assert section.order < 10


def test_the_agency_page_shows_how_to_complain_between_officers_and_units(world: World) -> None:
    """SPEC C1: the section names the complaint officers, links filing and tracking, and
    keeps its place after the officers and before the units, in the contents too."""
    PublicOfficer.objects.create(
        agency=world.dukcapil, name="Rina Lestari", position="Kasi", handles_complaints=True
    )
    PublicOfficer.objects.create(agency=world.dukcapil, name="Budi Kadis", position="Kepala")
    page = Client().get(world.dukcapil.get_absolute_url()).content.decode()
    section = page[page.index('id="pengaduan"') : page.index('id="unit"')]
    assert "Rina Lestari — Kasi" in section and "Budi Kadis" not in section
    assert "/pengaduan/baru/?opd=dukcapil" in section
    assert page.index('id="petugas"') < page.index('id="pengaduan"') < page.index('id="unit"')
    toc = page[page.index('class="lp-toc"') : page.index('id="profil"')]
    order = [toc.index(f"#{key}") for key in ["petugas", "pengaduan", "unit", "standar"]]
    assert order == sorted(order)


def test_the_complaint_section_adds_no_query(world: World) -> None:
    """STYLE 13: the officers were prefetched by the profile; the section reads no more."""
    client = Client()
    url = world.dukcapil.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    officer_reads = [q for q in ctx.captured_queries if "standards_publicofficer" in q["sql"]]
    assert len(officer_reads) == 1
