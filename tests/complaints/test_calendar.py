"""The working-day calendar on real dates (SPEC C10), and the deadlines built on it (C8)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from complaints.calendar import (
    add_working_days,
    deadline_at,
    is_working_day,
    package_holidays,
    working_days_between,
    working_days_left,
)
from standards.models import Agency, AgencyKind, CalendarDay

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _western_indonesia(settings) -> None:
    """These cases are written in WIB: the pemda of this module lies in Asia/Jakarta."""
    settings.TIME_ZONE = "Asia/Jakarta"


pytestmark = pytest.mark.django_db


# The reference list, straight from the package, for a plain day-by-day walk.
_LISTED = holidays.Indonesia(years=range(2025, 2029), categories=("public", "government"))


def _naive_is_working(day: date) -> bool:
    return day.weekday() < 5 and day not in _LISTED


def _naive_add(start: date, days: int) -> date:
    current = start
    while days:
        current += timedelta(days=1)
        if _naive_is_working(current):
            days -= 1
    return current


@pytest.fixture
def tree() -> dict[str, Agency]:
    pemkab = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Tanah Laut", slug="tala")
    pemkot = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkot Banjarbaru", slug="bjb")
    return {
        "pemkab": pemkab,
        "pemkot": pemkot,
        "dinas_a": Agency.objects.create(
            kind=AgencyKind.DINAS, name="Dinas Kesehatan", slug="dinkes-tala", parent=pemkab
        ),
        "dinas_b": Agency.objects.create(
            kind=AgencyKind.DINAS, name="Dinas Kesehatan", slug="dinkes-bjb", parent=pemkot
        ),
    }


def test_package_lists_the_2026_national_holidays_and_cuti_bersama() -> None:
    """SPEC C10: the 2026 list holds the national holidays and the cuti bersama."""
    listed = package_holidays(2026)
    for day in [
        date(2026, 1, 1),  # Tahun Baru
        date(2026, 3, 19),  # Nyepi
        date(2026, 3, 18),  # cuti bersama Nyepi
        date(2026, 3, 20),  # cuti bersama Idul Fitri
        date(2026, 3, 21),  # Idul Fitri
        date(2026, 3, 23),  # cuti bersama Idul Fitri
        date(2026, 3, 24),  # cuti bersama Idul Fitri
        date(2026, 6, 1),  # Hari Lahir Pancasila
        date(2026, 8, 17),  # Hari Kemerdekaan
        date(2026, 12, 24),  # cuti bersama Natal
        date(2026, 12, 25),  # Natal
    ]:
        assert day in listed
    assert date(2026, 3, 25) not in listed


def test_weekends_and_holidays_are_not_working_days() -> None:
    """SPEC C10: weekends, national holidays and cuti bersama are not working days."""
    assert is_working_day(date(2026, 3, 17))  # Tuesday
    assert not is_working_day(date(2026, 3, 14))  # Saturday
    assert not is_working_day(date(2026, 3, 15))  # Sunday
    assert not is_working_day(date(2026, 3, 19))  # Nyepi
    assert not is_working_day(date(2026, 3, 23))  # cuti bersama Idul Fitri, a Monday
    assert not is_working_day(date(2026, 8, 17))  # Hari Kemerdekaan, a Monday
    assert not is_working_day(date(2026, 6, 1))  # Pancasila, a Monday


def test_idul_fitri_2026_week_is_skipped() -> None:
    """SPEC C10: Nyepi, Idul Fitri and their cuti bersama (18-24 March 2026) are skipped."""
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)
    assert add_working_days(date(2026, 3, 13), 2) == date(2026, 3, 17)
    assert add_working_days(date(2026, 3, 13), 3) == date(2026, 3, 25)
    assert add_working_days(date(2026, 3, 17), 1) == date(2026, 3, 25)
    assert working_days_between(date(2026, 3, 17), date(2026, 3, 25)) == 1
    assert working_days_between(date(2026, 3, 17), date(2026, 3, 24)) == 0


def test_single_holidays_on_mondays_and_mid_week_2026() -> None:
    """SPEC C10: 17 August and 1 June 2026 (Mondays) and Idul Adha (27-28 May) are skipped."""
    assert add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)
    assert add_working_days(date(2026, 5, 29), 1) == date(2026, 6, 2)
    assert add_working_days(date(2026, 5, 26), 1) == date(2026, 5, 29)


def test_christmas_2026_and_new_year_2027_across_the_year_end() -> None:
    """SPEC C10: 24-25 Dec 2026, 1 Jan 2027 and Isra Mikraj (5 Jan 2027) are skipped."""
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 23), 4) == date(2026, 12, 31)
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 23), 6) == date(2027, 1, 6)
    # December 2026 after the 1st: 3 + 5 + 5 + 3 + 4 working days.
    assert add_working_days(date(2026, 12, 1), 20) == date(2026, 12, 31)
    assert add_working_days(date(2026, 12, 1), 22) == date(2027, 1, 6)
    assert working_days_between(date(2026, 12, 1), date(2027, 1, 6)) == 22


def test_idul_fitri_2027_estimated_dates_are_skipped() -> None:
    """SPEC C10: 8-15 March 2027 (Nyepi, Idul Fitri "perkiraan", cuti bersama) are skipped."""
    assert date(2027, 3, 10) in package_holidays(2027)
    assert add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 16)
    assert working_days_between(date(2027, 3, 5), date(2027, 3, 16)) == 1


def test_add_and_count_agree_with_a_day_by_day_walk_for_every_day_of_2026() -> None:
    """SPEC C10 and C8: for every day of 2026 and the deadline lengths, adding n working days
    matches a plain day-by-day walk, and counting back gives n."""
    day = date(2026, 1, 1)
    while day.year == 2026:
        for n in (0, 1, 3, 5, 10, 14, 60):
            end = add_working_days(day, n)
            assert end == _naive_add(day, n), (day, n)
            assert working_days_between(day, end) == n, (day, n)
        day += timedelta(days=1)


def test_working_days_between_is_zero_for_an_empty_or_reversed_span() -> None:
    """SPEC C10: no working days lie in an empty or reversed span."""
    assert working_days_between(date(2026, 3, 17), date(2026, 3, 17)) == 0
    assert working_days_between(date(2026, 3, 25), date(2026, 3, 17)) == 0
    assert add_working_days(date(2026, 3, 21), 0) == date(2026, 3, 21)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 21), -1)


def test_a_national_calendar_day_is_a_holiday_everywhere(tree: dict[str, Agency]) -> None:
    """SPEC C10: a holiday an operator adds nationally applies to every agency."""
    day = date(2026, 7, 15)  # a Wednesday
    CalendarDay.objects.create(date=day, description="Libur nasional tambahan")
    for agency in (None, tree["pemkab"], tree["dinas_a"], tree["dinas_b"]):
        assert not is_working_day(day, agency=agency)
    assert add_working_days(date(2026, 7, 14), 1) == date(2026, 7, 16)


def test_a_local_holiday_applies_to_the_pemda_subtree_only(tree: dict[str, Agency]) -> None:
    """SPEC C10: a local holiday (hari jadi kabupaten) on the pemda applies to its OPDs and
    not to another pemda's OPDs nor nationally."""
    day = date(2026, 7, 15)
    CalendarDay.objects.create(date=day, agency=tree["pemkab"], description="Hari jadi Tala")
    assert not is_working_day(day, agency=tree["pemkab"])
    assert not is_working_day(day, agency=tree["dinas_a"])
    assert is_working_day(day, agency=tree["dinas_b"])
    assert is_working_day(day, agency=tree["pemkot"])
    assert is_working_day(day)
    assert add_working_days(date(2026, 7, 14), 1, agency=tree["dinas_a"]) == date(2026, 7, 16)
    assert add_working_days(date(2026, 7, 14), 1, agency=tree["dinas_b"]) == day
    assert working_days_between(date(2026, 7, 13), date(2026, 7, 17), agency=tree["dinas_a"]) == 3


def test_an_instansi_row_wins_over_a_national_row(tree: dict[str, Agency]) -> None:
    """SPEC C10: the instansi's own row for a date overrides the national row."""
    day = date(2026, 7, 15)
    CalendarDay.objects.create(date=day, description="Libur nasional tambahan")
    CalendarDay.objects.create(
        date=day, agency=tree["pemkab"], is_working_day=True, description="Tetap masuk"
    )
    assert is_working_day(day, agency=tree["dinas_a"])
    assert not is_working_day(day, agency=tree["dinas_b"])


def test_a_correction_makes_an_estimated_holiday_a_working_day() -> None:
    """SPEC C10: when an estimated Islamic date moves, the operator's correction makes the
    package's holiday count as a working day again."""
    day = date(2027, 5, 17)  # Idul Adha (perkiraan), a Monday
    assert not is_working_day(day)
    CalendarDay.objects.create(date=day, is_working_day=True, description="Idul Adha bergeser")
    assert is_working_day(day)
    assert add_working_days(date(2027, 5, 14), 1) == day
    assert working_days_between(date(2027, 5, 14), date(2027, 5, 21)) == 2  # 17 and 21


def test_a_saturday_made_a_working_day_counts() -> None:
    """SPEC C10: an operator may make a weekend day a working day (a make-up day)."""
    saturday = date(2026, 7, 18)
    CalendarDay.objects.create(date=saturday, is_working_day=True, description="Hari kerja")
    assert add_working_days(date(2026, 7, 17), 1) == saturday
    assert add_working_days(date(2026, 7, 10), 6) == saturday
    assert add_working_days(date(2026, 7, 10), 7) == date(2026, 7, 20)
    assert working_days_between(date(2026, 7, 1), date(2026, 7, 31)) == 23
    for n in (1, 5, 6, 10, 14, 60):
        assert working_days_between(date(2026, 7, 1), add_working_days(date(2026, 7, 1), n)) == n


def test_adding_or_deleting_a_calendar_day_takes_effect_at_once() -> None:
    """SPEC C10: the cached calendar is invalidated when a CalendarDay is saved or deleted."""
    day = date(2026, 7, 15)
    assert is_working_day(day)
    row = CalendarDay.objects.create(date=day, description="Libur daerah")
    assert not is_working_day(day)
    row.is_working_day = True
    row.save()
    assert is_working_day(day)
    row.delete()
    assert is_working_day(day)
    CalendarDay.objects.create(date=day, description="Libur daerah")
    assert not is_working_day(day)


def test_sixty_working_days_take_one_query_then_none(
    tree: dict[str, Agency], django_assert_max_num_queries, django_assert_num_queries
) -> None:
    """SPEC C8/C10: the 60-working-day deadline costs at most one query, none once cached."""
    CalendarDay.objects.create(date=date(2026, 7, 15), agency=tree["pemkab"], description="x")
    with django_assert_max_num_queries(1):
        end = add_working_days(date(2026, 6, 1), 60, agency=tree["dinas_a"])
    with django_assert_num_queries(0):
        assert add_working_days(date(2026, 6, 1), 60, agency=tree["dinas_a"]) == end
        working_days_between(date(2026, 6, 1), end, agency=tree["dinas_a"])
    # The pemkab's local holiday pushes its OPD's deadline one working day further.
    other = add_working_days(date(2026, 6, 1), 60, agency=tree["dinas_b"])
    assert end == add_working_days(other, 1)


def test_c8_deadlines_end_at_the_end_of_the_local_working_day() -> None:
    """SPEC C8: 5, 14 and 60 working days from receipt end at 23:59:59.999999 WIB of that
    day; the receipt day does not count and the holidays are skipped."""
    received = datetime(2026, 3, 16, 10, 0, tzinfo=WIB)
    five = deadline_at(received, 5)
    assert five == datetime(2026, 3, 30, 23, 59, 59, 999999, tzinfo=WIB)
    assert five.utcoffset() == timedelta(hours=7)
    # 31 Mar, 1-2 Apr, (3 Apr Wafat Yesus Kristus), 6-10 Apr, 13 Apr.
    assert deadline_at(received, 14).date() == date(2026, 4, 13)
    assert deadline_at(received, 60) == datetime.combine(
        _naive_add(date(2026, 3, 16), 60), time.max, tzinfo=WIB
    )


def test_deadline_at_counts_from_the_local_date_not_the_utc_date() -> None:
    """SPEC C8: receipt at 05:30 WIB on 17 March (22:30 UTC on the 16th) counts from the
    17th, so one working day later is 25 March 2026 (after Idul Fitri)."""
    received = datetime(2026, 3, 16, 22, 30, tzinfo=ZoneInfo("UTC"))
    due = deadline_at(received, 1)
    assert due == datetime(2026, 3, 25, 23, 59, 59, 999999, tzinfo=WIB)
    assert due.tzinfo is not None
    with pytest.raises(ValueError):
        deadline_at(datetime(2026, 3, 16, 10, 0), 1)  # noqa: DTZ001


def test_working_days_left_is_signed() -> None:
    """SPEC C9: days left count after today up to the deadline day; an overdue item shows
    minus the working days since, never 0."""
    deadline = deadline_at(datetime(2026, 3, 16, 10, 0, tzinfo=WIB), 5)  # Mon 30 March
    assert working_days_left(datetime(2026, 3, 16, 11, 0, tzinfo=WIB), deadline) == 5
    assert working_days_left(datetime(2026, 3, 21, 9, 0, tzinfo=WIB), deadline) == 4
    assert working_days_left(datetime(2026, 3, 26, 9, 0, tzinfo=WIB), deadline) == 2
    assert working_days_left(datetime(2026, 3, 30, 15, 0, tzinfo=WIB), deadline) == 0
    assert working_days_left(deadline, deadline) == 0
    assert working_days_left(datetime(2026, 3, 31, 0, 0, tzinfo=WIB), deadline) == -1
    assert working_days_left(datetime(2026, 4, 2, 8, 0, tzinfo=WIB), deadline) == -3
    assert working_days_left(datetime(2026, 4, 4, 8, 0, tzinfo=WIB), deadline) == -3
    friday = deadline_at(datetime(2026, 3, 26, 10, 0, tzinfo=WIB), 1)  # Fri 27 March
    assert working_days_left(datetime(2026, 3, 28, 9, 0, tzinfo=WIB), friday) == -1
