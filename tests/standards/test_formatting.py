"""The `lp` template filters: dates, times, money and indexes as UX.md writes them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from standards.templatetags.lp import indeks, jam, rupiah, tanggal_jam, tanggal_panjang

JAKARTA = ZoneInfo("Asia/Jakarta")
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _indonesian() -> None:
    with translation.override("id"), timezone.override(JAKARTA):
        yield


def test_long_date_in_indonesian() -> None:
    assert tanggal_panjang(datetime.date(2026, 3, 23)) == "Senin, 23 Maret 2026"
    assert tanggal_panjang(datetime.date(2026, 8, 1)) == "Sabtu, 1 Agustus 2026"


def test_long_date_in_english() -> None:
    with translation.override("en"):
        assert tanggal_panjang(datetime.date(2026, 3, 23)) == "Monday, 23 March 2026"


def test_long_date_of_a_datetime_uses_the_local_day() -> None:
    # 20.00 UTC on the 22nd is 03.00 WIB on Monday the 23rd.
    moment = datetime.datetime(2026, 3, 22, 20, 0, tzinfo=UTC)
    assert tanggal_panjang(moment) == "Senin, 23 Maret 2026"


def test_time_with_zone_in_each_indonesian_zone() -> None:
    moment = datetime.datetime(2026, 3, 23, 7, 30, tzinfo=UTC)
    assert jam(moment) == "14.30 WIB"
    with timezone.override(ZoneInfo("Asia/Makassar")):
        assert jam(moment) == "15.30 WITA"
    with timezone.override(ZoneInfo("Asia/Jayapura")):
        assert jam(moment) == "16.30 WIT"


def test_time_in_english_uses_a_colon() -> None:
    with translation.override("en"):
        assert jam(datetime.datetime(2026, 3, 23, 7, 5, tzinfo=UTC)) == "14:05 WIB"


def test_time_of_day_without_a_date_takes_the_current_zone() -> None:
    assert jam(datetime.time(9, 0)) == "09.00 WIB"


def test_date_and_time_together() -> None:
    moment = datetime.datetime(2026, 3, 23, 7, 30, tzinfo=UTC)
    assert tanggal_jam(moment) == "Senin, 23 Maret 2026, 14.30 WIB"


@pytest.mark.parametrize("empty", [None, "", "bukan tanggal"])
def test_dates_and_times_of_nothing_are_empty(empty: object) -> None:
    assert tanggal_panjang(empty) == ""
    assert jam(empty) == ""
    assert tanggal_jam(empty) == ""


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (10000, "Rp 10.000"),
        (Decimal("1500000"), "Rp 1.500.000"),
        (Decimal("10000.00"), "Rp 10.000"),
        (Decimal("2500.50"), "Rp 2.500,50"),
        (500, "Rp 500"),
        ("75000", "Rp 75.000"),
    ],
)
def test_money_in_rupiah(amount: object, shown: str) -> None:
    assert rupiah(amount) == shown


@pytest.mark.parametrize("free", [0, Decimal("0.00"), None, ""])
def test_zero_or_no_amount_is_free_never_rp_0(free: object) -> None:
    """SPEC S1: the tariff is an amount or an explicit "gratis"."""
    assert rupiah(free) == "GRATIS"
    with translation.override("en"):
        assert rupiah(free) == "FREE"


def test_money_in_english_groups_with_commas() -> None:
    with translation.override("en"):
        assert rupiah(10000) == "Rp 10,000"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("88.31"), "88,31"), (88.314, "88,31"), (75, "75,00"), (Decimal("62.005"), "62,01")],
)
def test_index_with_two_decimals_and_a_comma(value: object, shown: str) -> None:
    assert indeks(value) == shown


def test_index_in_english_and_of_nothing() -> None:
    with translation.override("en"):
        assert indeks(Decimal("88.31")) == "88.31"
    assert indeks(None) == "–"


def test_filters_work_in_templates() -> None:
    template = Template(
        "{% load lp %}{{ d|tanggal_panjang }} · {{ t|jam }} · {{ biaya|rupiah }} · "
        "{{ gratis|rupiah }} · {{ ikm|indeks }}"
    )
    context = Context(
        {
            "d": datetime.date(2026, 3, 23),
            "t": datetime.datetime(2026, 3, 23, 7, 30, tzinfo=UTC),
            "biaya": 10000,
            "gratis": 0,
            "ikm": Decimal("88.31"),
        }
    )
    assert (
        template.render(context) == "Senin, 23 Maret 2026 · 14.30 WIB · Rp 10.000 · GRATIS · 88,31"
    )


def test_default_zone_is_the_demo_pemdas_own() -> None:
    """UX.md: times in the pemda's own zone; Tanah Laut (the default pemda) keeps WITA."""
    from django.conf import settings as django_settings

    assert "Tanah Laut" in django_settings.PEMDA_NAME
    assert django_settings.TIME_ZONE == "Asia/Makassar"
    moment = datetime.datetime(2026, 3, 23, 7, 5, tzinfo=UTC)
    with timezone.override(django_settings.TIME_ZONE):
        assert jam(moment) == "15.05 WITA"
