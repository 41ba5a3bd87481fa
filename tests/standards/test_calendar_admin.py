"""Operators manage the working-day calendar through the admin (SPEC C10)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from complaints.calendar import add_working_days, is_working_day
from standards.models import Agency, AgencyKind, CalendarDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator() -> User:
    return User.objects.create_superuser(
        username="operator", email="operator@example.test", password="x", full_name="Operator"
    )


@pytest.fixture
def pemkab() -> Agency:
    return Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Tanah Laut", slug="tala")


def test_operator_adds_a_local_holiday_and_the_calendar_follows(client, operator, pemkab) -> None:
    """SPEC C10: a local holiday an operator adds in the admin is skipped at once."""
    dinas = Agency.objects.create(kind=AgencyKind.DINAS, name="Dinkes", slug="d", parent=pemkab)
    day = date(2026, 7, 15)
    assert is_working_day(day, agency=dinas)
    client.force_login(operator)
    assert client.get(reverse("admin:standards_calendarday_add")).status_code == 200
    response = client.post(
        reverse("admin:standards_calendarday_add"),
        {
            "date": "2026-07-15",
            "agency": pemkab.pk,
            "description": "Hari jadi Kabupaten Tanah Laut",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = CalendarDay.objects.get()
    assert (row.date, row.agency, row.is_working_day) == (day, pemkab, False)
    assert row.created_by == operator
    assert not is_working_day(day, agency=dinas)
    assert is_working_day(day)
    assert add_working_days(date(2026, 7, 14), 1, agency=dinas) == date(2026, 7, 16)


def test_operator_corrects_an_estimated_holiday(client, operator) -> None:
    """SPEC C10: a national correction entered in the admin turns a package holiday into a
    working day, and the change list shows what the package says about that date."""
    day = date(2027, 5, 17)  # Idul Adha (perkiraan)
    assert not is_working_day(day)
    client.force_login(operator)
    response = client.post(
        reverse("admin:standards_calendarday_add"),
        {"date": "2027-05-17", "is_working_day": "on", "description": "Idul Adha bergeser"},
    )
    assert response.status_code == 302
    assert is_working_day(day)
    listing = client.get(reverse("admin:standards_calendarday_changelist"))
    assert "Idul Adha (perkiraan)" in listing.content.decode()


def test_admin_refuses_a_duplicate_national_date_and_an_opd(client, operator, pemkab) -> None:
    """SPEC C10: one national row per date, and local rows sit on the instansi itself."""
    CalendarDay.objects.create(date=date(2026, 7, 15), description="Libur")
    dinas = Agency.objects.create(kind=AgencyKind.DINAS, name="Dinkes", slug="d", parent=pemkab)
    client.force_login(operator)
    url = reverse("admin:standards_calendarday_add")
    duplicate = client.post(url, {"date": "2026-07-15", "description": "Lagi"})
    assert duplicate.status_code == 200
    assert "sudah tercatat untuk tingkat nasional" in duplicate.content.decode()
    on_opd = client.post(url, {"date": "2026-07-16", "agency": dinas.pk, "description": "x"})
    assert on_opd.status_code == 200
    assert "agency" in on_opd.context["adminform"].form.errors
    assert CalendarDay.objects.count() == 1
