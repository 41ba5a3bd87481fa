from __future__ import annotations

from decimal import Decimal

from django import template

from surveys import ikm

register = template.Library()


@register.filter
def angka(value: Decimal | None) -> str:
    """Indonesian number format with two decimals: 88,31."""
    return ikm.format_id(value)
