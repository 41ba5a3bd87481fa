"""The compliance view's deadline, lists and sorting (SPEC S5, S6; 003:Pasal 45)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from standards import compliance
from standards.models import Service
from standards.models_standard import ServiceStandard
from standards.services import DEFAULT_STATEMENTS, maklumat_sign, standard_start
from tests.factories import PASSWORD, AgencyFactory, ServiceFactory, UserFactory
from tests.standards.standard_helpers import adopted, officers

pytestmark = pytest.mark.django_db
URL = "standards:compliance"


def _login(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _aged(service: Service, days: int) -> Service:
    Service.objects.filter(pk=service.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    service.refresh_from_db()
    return service


def _sign(kepala: object, agency: object) -> None:
    maklumat_sign(
        kepala,
        agency=agency,
        statement_standard=DEFAULT_STATEMENTS[0],
        statement_duty=DEFAULT_STATEMENTS[1],
        statement_sanction=DEFAULT_STATEMENTS[2],
        signer_name="Drs. Kepala Dinas",
        signer_position="Kepala Dinas",
        signed_on=timezone.localdate(),
    )


@pytest.fixture
def sekda() -> tuple[object, Client]:
    pemda = AgencyFactory.pemda()
    return pemda, _login(UserFactory.official(agency=pemda, role=Role.PIMPINAN))


def test_a_service_added_today_is_not_past_the_deadline_one_added_13_months_ago_is(
    sekda: tuple[object, Client],
) -> None:
    """SPEC S5: 12 months counted per service from when it was added (003:Pasal 45(2))."""
    pemda, client = sekda
    opd = AgencyFactory.opd(parent=pemda)
    ServiceFactory(agency=opd)
    old = _aged(ServiceFactory(agency=opd), 400)
    response = client.get(reverse(URL), {"daftar": "lewat-tenggat", "opd": opd.pk})
    (row,) = response.context["rows"]
    assert (row.without_standard, row.past_deadline) == (2, 1)
    assert response.context["totals"]["past_deadline"] == 1
    listed = response.context["listing"]["services"]
    assert [s.pk for s in listed] == [old.pk]
    added = timezone.localdate(old.created_at)
    assert listed[0].deadline == compliance.add_months(added, 12) < timezone.localdate()
    assert f"?daftar=lewat-tenggat&amp;opd={opd.pk}" in response.content.decode()


def test_the_deadline_day_itself_is_still_in_time() -> None:
    """SPEC S5: a service is late only after the day 12 months on."""
    today = timezone.localdate()
    service = ServiceFactory()
    start = compliance.add_months(today, -12)
    moment = datetime.datetime.combine(
        start, datetime.time(9), tzinfo=timezone.get_current_timezone()
    )
    Service.objects.filter(pk=service.pk).update(created_at=moment)
    scope = compliance.Q(pk=service.agency.pk)
    assert compliance.listing(scope, "lewat-tenggat", "")["services"] == []
    Service.objects.filter(pk=service.pk).update(created_at=moment - datetime.timedelta(days=1))
    assert len(compliance.listing(scope, "lewat-tenggat", "")["services"]) == 1


def test_no_service_is_late_while_the_regulations_own_twelve_months_run(
    sekda: tuple[object, Client], settings: object
) -> None:
    """SPEC S5: 003:Pasal 45(1)a gives existing providers 12 months from the regulation."""
    pemda, client = sekda
    settings.STANDARD_DEADLINE_FROM = timezone.localdate() - datetime.timedelta(days=100)
    opd = AgencyFactory.opd(parent=pemda)
    service = _aged(ServiceFactory(agency=opd), 2000)
    response = client.get(reverse(URL), {"daftar": "lewat-tenggat"})
    assert response.context["rows"][0].past_deadline == 0
    assert response.context["listing"]["services"] == []
    assert compliance.deadline_of(service) == compliance.add_months(
        settings.STANDARD_DEADLINE_FROM, 12
    )


def test_an_adopted_standard_takes_an_old_service_off_the_late_list(
    sekda: tuple[object, Client],
) -> None:
    """SPEC S5: only services still without an adopted standard are late."""
    pemda, client = sekda
    opd = AgencyFactory.opd(parent=pemda)
    people = officers(opd)
    service = _aged(ServiceFactory(agency=opd), 800)
    adopted(service, people["penghubung"], people["kepala"])
    response = client.get(reverse(URL), {"daftar": "lewat-tenggat"})
    assert response.context["rows"][0].past_deadline == 0
    assert response.context["listing"]["services"] == []


def test_the_tanpa_maklumat_list_names_the_opds_without_one_and_belum_ada_links_to_it(
    sekda: tuple[object, Client],
) -> None:
    """SPEC S6: OPDs without a Maklumat Pelayanan, for all or for one OPD."""
    pemda, client = sekda
    signed = AgencyFactory.opd(parent=pemda, name="Dinas A")
    unsigned = AgencyFactory.opd(parent=pemda, name="Dinas B")
    _sign(officers(signed)["kepala"], signed)
    response = client.get(reverse(URL), {"daftar": "tanpa-maklumat"})
    assert [a.pk for a in response.context["listing"]["agencies"]] == [unsigned.pk]
    html = response.content.decode()
    assert f'href="?daftar=tanpa-maklumat&amp;opd={unsigned.pk}' in html
    assert f'href="?daftar=tanpa-maklumat&amp;opd={signed.pk}' not in html
    one = client.get(reverse(URL), {"daftar": "tanpa-maklumat", "opd": signed.pk})
    assert list(one.context["listing"]["agencies"]) == []
    assert "Tidak ada." in one.content.decode()


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("nama", "Dinas A"),
        ("layanan", "Dinas C"),
        ("tanpa-standar", "Dinas C"),
        ("lewat-tenggat", "Dinas B"),
        ("rancangan-lama", "Dinas A"),
        ("maklumat", "Dinas B"),
    ],
)
def test_every_count_column_sorts_the_table(
    sekda: tuple[object, Client], sort: str, first: str
) -> None:
    """SPEC S5/S6: sorted by name, services, without standard, late, old drafts, maklumat."""
    pemda, client = sekda
    a = AgencyFactory.opd(parent=pemda, name="Dinas A")
    b = AgencyFactory.opd(parent=pemda, name="Dinas B")
    c = AgencyFactory.opd(parent=pemda, name="Dinas C")
    _sign(officers(a)["kepala"], a)
    _sign(officers(c)["kepala"], c)
    _aged(ServiceFactory(agency=b), 500)
    for _i in range(3):
        ServiceFactory(agency=c)
    draft = standard_start(officers(a)["penghubung"], service=ServiceFactory(agency=a))
    ServiceStandard.objects.filter(pk=draft.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    response = client.get(reverse(URL), {"urut": sort})
    assert response.status_code == 200
    assert response.context["rows"][0].name == first
    html = response.content.decode()
    assert f'href="?urut={sort}"' not in html and html.count("↓") == 1
    others = [key for key in compliance.SORTS if key != sort]
    assert all(f'href="?urut={key}"' in html for key in others)


def test_every_list_and_an_unknown_sort_take_a_fixed_number_of_queries(
    sekda: tuple[object, Client],
) -> None:
    """SPEC S5: the page's query count does not grow with the OPDs or services."""
    pemda, client = sekda
    opd = AgencyFactory.opd(parent=pemda)
    _aged(ServiceFactory(agency=opd), 500)
    counts = {}
    for kind in compliance.LISTS:
        with CaptureQueriesContext(connection) as few:
            client.get(reverse(URL), {"daftar": kind, "urut": "bogus"})
        counts[kind] = len(few)
    for _i in range(3):
        other = AgencyFactory.opd(parent=pemda)
        _aged(ServiceFactory(agency=other), 500)
        ServiceFactory(agency=other)
    for kind in compliance.LISTS:
        with CaptureQueriesContext(connection) as many:
            response = client.get(reverse(URL), {"daftar": kind, "urut": "bogus"})
        assert response.status_code == 200
        assert len(many) == counts[kind], kind


def test_the_sekdas_list_links_to_public_pages_and_a_kepalas_to_the_officer_pages(
    sekda: tuple[object, Client],
) -> None:
    """SPEC S5: every listed service opens for whoever reads the list (no 404 links)."""
    pemda, client = sekda
    opd = AgencyFactory.opd(parent=pemda)
    service = ServiceFactory(agency=opd)
    params = {"daftar": "tanpa-standar"}
    html = client.get(reverse(URL), params).content.decode()
    assert f'href="{service.get_absolute_url()}"' in html
    assert client.get(service.get_absolute_url()).status_code == 200
    kepala = _login(officers(opd)["kepala"])
    officer_url = reverse("standards:officer_service", args=[service.code])
    assert f'href="{officer_url}"' in kepala.get(reverse(URL), params).content.decode()
    assert kepala.get(officer_url).status_code == 200
