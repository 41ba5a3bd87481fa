"""Scorecard columns: how an app adds its figures to the Sekda's city-wide scorecard.

The scorecard page lives in reports (the top of the house), but its columns come from apps
below it: reputation (share satisfied), surveys (IKM and mutu), standards (standard and
maklumat status). Each registers its columns from its AppConfig.ready():

    from standards.scorecard import Cell, Column, agency_scorecard

    agency_scorecard.register(Column(
        key="reputasi",
        title=_("Reputasi (% puas)"),
        values=reputation_cells,      # (agencies: list[Agency]) -> {agency_id: Cell}
        obligation=_("penilaian layanan"),
        order=10,
    ))

`values` does a fixed number of queries for the whole list. A Cell with `unmet=True` names
the column's `obligation` in the scorecard's "kewajiban belum dipenuhi" column. A column
whose `values` is None is not built yet: every cell says "belum tersedia", never zero.
`register_default` adds such a placeholder only when no app has registered the key, so the
order of the apps' ready() calls does not matter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Values = Callable[[list[Any]], dict[int, "Cell"]]


@dataclass(frozen=True)
class Cell:
    """One figure: `sort` orders the column (None sorts last), `text` is what shows."""

    text: str
    sort: float | None = None
    unmet: bool = False


@dataclass(frozen=True)
class Column:
    key: str
    title: Any
    values: Values | None = None
    obligation: Any = ""
    order: int = 100

    @property
    def available(self) -> bool:
        return self.values is not None


class ScorecardRegistry:
    def __init__(self, name: str) -> None:
        self.name = name
        self._columns: dict[str, Column] = {}

    def register(self, column: Column) -> None:
        self._columns[column.key] = column

    def register_default(self, column: Column) -> None:
        self._columns.setdefault(column.key, column)

    def unregister(self, key: str) -> None:
        self._columns.pop(key, None)

    def columns(self) -> list[Column]:
        return sorted(self._columns.values(), key=lambda c: (c.order, c.key))


# Rows are agencies (OPD tier).
agency_scorecard = ScorecardRegistry("agency")
# Rows are services.
service_scorecard = ScorecardRegistry("service")
