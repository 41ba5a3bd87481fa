"""Geometry of the monthly trend chart: the template draws it as inline SVG (UX.md: charts are
SVG rendered on the server, always with their numbers as a table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH = 360
HEIGHT = 160
TOP = 10
BOTTOM = 24  # room for month labels
LEFT = 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: Any
    value: str
    empty: bool


def trend_chart(points: list[Any]) -> dict[str, Any]:
    """Bars of the satisfied share per month (0-100%); months without ratings drawn empty."""
    n = max(len(points), 1)
    plot_h = HEIGHT - TOP - BOTTOM
    step = (WIDTH - LEFT) / n
    bars = []
    for i, point in enumerate(points):
        share = point.score.share
        h = plot_h * (share or 0) / 100
        bars.append(
            Bar(
                x=round(LEFT + i * step + step * 0.15, 1),
                y=round(TOP + plot_h - h, 1),
                width=round(step * 0.7, 1),
                height=round(h, 1),
                month=point.month,
                value="" if share is None else f"{share:.0f}",
                empty=share is None,
            )
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "base_y": TOP + plot_h,
        "mid_y": int(TOP + plot_h / 2),
        "top_y": TOP,
        "left": LEFT,
        "label_y": HEIGHT - 8,
    }
