"""The admin shows the reports read-only: a signed rekap never changes through a form."""

from __future__ import annotations

import pytest

from reports import services
from tests.factories import UserFactory
from tests.personas import ReportWorld

pytestmark = pytest.mark.django_db


def test_operators_read_rekaps_and_duties_but_cannot_change_them(client, world: ReportWorld):
    """SPEC C17: versions and signatures are written only by reports.services."""
    rekap = services.rekap_build(user=None, agency=world.dinas, year=2026, month=11)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in [
        "/admin/reports/rekap/",
        "/admin/reports/rekapobligation/",
        "/admin/reports/rekapjob/",
        "/admin/reports/evaluation/",
        f"/admin/reports/rekap/{rekap.pk}/change/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/reports/rekap/add/").status_code == 403
    assert (
        client.post(f"/admin/reports/rekap/{rekap.pk}/change/", {"row_count": 9}).status_code == 403
    )
