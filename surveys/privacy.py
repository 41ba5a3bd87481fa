"""Small-cell suppression: the public never learns about fewer than 5 respondents at once.

Profile breakdowns (gender, age band, education, occupation) show a cell only when it counts
5 or more respondents. Smaller cells are merged into one "other" cell; when that merged cell
would itself count 1-4, the smallest shown cells join it until it reaches 5 (otherwise the
total minus the shown cells would give the hidden number away). Below 5 respondents in all,
nothing is broken down.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_CELL = 5


@dataclass(frozen=True)
class Cell:
    label: str
    count: int
    merged: bool = False  # the cell stands for several categories


def suppress(
    cells: list[tuple[str, int]], *, other_label: str, min_cell: int = MIN_CELL
) -> list[Cell]:
    """The cells safe to publish, largest first, with the small ones merged."""
    nonzero = [(label, n) for label, n in cells if n > 0]
    total = sum(n for _label, n in nonzero)
    if total < min_cell:
        return []
    shown = sorted((c for c in nonzero if c[1] >= min_cell), key=lambda c: (-c[1], c[0]))
    hidden = sum(n for _label, n in nonzero if n < min_cell)
    while 0 < hidden < min_cell and shown:
        hidden += shown.pop()[1]  # the smallest shown cell joins the merged one
    result = [Cell(label, n) for label, n in shown]
    if hidden:
        result.append(Cell(other_label, hidden, merged=True))
    return result
