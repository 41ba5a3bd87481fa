"""Bar charts drawn on the server as SVG (UX.md: charts always come with their numbers as a
table, and need no JavaScript).

Horizontal bars read on a 360 px phone: the label stays on the left, the bar and its number
on the right, one row per item, however many rows there are. The SVG scales to its box and
keeps its text at a readable size because its drawing width is about a phone's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import dateformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 360
LABEL_WIDTH = 128
VALUE_WIDTH = 40
ROW_HEIGHT = 22
BAR_HEIGHT = 14
LABEL_CHARS = 16


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(
    rows: Sequence[tuple[str, int]], *, chart_id: str, title: str, description: str
) -> SafeString:
    """An SVG with one horizontal bar per (label, value), named by `title` and `description`
    for screen readers; each bar carries its full label and value as a tooltip. Empty for no
    rows (the page shows its table's "no data" line instead)."""
    if not rows:
        return SafeString("")
    top = max(value for _, value in rows) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8
    height = ROW_HEIGHT * len(rows) + 4
    bars = []
    for i, (label, value) in enumerate(rows):
        y = 2 + i * ROW_HEIGHT
        bar = round(span * value / top, 1)
        bars.append(
            (
                f"{label}: {value}",
                LABEL_WIDTH - 6,
                y + BAR_HEIGHT - 2,
                _short(label),
                LABEL_WIDTH,
                y,
                bar,
                BAR_HEIGHT,
                LABEL_WIDTH + bar + 4,
                y + BAR_HEIGHT - 2,
                value,
            )
        )
    body = format_html_join(
        "\n",
        '<g><title>{}</title><text x="{}" y="{}" text-anchor="end" class="lp-bars__label">{}'
        '</text><rect x="{}" y="{}" width="{}" height="{}" class="lp-bars__bar"/>'
        '<text x="{}" y="{}" class="lp-bars__value">{}</text></g>',
        bars,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}"'
        ' role="img" aria-labelledby="{id}-judul {id}-uraian" class="lp-chart lp-bars"'
        ' id="{id}"><title id="{id}-judul">{title}</title><desc id="{id}-uraian">{desc}</desc>'
        "\n{body}\n</svg>",
        w=WIDTH,
        h=height,
        id=chart_id,
        title=title,
        desc=description,
        body=body,
    )


def month_label(month: date) -> str:
    """ "Jan 2026", in the active language."""
    return dateformat.format(month, "M Y")


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet program will not run as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
