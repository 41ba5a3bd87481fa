"""A server-rendered SVG bar chart of the nine unsur (no script, prints in the PDF)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from surveys import ikm

WIDTH = 360
BAR_HEIGHT = 20
GAP = 6
LABEL_WIDTH = 34
VALUE_WIDTH = 60


def unsur_bars(result: ikm.IkmResult) -> SafeString:
    """Horizontal bars, one per unsur, on the 25-100 scale; the lowest unsur drawn darker.

    The SVG scales to its container (viewBox, width 100 %), so it fits a 360 px phone.
    """
    lowest = result.lowest.number if result.lowest else None
    height = 9 * (BAR_HEIGHT + GAP) + GAP
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    title = escape(_("Nilai per unsur (skala 25–100)"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="skm-chart-title" class="skm-chart">'
        f'<title id="skm-chart-title">{title}</title>'
    ]
    for i, score in enumerate(result.unsur):
        y = GAP + i * (BAR_HEIGHT + GAP)
        value = score.converted if score.count else None
        length = 0 if value is None else float(value) / 100 * plot
        fill = "#9a3412" if score.number == lowest else "#0d6efd"
        shown = ikm.format_id(value)
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="15" fill="#212529">U{score.number}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{plot}" height="{BAR_HEIGHT}" fill="#e9ecef"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{fill}"/>'
            f'<text x="{WIDTH - VALUE_WIDTH + 6}" y="{y + 15}" font-size="15" '
            f'fill="#212529">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from numbers and escaped text
