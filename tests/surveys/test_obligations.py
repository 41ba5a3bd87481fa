"""The obligations panel on /dasbor/ for the Kepala OPD and the Sekda (SPEC K1)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from surveys import selectors, services
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_kepala_sees_services_without_survey_below_sample_and_past_due(client, world) -> None:
    """SPEC K1: every service surveyed yearly; below-sample surveys and late follow-up shown."""
    survey = world.survey(service=world.service, population=100)
    world.answer(survey, [3] * 9)
    services.followup_add(
        None,
        survey=survey,
        unsur=3,
        action="Tambah loket antrean",
        owner="Kabid",
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(world.users["kepala"])
    html = client.get(reverse("complaints:inbox")).content.decode()
    assert "Kewajiban SKM" in html
    assert "Layanan tanpa survei dalam 12 bulan: 1" in html
    assert "Disdukcapil · Akta" in html
    assert "Survei di bawah sampel minimal: 1" in html and "1 dari 80" in html
    assert "Tindak lanjut lewat tenggat: 1" in html and "Tambah loket antrean" in html
    assert "Rawat jalan" not in html  # another OPD's service


def test_agency_wide_survey_covers_all_services_of_the_agency(world) -> None:
    """SPEC K1: a survey per agency over its services counts for each of them."""
    world.survey(agency=world.dukcapil, population=1)
    data = selectors.obligations(world.users["kepala"])
    assert data["no_survey"] == []


def test_survey_older_than_twelve_months_does_not_count(world) -> None:
    world.survey(service=world.service, year=timezone.localdate().year - 2)
    data = selectors.obligations(world.users["kepala"])
    assert world.service in data["no_survey"]


def test_sekda_sees_every_opd_and_penghubung_sees_no_panel(client, world) -> None:
    data = selectors.obligations(world.users["sekda"])
    names = {s.name for s in data["no_survey"]}
    assert {"KTP-el", "Akta", "Rawat jalan"} <= names
    assert selectors.obligations(world.users["penghubung"]) is None
    assert selectors.obligations(world.users["warga"]) is None
    client.force_login(world.users["penghubung"])
    assert "Kewajiban SKM" not in client.get(reverse("complaints:inbox")).content.decode()


def _panel_queries(world, n: int) -> int:
    for i in range(n):
        service = ServiceFactory(agency=world.dukcapil)
        survey = world.survey(service=service, title=f"SKM {i}")
        services.followup_add(
            None,
            survey=survey,
            unsur=1,
            action="x",
            owner="y",
            due_date=timezone.localdate() - datetime.timedelta(days=2),
        )
        ServiceFactory(agency=world.dukcapil)
    user = world.users["sekda"]
    user._lp_memberships = None
    with CaptureQueriesContext(connection) as ctx:
        selectors.obligations(user)
    return len(ctx)


def test_obligations_query_count_does_not_grow(world) -> None:
    assert _panel_queries(world, 3) == _panel_queries(world, 30)
