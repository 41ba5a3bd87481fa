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


def _row(data: dict, agency) -> selectors.ObligationRow:
    return next(r for r in data["rows"] if r.agency.pk == agency.pk)


def _list(world, agency, kind: str) -> str:
    return reverse("surveys:officer_obligations", args=[agency.pk, kind])


def test_kepala_sees_counts_for_their_opd_each_linking_to_its_items(client, world) -> None:
    """SPEC K1: every service surveyed yearly; the Kepala's panel counts per OPD the services
    without a survey, the surveys below their sample and the follow-up past due, each count
    linking to the list of those items."""
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
    ServiceFactory(agency=world.unit, name="Legalisir keliling")  # a unit counts under its OPD
    client.force_login(world.users["kepala"])
    html = client.get(reverse("complaints:inbox")).content.decode()
    assert "Kewajiban SKM" in html
    assert "Layanan tanpa survei dalam 12 bulan: 2" in html
    assert "Survei di bawah sampel minimal: 1" in html
    assert "Tindak lanjut lewat tenggat: 1" in html
    assert "RSUD" not in html.split("Kewajiban SKM")[1]  # another OPD
    for kind in selectors.OBLIGATION_KINDS:
        assert f'href="{_list(world, world.dukcapil, kind)}"' in html
    page = client.get(_list(world, world.dukcapil, selectors.NO_SURVEY)).content.decode()
    assert "Akta" in page and "Legalisir keliling" in page and "UPT Pelaihari" in page
    assert "KTP-el</a>" not in page and "Rawat jalan" not in page
    page = client.get(_list(world, world.dukcapil, selectors.BELOW_SAMPLE)).content.decode()
    assert "SKM KTP-el" in page and "1 dari 80" in page
    page = client.get(_list(world, world.dukcapil, selectors.PAST_DUE)).content.decode()
    assert "Tambah loket antrean" in page


def test_obligation_lists_of_another_opd_or_kind_are_not_found(client, world) -> None:
    """SPEC K1: a Kepala sees the lists of their OPD only; others get 404."""
    client.force_login(world.users["kepala"])
    assert client.get(_list(world, world.rsud, selectors.NO_SURVEY)).status_code == 404
    assert client.get(_list(world, world.dukcapil, "lain")).status_code == 404
    assert client.get(_list(world, world.dukcapil, selectors.NO_SURVEY)).status_code == 200
    client.force_login(world.users["penghubung"])
    assert client.get(_list(world, world.dukcapil, selectors.NO_SURVEY)).status_code == 404
    client.force_login(world.users["warga"])
    assert client.get(_list(world, world.dukcapil, selectors.NO_SURVEY)).status_code == 404
    client.force_login(world.users["sekda"])
    assert client.get(_list(world, world.rsud, selectors.NO_SURVEY)).status_code == 200


def test_agency_wide_survey_covers_all_services_of_the_agency(world) -> None:
    """SPEC K1: a survey per agency over its services counts for each of them."""
    world.survey(agency=world.dukcapil, population=1)
    data = selectors.obligations(world.users["kepala"])
    assert data["no_survey_count"] == 0


def test_survey_older_than_twelve_months_does_not_count(world) -> None:
    """SPEC K1: a survey ending more than 12 months ago leaves its service uncovered."""
    world.survey(service=world.service, year=timezone.localdate().year - 2)
    data = selectors.obligations(world.users["kepala"])
    assert _row(data, world.dukcapil).no_survey == 2
    items = selectors.obligation_items(world.dukcapil, selectors.NO_SURVEY)["items"]
    assert world.service in items


def test_sekda_sees_every_opd_with_something_unmet_and_penghubung_no_panel(client, world) -> None:
    """SPEC K1: the Sekda's table has a row per OPD with a non-zero count."""
    data = selectors.obligations(world.users["sekda"])
    assert [(r.agency.name, r.no_survey) for r in data["rows"]] == [
        ("Disdukcapil", 2),
        ("RSUD", 1),
    ]  # the Setda has no service, so no row
    assert selectors.obligations(world.users["penghubung"]) is None
    assert selectors.obligations(world.users["warga"]) is None
    client.force_login(world.users["penghubung"])
    assert "Kewajiban SKM" not in client.get(reverse("complaints:inbox")).content.decode()


def test_obligation_list_is_bounded_and_says_how_many_there_are(client, world) -> None:
    for i in range(4):
        ServiceFactory(agency=world.rsud, name=f"Poli {i}")
    got = selectors.obligation_items(world.rsud, selectors.NO_SURVEY, limit=3)
    assert (len(got["items"]), got["total"]) == (3, 5)
    got = selectors.obligation_items(world.rsud, selectors.NO_SURVEY, limit=5)
    assert (len(got["items"]), got["total"]) == (5, 5)


def _more_opds(world, n: int) -> None:
    from tests.factories import AgencyFactory

    for i in range(n):
        opd = AgencyFactory.opd(parent=world.pemda, name=f"Dinas {n}-{i}", slug=f"dinas-{n}-{i}")
        unit = AgencyFactory.unit(parent=opd, name=f"UPT {n}-{i}", slug=f"upt-{n}-{i}")
        service = ServiceFactory(agency=unit)
        survey = world.survey(service=service, title=f"SKM {n}-{i}")
        world.answer(survey, [3] * 9)
        services.followup_add(
            None,
            survey=survey,
            unsur=1,
            action="x",
            owner="y",
            due_date=timezone.localdate() - datetime.timedelta(days=2),
        )
        ServiceFactory(agency=opd)


def _panel_queries(world, n: int) -> tuple[int, int]:
    _more_opds(world, n)
    user = world.users["sekda"]
    user._lp_memberships = None
    with CaptureQueriesContext(connection) as ctx:
        data = selectors.obligations(user)
    assert len(data["rows"]) >= n
    return len(ctx), len(data["rows"])


def test_obligations_query_count_does_not_grow(world) -> None:
    """SPEC K1: four queries (after the memberships) for 3 OPDs or 30."""
    small, small_rows = _panel_queries(world, 3)
    large, large_rows = _panel_queries(world, 30)
    assert small == large
    assert large_rows > small_rows


def _list_queries(client, world, n: int) -> int:
    for i in range(n):
        ServiceFactory(agency=world.unit, name=f"Layanan {n}-{i}")
        survey = world.survey(service=ServiceFactory(agency=world.dukcapil), title=f"S {n}-{i}")
        world.answer(survey, [3] * 9)
    client.force_login(world.users["sekda"])
    counts = []
    for kind in selectors.OBLIGATION_KINDS:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_list(world, world.dukcapil, kind)).status_code == 200
        counts.append(len(ctx))
    return sum(counts)


def test_obligation_list_pages_query_count_does_not_grow(client, world) -> None:
    assert _list_queries(client, world, 3) == _list_queries(client, world, 30)
