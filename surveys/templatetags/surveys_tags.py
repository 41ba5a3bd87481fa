from __future__ import annotations

from decimal import Decimal

from django import template

from surveys import ikm

register = template.Library()


@register.filter
def angka(value: Decimal | None) -> str:
    """Indonesian number format with two decimals: 88,31."""
    return ikm.format_id(value)


@register.filter
def bilangan(value: int | None) -> str:
    """A whole number in the Indonesian format: 12.000."""
    return ikm.format_id(value, places=0)
