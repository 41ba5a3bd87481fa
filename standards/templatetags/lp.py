"""The portal's display conventions (UX.md), as template filters: `{% load lp %}`.

- `{{ d|tanggal_panjang }}` -> "Senin, 23 Maret 2026" (day and month names of the active
  language, through Django's date formatting)
- `{{ dt|jam }}` -> "14.30 WIB" (in the current time zone, with its Indonesian zone name)
- `{{ dt|tanggal_jam }}` -> "Senin, 23 Maret 2026, 14.30 WIB"
- `{{ amount|rupiah }}` -> "Rp 10.000"; zero or nothing -> "GRATIS", never "Rp 0"
- `{{ value|indeks }}` -> "88,31" (two decimals, the active language's separator)
- `{{ field.value|chosen }}` -> the option values a select marks selected (filter bars)
- `{{ key|lookup:mapping }}` -> the entry of a dict for a key, or ""
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, pgettext

register = template.Library()

# Indonesia's three zones by their official Indonesian names; tzdata already uses these, the
# map keeps them when a platform's database spells them as offsets.
_ZONE_NAMES: dict[str, str] = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

Number = int | float | Decimal | str


def _local(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def tanggal_panjang(value: datetime.date | datetime.datetime | None) -> str:
    """The long date with the weekday: "Senin, 23 Maret 2026"."""
    if not isinstance(value, datetime.date):
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value)
    # Translators: Django date format, weekday and long date ("Monday, 23 March 2026").
    return date_format(value, pgettext("format tanggal panjang", "l, j F Y"))


def _zone_name(value: datetime.datetime) -> str:
    if not timezone.is_aware(value):
        value = timezone.make_aware(value)
    key = getattr(value.tzinfo, "key", "")
    return _ZONE_NAMES.get(key) or value.tzname() or ""


@register.filter
def jam(value: datetime.datetime | datetime.time | None) -> str:
    """The time of day with the zone: "14.30 WIB"."""
    if isinstance(value, datetime.datetime):
        value = _local(value)
        zone = _zone_name(value)
    elif isinstance(value, datetime.time):
        zone = _zone_name(timezone.localtime())
    else:
        return ""
    # Translators: Django time format; Indonesian writes 14.30, English 14:30.
    clock = date_format(value, pgettext("format jam", "H.i"))
    return f"{clock} {zone}".strip()


@register.filter
def tanggal_jam(value: datetime.datetime | None) -> str:
    """Long date and time with zone: "Senin, 23 Maret 2026, 14.30 WIB"."""
    if not isinstance(value, datetime.datetime):
        return ""
    return f"{tanggal_panjang(value)}, {jam(value)}"


def _decimal(value: Number | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def rupiah(value: Number | None) -> str:
    """Money as "Rp 10.000"; zero or no amount is "GRATIS" (SPEC S1: an explicit free)."""
    amount = _decimal(value)
    if amount is None or amount == 0:
        return gettext("GRATIS")
    decimals = 0 if amount == amount.to_integral_value() else 2
    amount = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    number = formats.number_format(amount, decimals, use_l10n=True, force_grouping=True)
    return f"Rp {number}"


@register.filter
def indeks(value: Number | None) -> str:
    """An index (IKM, reputation score) with two decimals: "88,31"; nothing gives "–".

    Halves round up (62,005 -> 62,01), as the SKM tables are read.
    """
    number = _decimal(value)
    if number is None:
        return "–"
    number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return formats.number_format(number, 2, use_l10n=True)


@register.filter
def chosen(value: Any) -> list[str]:
    """A form field's value as the list of option values to mark selected: `{% with
    picked=field.value|chosen %}` then `{% if option|stringformat:"s" in picked %}`."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None]
    return [str(value)]


@register.filter
def lookup(key: Any, mapping: Any) -> Any:
    """`{{ value|lookup:mapping }}`: the entry of `mapping` for `value`, or ""."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
